import { type AgencyKind, districtFigures, isoDate } from '@kdn/platform';
import { Prisma, type PrismaClient } from '@kdn/prisma/curation';
import { activeAssignmentsOn } from '../assignment/figures.ts';

/**
 * The caseload of a district on a day (the table of Resolution No. 2): curators with at least one
 * active assignment, the families they curate, and the minors those assignments name from the day
 * each was put on the register. Every figure is one SQL aggregate for all the districts asked.
 */
export interface CaseloadCount {
  curators: number;
  families: number;
  minors: number;
}

export interface KindCaseload extends CaseloadCount {
  kind: AgencyKind;
}

export interface AgencyCaseload extends CaseloadCount {
  agencyId: string;
  kind: AgencyKind;
}

export interface CuratorCaseload {
  curatorId: string;
  families: number;
  minors: number;
}

export interface WardsPerCuratorBucket {
  minWards: number;
  /** Null for the open-ended last bucket. */
  maxWards: number | null;
  curators: number;
}

type InDistrict<Row> = Row & { districtCode: string };

/** The buckets methodologists compare curators' loads by (issue 4): 1, 2–3, 4–9, 10 and more wards. */
const wardsPerCuratorBuckets = [
  { minWards: 1, maxWards: 1 },
  { minWards: 2, maxWards: 3 },
  { minWards: 4, maxWards: 9 },
  { minWards: 10, maxWards: null },
] as const;

export const counts = Prisma.sql`
  count(DISTINCT a."curatorId")::int AS curators,
  count(DISTINCT a."familyId")::int AS families,
  count(DISTINCT m."minorId")::int AS minors`;

/**
 * Active assignments `a` (from `activeAssignmentsOn` or the like) with their minors `m` counted on
 * the register that day: put on it by then, and not yet left or 18.
 */
export function withMinorsOn(active: Prisma.Sql, day: Date): Prisma.Sql {
  return Prisma.sql`
    FROM (${active}) a
    LEFT JOIN "AssignedMinor" m ON m."assignmentId" = a.id AND m."addedOn" <= ${isoDate(day)}::date
          AND (m."countedUntil" IS NULL OR m."countedUntil" > ${isoDate(day)}::date)`;
}

function activeWithMinors(districtCodes: string[], day: Date): Prisma.Sql {
  return withMinorsOn(activeAssignmentsOn(districtCodes, day), day);
}

/** By the kind of the curators' agencies, in `AgencyKind` order; kinds with no curator that day are absent. */
async function caseloadByKind(db: PrismaClient, districtCodes: string[], day: Date) {
  const rows = await db.$queryRaw<InDistrict<KindCaseload>[]>`
    SELECT a."districtCode", a."agencyKind" AS kind, ${counts}
    ${activeWithMinors(districtCodes, day)}
     GROUP BY 1, 2
     ORDER BY 1, 2`;
  return groupByDistrict(rows);
}

function caseloadTotal(db: PrismaClient, districtCodes: string[], day: Date) {
  return db.$queryRaw<InDistrict<CaseloadCount>[]>`
    SELECT a."districtCode", ${counts}
    ${activeWithMinors(districtCodes, day)}
     GROUP BY 1`;
}

/** By agency, in `AgencyKind` order. */
async function caseloadByAgency(db: PrismaClient, districtCodes: string[], day: Date) {
  const rows = await db.$queryRaw<InDistrict<AgencyCaseload>[]>`
    SELECT a."districtCode", a."agencyId", a."agencyKind" AS kind, ${counts}
    ${activeWithMinors(districtCodes, day)}
     GROUP BY 1, 2, 3
     ORDER BY 1, 3, 2`;
  return groupByDistrict(rows);
}

/** By curator, the most loaded first, then by name. */
async function caseloadByCurator(db: PrismaClient, districtCodes: string[], day: Date) {
  const rows = await db.$queryRaw<InDistrict<CuratorCaseload>[]>`
    SELECT a."districtCode", a."curatorId",
           count(DISTINCT a."familyId")::int AS families,
           count(DISTINCT m."minorId")::int AS minors
    ${activeWithMinors(districtCodes, day)}
     GROUP BY 1, 2, a."fullName"
     ORDER BY 1, families DESC, a."fullName", 2`;
  return groupByDistrict(rows);
}

