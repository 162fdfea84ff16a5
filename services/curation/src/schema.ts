import { addDomainEvents, addFamilyAudit, isUuid } from '@kdn/platform';
import { builder } from './builder.ts';
// Each module's types, in the order of the fields they add to the same type (`Agency`, `Family`).
import './reconciliation/types.ts';
import './agency/types.ts';
import './curator/types.ts';
import './ward/types.ts';
import './assignment/types.ts';
import './visit/types.ts';
import './district/types.ts';

// Who viewed or changed a family's curation records: its district is that of its latest assignment.
addFamilyAudit(builder, {
  service: 'curation',
  db: (context) => context.db,
  districtOf: async (familyId, { loaders }) =>
    isUuid(familyId) ? ((await loaders.districtOfFamily.load(familyId))?.districtCode ?? null) : null,
});

// Its outbox served to its peers and integrators, and its consumer's dead events and cursors (docs/events.md).
addDomainEvents(builder, { service: 'curation', db: (context) => context.db, consumes: true });

/** The curation subgraph: curators, their assignments to wards, replacements and visits. */
export const schema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
