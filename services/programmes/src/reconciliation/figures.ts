import type { FactsQuery, ProgrammeFact } from '@kdn/platform';
import type { PrismaClient } from '@kdn/prisma/programmes';

/** Programmes with their status, period, registration, family and curator, one statement per page. */
export function programmeFacts(db: PrismaClient, query: FactsQuery): Promise<ProgrammeFact[]> {
  return db.$queryRawUnsafe<ProgrammeFact[]>(
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
