import { openDatabase, type SubgraphService } from '@kdn/platform';
import { PrismaClient } from '@kdn/prisma/programmes';
import { createLoaders, type ProgrammesDatabase } from './context.ts';
import { familiesServedBy } from './programme/figures.ts';
import { curationReactions, registerReactions } from './programme/reactions.ts';
import { schema } from './schema.ts';
import { referencesAt } from './shared/remote.ts';

/** The programmes subgraph: МИПСР programmes, measures by agency, working-group meetings, progress reports. */
export const programmesService: SubgraphService<ProgrammesDatabase> = {
  name: 'programmes',
  schema,
  openDatabase: (location) =>
    openDatabase('programmes', (adapter) => new PrismaClient({ adapter }), location),
  context: (database, peers) => (base) => ({
    ...base,
    db: database.client,
    // The owners of the records referenced answer on the user's behalf, under the same policy.
    references: referencesAt(peers, base.authorization),
    loaders: createLoaders(database.client, base.access),
  }),
  caseLinks: (database) => ({
    familiesServedByAgency: (agencyId) => familiesServedBy(database.client, agencyId),
  }),
  subscriptions: () => ({ registry: registerReactions, curation: curationReactions }),
};
