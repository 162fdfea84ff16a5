import { type AssignmentFact, type CuratorFact, type FactsQuery, minorFactsOf } from '@kdn/platform';
import type { PrismaClient } from '@kdn/prisma/curation';

interface AssignmentRow extends Omit<AssignmentFact, 'minors'> {
  minors: unknown;
}

/** Curator assignments with their minors and the days curation counts each, one statement per page. */
export async function assignmentFacts(db: PrismaClient, query: FactsQuery): Promise<AssignmentFact[]> {
  const rows = await db.$queryRawUnsafe<AssignmentRow[]>(
    `SELECT a.id, a."familyId", a."registrationId", a."curatorId", a."districtCode", a."startedOn", a."endedOn",
            (SELECT json_agg(json_build_object('minorId', m."minorId", 'addedOn', m."addedOn", 'countedUntil', m."countedUntil")
                    ORDER BY m."minorId")
               FROM "AssignedMinor" m
              WHERE m."assignmentId" = a.id) AS minors
       FROM "CuratorAssignment" a
      WHERE ($1::uuid IS NULL OR a.id > $1::uuid)
        AND ($2::uuid[] IS NULL OR a."familyId" = ANY($2::uuid[]))
        AND ($3::text IS NULL OR a."districtCode" = $3)
      ORDER BY a.id
      LIMIT $4`,
    query.after,
    query.familyIds,
    query.districtCode,
    query.limit,
  );
  return rows.map((row) => ({ ...row, minors: minorFactsOf(row.minors) }));
}

/** Curators with the kind and district they copied from their agency. */
export function curatorFacts(db: PrismaClient, query: FactsQuery): Promise<CuratorFact[]> {
  return db.$queryRawUnsafe<CuratorFact[]>(
    `SELECT id, "agencyId", "agencyKind"::text AS "agencyKind", "districtCode"
       FROM "Curator"
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
