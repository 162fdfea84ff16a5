import { districtFigures, type Period } from '@kdn/platform';
import type { ClosingReason, PrismaClient } from '@kdn/prisma/registry';
import { lastBirthDateOfAdultOn } from '../registration/figures.ts';

export interface RegisterCount {
  families: number;
  minors: number;
}

interface DistrictCount extends RegisterCount {
  districtCode: string;
}

/**
 * Families and minors on the register on a day: registrations opened on or before it and not yet
 * closed (a registration closed on a day no longer counts that day); minors from the day they were
 * added, until the day they left (not counted that day either) or turned 18 (`comingOfAge`).
 */
function countOnRegister(db: PrismaClient, districtCodes: string[], asOf: Date): Promise<DistrictCount[]> {
  return db.$queryRaw<DistrictCount[]>`
    SELECT r."districtCode",
           count(DISTINCT r."familyId")::int AS families,
           count(DISTINCT m.id)::int AS minors
      FROM "Registration" r
      LEFT JOIN ("RegisteredMinor" rm
                 JOIN "Minor" m ON m.id = rm."minorId" AND m."birthDate" > ${lastBirthDateOfAdultOn(asOf)})
        ON rm."registrationId" = r.id
       AND rm."addedOn" <= ${asOf}
       AND (rm."leftOn" IS NULL OR rm."leftOn" > ${asOf})
     WHERE r."districtCode" = ANY(${districtCodes})
       AND r."openedOn" <= ${asOf}
       AND (r."closedOn" IS NULL OR r."closedOn" > ${asOf})
     GROUP BY r."districtCode"`;
}

/** Families whose registration opened in the period, and minors put on the register in it (inclusive dates). */
function countRegisteredDuring(
  db: PrismaClient,
  districtCodes: string[],
  { from, to }: Period,
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

export interface RegisterClosures {
  /** Families whose registration closed in the period. */
  families: number;
  /** Minors named in those registrations. */
  minors: number;
  /** Mean days from opening to closing of those registrations; null when none closed. */
  meanDaysOnRegister: number | null;
  byReason: Array<{ reason: ClosingReason; families: number; minors: number }>;
}

const noClosures: RegisterClosures = {
  families: 0,
  minors: 0,
  meanDaysOnRegister: null,
  byReason: [],
};

/** Registrations closed in the period (both days included): how many, why, and after how long on the register. */
function countTakenOffDuring(
  db: PrismaClient,
  districtCodes: string[],
  { from, to }: Period,
): Promise<Array<RegisterClosures & { districtCode: string }>> {
  return db.$queryRaw`
    WITH closed AS (
      SELECT r."districtCode", r."familyId", r."closingReason" AS reason,
             r."closedOn" - r."openedOn" AS days,
             (SELECT count(*) FROM "RegisteredMinor" rm WHERE rm."registrationId" = r.id)::int AS minors
        FROM "Registration" r
       WHERE r."districtCode" = ANY(${districtCodes})
         AND r."closedOn" BETWEEN ${from} AND ${to}
    ), by_reason AS (
      SELECT "districtCode", reason, count(DISTINCT "familyId")::int AS families, sum(minors)::int AS minors
        FROM closed
       GROUP BY 1, 2
    )
    SELECT c."districtCode",
           count(DISTINCT c."familyId")::int AS families,
           sum(c.minors)::int AS minors,
           avg(c.days)::float8 AS "meanDaysOnRegister",
           (SELECT json_agg(json_build_object('reason', b.reason, 'families', b.families, 'minors', b.minors)
                            ORDER BY b.reason)
              FROM by_reason b
             WHERE b."districtCode" = c."districtCode") AS "byReason"
      FROM closed c
     GROUP BY c."districtCode"`;
}

const noOne: RegisterCount = { families: 0, minors: 0 };

/** A district's figures of its register, one statement for all the districts of a request. */
export function districtLoaders(db: PrismaClient) {
  return {
    registerOn: districtFigures((codes, asOf: Date) => countOnRegister(db, codes, asOf), noOne),
    registeredDuring: districtFigures(
      (codes, period: Period) => countRegisteredDuring(db, codes, period),
      noOne,
    ),
    takenOffDuring: districtFigures(
      (codes, period: Period) => countTakenOffDuring(db, codes, period),
      noClosures,
    ),
  };
}
