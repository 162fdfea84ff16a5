import { addFamilyAudit, isUuid } from '@kdn/platform';
import { builder } from './builder.ts';

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
