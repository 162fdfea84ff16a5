import { addDomainEvents, addFamilyAudit, isUuid } from '@kdn/platform';
import { builder } from './builder.ts';
import './reconciliation-facts.ts';
import './reconciliation.ts';
import './references.ts';
import './curator.ts';
import './ward.ts';
import './assignment.ts';
import './visit.ts';
import './district.ts';
import './home-visit-months.ts';
import './agency-caseload.ts';

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
