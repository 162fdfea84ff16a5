import type { PrismaClient } from '@kdn/prisma/registry';

export interface RegisterCount {
  families: number;
  minors: number;
}

interface DistrictCount extends RegisterCount {
  districtCode: string;
}

/**
 * Families and minors on the register on a day: registrations opened on or before it and not yet
 * closed (a registration closed on a day no longer counts that day); minors from the day they were added.
 */
export function countOnRegister(
  db: PrismaClient,
  districtCodes: string[],
  asOf: Date,
): Promise<DistrictCount[]> {
  return db.$queryRaw<DistrictCount[]>`
    SELECT r."districtCode",
           count(DISTINCT r."familyId")::int AS families,
           count(DISTINCT rm."minorId")::int AS minors
      FROM "Registration" r
      LEFT JOIN "RegisteredMinor" rm ON rm."registrationId" = r.id AND rm."addedOn" <= ${asOf}
     WHERE r."districtCode" = ANY(${districtCodes})
       AND r."openedOn" <= ${asOf}
       AND (r."closedOn" IS NULL OR r."closedOn" > ${asOf})
     GROUP BY r."districtCode"`;
}

/** Families whose registration opened in the period, and minors put on the register in it (inclusive dates). */
export function countRegisteredDuring(
  db: PrismaClient,
  districtCodes: string[],
  { from, to }: { from: Date; to: Date },
): Promise<DistrictCount[]> {
  return db.$queryRaw<DistrictCount[]>`
    SELECT r."districtCode",
           count(DISTINCT r."familyId") FILTER (WHERE r."openedOn" BETWEEN ${from} AND ${to})::int AS families,
           count(DISTINCT rm."minorId") FILTER (WHERE rm."addedOn" BETWEEN ${from} AND ${to})::int AS minors
      FROM "Registration" r
      LEFT JOIN "RegisteredMinor" rm ON rm."registrationId" = r.id
     WHERE r."districtCode" = ANY(${districtCodes})
       AND r."openedOn" <= ${to}
       AND (r."closedOn" IS NULL OR r."closedOn" >= ${from})
     GROUP BY r."districtCode"`;
}
