import { openDatabase, type SubgraphService } from '@kdn/platform';
import { PrismaClient } from '@kdn/prisma/curation';
import { agencyReactions } from './agency/reactions.ts';
import { agencyDirectoryAt } from './agency/remote.ts';
import { type CurationDatabase, createLoaders } from './context.ts';
import { registerReactions } from './register/reactions.ts';
import { registerDirectoryAt } from './register/remote.ts';
import { schema } from './schema.ts';
import { wardsOfCurator } from './ward/figures.ts';

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