/** How many curators have how many wards that day, in the buckets of `wardsPerCuratorBuckets`. */
async function wardsPerCurator(db: PrismaClient, districtCodes: string[], day: Date) {
  const rows = await db.$queryRaw<InDistrict<{ wards: number; curators: number }>[]>`
    SELECT "districtCode", wards, count(*)::int AS curators
      FROM (SELECT a."districtCode", a."curatorId", count(DISTINCT a."familyId")::int AS wards
              FROM (${activeAssignmentsOn(districtCodes, day)}) a
             GROUP BY 1, 2) per_curator
     GROUP BY 1, 2`;
  return groupByDistrict(rows).map(({ districtCode, rows: histogram }) => ({
    districtCode,
    rows: inBuckets(histogram),
  }));
}

function inBuckets(histogram: Array<{ wards: number; curators: number }>): WardsPerCuratorBucket[] {
  return wardsPerCuratorBuckets.map(({ minWards, maxWards }) => ({
    minWards,
    maxWards,
    curators: histogram
      .filter(({ wards }) => wards >= minWards && (maxWards === null || wards <= maxWards))
      .reduce((sum, { curators }) => sum + curators, 0),
  }));
}

/**
 * Families on the register without a curator (clause 1.2: a curator is assigned at registration),
 * from curation's copy of the register (`RegisterEntry`, kept by the registry's events) and its own
 * assignments: how many wait in a district on a day, and which, the longest waiting first.
 */
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

async function countWaitingFamilies(db: PrismaClient, districtCodes: string[], day: Date) {
  return db.$queryRaw<Array<{ districtCode: string; families: number }>>`
    SELECT "districtCode", count(*)::int AS families FROM (${waitingOn(districtCodes, day)}) w GROUP BY 1`;
}

/** The waiting families whose case records the principal may read (`visible`, a condition on `w`). */
async function waitingFamilies(db: PrismaClient, districtCodes: string[], day: Date, visible: Prisma.Sql) {
  const rows = await db.$queryRaw<WaitingFamily[]>`
    SELECT w.* FROM (${waitingOn(districtCodes, day)}) w
     WHERE ${visible}
     ORDER BY w."districtCode", w."registeredOn", w."familyId"`;
  return groupByDistrict(rows);
}

/** Rows of a per-district SQL figure as one entry per district, its rows in the query's order. */
export function groupByDistrict<Row extends { districtCode: string }>(
  rows: Row[],
): Array<{ districtCode: string; rows: Row[] }> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) groups.set(row.districtCode, [...(groups.get(row.districtCode) ?? []), row]);
  return [...groups].map(([districtCode, group]) => ({ districtCode, rows: group }));
}

/** A per-district figure on a day that is a list of rows: districts with none get an empty list. */
export function districtRows<Row>(
  query: (districtCodes: string[], day: Date) => Promise<Array<{ districtCode: string; rows: Row[] }>>,
) {
  return districtFigures<Date, { rows: Row[] }>(query, { rows: [] });
}

/**
 * The figures of districts' curators of a request; `visibleFamilies` is the condition of raw SQL the
 * families whose case records its principal reads meet, over a row (`"districtCode"`, `"familyId"`).
 */
export function districtLoaders(db: PrismaClient, visibleFamilies: (row: Prisma.Sql) => Promise<Prisma.Sql>) {
  return {
    caseloadByKind: districtRows((codes, day) => caseloadByKind(db, codes, day)),
    caseloadTotal: districtFigures((codes, day: Date) => caseloadTotal(db, codes, day), {
      curators: 0,
      families: 0,
      minors: 0,
    }),
    caseloadByAgency: districtRows((codes, day) => caseloadByAgency(db, codes, day)),
    caseloadByCurator: districtRows((codes, day) => caseloadByCurator(db, codes, day)),
    wardsPerCurator: districtFigures((codes, day: Date) => wardsPerCurator(db, codes, day), {
      rows: inBuckets([]),
    }),
    waitingFamilyCount: districtFigures((codes, day: Date) => countWaitingFamilies(db, codes, day), {
      families: 0,
    }),
    waitingFamilies: districtRows(async (codes, day) =>
      waitingFamilies(db, codes, day, await visibleFamilies(Prisma.sql`w`)),
    ),
  };
}
