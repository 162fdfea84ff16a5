import { openDatabase, type SubgraphService } from '@kdn/platform';
import { PrismaClient } from '@kdn/prisma/curation';
import { type CurationDatabase, createLoaders } from './context.ts';
import { schema } from './schema.ts';

export const curationService: SubgraphService<CurationDatabase> = {
  name: 'curation',
  schema,
  openDatabase: (location) => openDatabase('curation', (adapter) => new PrismaClient({ adapter }), location),
  context: (database, peers) => (base) => ({
    ...base,
    db: database.client,
    peers,
    loaders: createLoaders(database.client),
  }),
};
