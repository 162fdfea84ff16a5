import { openDatabase, type SubgraphService } from '@kdn/platform';
import { PrismaClient } from '@kdn/prisma/registry';
import { createLoaders, type RegistryDatabase } from './context.ts';
import { agencyDirectoryAt } from './registration/remote.ts';
import { schema } from './schema.ts';

/** The registry subgraph: families, minors and their registrations on the commissions' register. */
export const registryService: SubgraphService<RegistryDatabase> = {
  name: 'registry',
  schema,
  openDatabase: (location) => openDatabase('registry', (adapter) => new PrismaClient({ adapter }), location),
  context: (database, peers) => (base) => ({
    ...base,
    db: database.client,
    agencies: agencyDirectoryAt(peers.agencies, base.authorization),
    loaders: createLoaders(database.client),
  }),
};
