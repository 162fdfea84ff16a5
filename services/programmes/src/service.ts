import { openDatabase, type SubgraphService } from '@kdn/platform';
import { PrismaClient } from '@kdn/prisma/programmes';
import { createLoaders, type ProgrammesDatabase } from './context.ts';
import { schema } from './schema.ts';

export const programmesService: SubgraphService<ProgrammesDatabase> = {
  name: 'programmes',
  schema,
  openDatabase: (location) =>
    openDatabase('programmes', (adapter) => new PrismaClient({ adapter }), location),
  context: (database, peers) => (base) => ({
    ...base,
    db: database.client,
    peers,
    loaders: createLoaders(database.client),
  }),
};
