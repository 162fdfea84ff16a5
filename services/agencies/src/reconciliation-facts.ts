import { type AgencyFact, addReconciliationFacts, type FactsQuery } from '@kdn/platform';
import { builder } from './builder.ts';
import type { AgenciesContext } from './context.ts';

/** Agencies with their kind, district and closing day, one statement per page. */
function agencyFacts(context: AgenciesContext, query: FactsQuery): Promise<AgencyFact[]> {
  return context.db.$queryRawUnsafe<AgencyFact[]>(
    `SELECT id, kind::text AS kind, "districtCode", "closedOn"
       FROM "Agency"
      WHERE ($1::uuid IS NULL OR id > $1::uuid)
        AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))
        AND ($3::text IS NULL OR "districtCode" = $3)
      ORDER BY id
      LIMIT $4`,
    query.after,
    query.ids,
    query.districtCode,
    query.limit,
  );
}

addReconciliationFacts(builder, { agencies: agencyFacts });
