import { type AgencyFact, type FactsQuery, loaderByKey, loaderOfLists } from '@kdn/platform';
import type { PrismaClient } from '@kdn/prisma/agencies';

/** An agency's batching loaders: by id, and a district's agencies by kind then name. */
export function agencyLoaders(db: PrismaClient) {
  return {
    agency: loaderByKey(
      (ids: string[]) => db.agency.findMany({ where: { id: { in: ids } } }),
      (agency) => agency.id,
    ),
    agenciesOfDistrict: loaderOfLists(
      (codes: string[]) =>
        db.agency.findMany({
          where: { districtCode: { in: codes } },
          orderBy: [{ kind: 'asc' }, { name: 'asc' }],
        }),
      (agency) => agency.districtCode,
    ),
  };
}

export type AgencyLoaders = ReturnType<typeof agencyLoaders>;

/** Agencies with their kind, district and closing day, one statement per page. */
export function agencyFacts(db: PrismaClient, query: FactsQuery): Promise<AgencyFact[]> {
  return db.$queryRawUnsafe<AgencyFact[]>(
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
