import { openDatabase, type SubgraphService } from '@kdn/platform';
import { PrismaClient } from '@kdn/prisma/agencies';
import { type AgenciesDatabase, createLoaders } from './context.ts';
import { schema } from './schema.ts';

/** The agencies subgraph: districts, commissions, agencies of the prevention system, resource centres. */
export const agenciesService: SubgraphService<AgenciesDatabase> = {
  name: 'agencies',
  schema,
  openDatabase: (location) => openDatabase('agencies', (adapter) => new PrismaClient({ adapter }), location),
  context: (database) => (base) => ({
    ...base,
    db: database.client,
    loaders: createLoaders(database.client),
  }),
};
