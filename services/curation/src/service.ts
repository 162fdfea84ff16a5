import { openDatabase, type SubgraphService } from '@kdn/platform';
import { PrismaClient } from '@kdn/prisma/curation';
import { agencyDirectoryAt } from './agency-directory.ts';
import { agencyReactions } from './agency-events.ts';
import { wardsOfCurator } from './case-access.ts';
import { type CurationDatabase, createLoaders } from './context.ts';
import { registerDirectoryAt } from './register-directory.ts';
import { registerReactions } from './register-events.ts';
import { schema } from './schema.ts';

/** The curation subgraph: curators, their assignments to wards, replacements and visits. */
export const curationService: SubgraphService<CurationDatabase> = {
  name: 'curation',
  schema,
  openDatabase: (location) => openDatabase('curation', (adapter) => new PrismaClient({ adapter }), location),
  context: (database, peers) => (base) => ({
    ...base,
    db: database.client,
    agencies: agencyDirectoryAt(peers.agencies, base.authorization),
    register: registerDirectoryAt(peers.registry, base.authorization),
    peers,
    loaders: createLoaders(database.client, base.access),
  }),
  // A curator's wards are curation's own: answered from its tables, for itself and for its peers.
  caseLinks: (database) => ({ wardsOfCurator: (curatorId) => wardsOfCurator(database.client, curatorId) }),
  subscriptions: () => ({ registry: registerReactions, agencies: agencyReactions }),
};
