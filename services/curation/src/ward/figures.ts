import { isoDate, loaderByKey, today } from '@kdn/platform';
import type { Prisma, PrismaClient } from '@kdn/prisma/curation';

/** The wards' loader of a request; `visible` answers the wards its principal sees. */
export function wardLoaders(db: PrismaClient, visible: () => Promise<Prisma.WardWhereInput>) {
  return {
    ward: loaderByKey(
      async (familyIds: string[]) =>
        db.ward.findMany({ where: { AND: [{ familyId: { in: familyIds } }, await visible()] } }),
      (ward) => ward.familyId,
    ),
  };
}

/**
 * The families a curator curates today: an assignment that has started and not ended. The case
 * link the other subgraphs ask curation for (`Query.wardFamilyIds`), to show a curator its wards.
 */
export async function wardsOfCurator(db: PrismaClient, curatorId: string): Promise<ReadonlySet<string>> {
  const day = isoDate(today());
  const rows = await db.$queryRaw<Array<{ familyId: string }>>`
    SELECT DISTINCT "familyId"
      FROM "CuratorAssignment"
     WHERE "curatorId" = ${curatorId}::uuid
       AND "startedOn" <= ${day}::date
       AND ("endedOn" IS NULL OR "endedOn" > ${day}::date)`;
  return new Set(rows.map((row) => row.familyId));
}
