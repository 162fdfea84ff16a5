import { type AgencyKind, isoDate } from '@kdn/platform';
import { Prisma, type PrismaClient } from '@kdn/prisma/curation';
import { activeAssignmentsOn, groupByDistrict } from './active-assignments.ts';

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
export async function caseloadByKind(db: PrismaClient, districtCodes: string[], day: Date) {
  const rows = await db.$queryRaw<InDistrict<KindCaseload>[]>`
    SELECT a."districtCode", a."agencyKind" AS kind, ${counts}
    ${activeWithMinors(districtCodes, day)}
     GROUP BY 1, 2
     ORDER BY 1, 2`;
  return groupByDistrict(rows);
}

export function caseloadTotal(db: PrismaClient, districtCodes: string[], day: Date) {
  return db.$queryRaw<InDistrict<CaseloadCount>[]>`
    SELECT a."districtCode", ${counts}
    ${activeWithMinors(districtCodes, day)}
     GROUP BY 1`;
}

/** By agency, in `AgencyKind` order. */
export async function caseloadByAgency(db: PrismaClient, districtCodes: string[], day: Date) {
  const rows = await db.$queryRaw<InDistrict<AgencyCaseload>[]>`
    SELECT a."districtCode", a."agencyId", a."agencyKind" AS kind, ${counts}
    ${activeWithMinors(districtCodes, day)}
     GROUP BY 1, 2, 3
     ORDER BY 1, 3, 2`;
  return groupByDistrict(rows);
}

/** By curator, the most loaded first, then by name. */
export async function caseloadByCurator(db: PrismaClient, districtCodes: string[], day: Date) {
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
export async function wardsPerCurator(db: PrismaClient, districtCodes: string[], day: Date) {
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

export function inBuckets(histogram: Array<{ wards: number; curators: number }>): WardsPerCuratorBucket[] {
  return wardsPerCuratorBuckets.map(({ minWards, maxWards }) => ({
    minWards,
    maxWards,
    curators: histogram
      .filter(({ wards }) => wards >= minWards && (maxWards === null || wards <= maxWards))
      .reduce((sum, { curators }) => sum + curators, 0),
  }));
}
