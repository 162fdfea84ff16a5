import { addDomainEvents, addFamilyAudit, isUuid } from '@kdn/platform';
import { builder } from './builder.ts';
// The modules add their fields to Query, Mutation and the other subgraphs' entities in this order.
import './reconciliation/types.ts';
import './checklist/types.ts';
import './meeting/types.ts';
import './report/types.ts';
import './measure/types.ts';
import './programme/types.ts';
import './goal/types.ts';
import './change/types.ts';
import './outcome/types.ts';

/**
 * Who viewed or changed a family's programmes, goals, measures, reports and reviews. Its commission
 * is the one of the district of its programmes; a family with none has no records here.
 */
addFamilyAudit(builder, {
  service: 'programmes',
  db: (context) => context.db,
  districtOf: async (familyId, { loaders }) =>
    isUuid(familyId) ? ((await loaders.districtOfFamily.load(familyId))?.districtCode ?? null) : null,
});

// Its outbox served to its peers and integrators, and its consumer's dead events and cursors (docs/events.md).
addDomainEvents(builder, { service: 'programmes', db: (context) => context.db, consumes: true });

/** The programmes subgraph: МИПСР programmes, measures by agency, working-group meetings, progress reports. */
export const schema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
