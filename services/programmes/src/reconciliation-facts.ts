import { addEventReplay, addReconciliationFacts, type FactsQuery, type ProgrammeFact } from '@kdn/platform';
import { builder } from './builder.ts';
import type { ProgrammesContext } from './context.ts';

/** Programmes with their status, period, registration, family and curator, one statement per page. */
function programmeFacts(context: ProgrammesContext, query: FactsQuery): Promise<ProgrammeFact[]> {
  return context.db.$queryRawUnsafe<ProgrammeFact[]>(
    `SELECT id, "familyId", "registrationId", "curatorId", "districtCode", status::text AS status, "periodFrom", "periodTo"
       FROM "Programme"
      WHERE ($1::uuid IS NULL OR id > $1::uuid)
        AND ($2::uuid[] IS NULL OR "familyId" = ANY($2::uuid[]))
        AND ($3::text IS NULL OR "districtCode" = $3)
      ORDER BY id
      LIMIT $4`,
    query.after,
    query.familyIds,
    query.districtCode,
    query.limit,
  );
}

addReconciliationFacts(builder, { programmes: programmeFacts });
addEventReplay(builder, { service: 'programmes' });
