/**
 * Families on the register without a curator (clause 1.2: a curator is assigned at registration),
 * from curation's copy of the register (`RegisterEntry`, kept by the registry's events) and its own
 * assignments: how many wait in a district on a day, and which, the longest waiting first.
 */
import { isoDate } from '@kdn/platform';
import { Prisma, type PrismaClient } from '@kdn/prisma/curation';
import { groupByDistrict } from './active-assignments.ts';

export interface WaitingFamily {
  districtCode: string;
  familyId: string;
  registrationId: string;
  registeredOn: Date;
  daysWaiting: number;
}

function waitingOn(districtCodes: string[], day: Date): Prisma.Sql {
  const asOf = isoDate(day);
  return Prisma.sql`
    SELECT r."districtCode", r."familyId", r."registrationId", r."openedOn" AS "registeredOn",
           (${asOf}::date - r."openedOn")::int AS "daysWaiting"
      FROM "RegisterEntry" r
     WHERE r."districtCode" = ANY(${districtCodes})
       AND r."openedOn" <= ${asOf}::date
       AND (r."closedOn" IS NULL OR r."closedOn" > ${asOf}::date)
       AND NOT EXISTS (
         SELECT 1 FROM "CuratorAssignment" a
          WHERE a."familyId" = r."familyId"
            AND a."startedOn" <= ${asOf}::date
            AND (a."endedOn" IS NULL OR a."endedOn" > ${asOf}::date))`;
}

export async function countWaitingFamilies(db: PrismaClient, districtCodes: string[], day: Date) {
  return db.$queryRaw<Array<{ districtCode: string; families: number }>>`
    SELECT "districtCode", count(*)::int AS families FROM (${waitingOn(districtCodes, day)}) w GROUP BY 1`;
}

/** The waiting families whose case records the principal may read (`visible`, a condition on `w`). */
export async function waitingFamilies(
  db: PrismaClient,
  districtCodes: string[],
  day: Date,
  visible: Prisma.Sql,
) {
  const rows = await db.$queryRaw<WaitingFamily[]>`
    SELECT w.* FROM (${waitingOn(districtCodes, day)}) w
     WHERE ${visible}
     ORDER BY w."districtCode", w."registeredOn", w."familyId"`;
  return groupByDistrict(rows);
}
