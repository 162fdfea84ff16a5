import {
  type AgencyKind,
  districtFigures,
  figuresByKey,
  isoDate,
  loaderOfLists,
  type Period,
} from '@kdn/platform';
import {
  type CuratorAssignment as AssignmentRecord,
  Prisma,
  type PrismaClient,
  type VisitKind,
} from '@kdn/prisma/curation';
import { activeAssignmentsOn } from '../assignment/figures.ts';
import { districtRows, groupByDistrict } from '../district/figures.ts';

/**
 * Clause 2.3: the curator visits the ward at home at least once a month. Home visits are the
 * curator's own (HOME) and the interagency visits they initiate, which clause 4.2 also makes to the
 * ward's place of residence. Everything here is computed from the visits recorded, never stored,
 * and counts only visits made on or before the day asked about.
 */
const homeVisitKinds: VisitKind[] = ['HOME', 'INTERAGENCY'];

/** Joins to each assignment `a`, as `last`, its last home visit up to the day. */
function lastHomeVisitUpTo(day: Date): Prisma.Sql {
  return Prisma.sql`
    LEFT JOIN LATERAL (
      SELECT max(v."visitedOn") AS "lastHomeVisit"
        FROM "Visit" v
       WHERE v."assignmentId" = a.id
         AND v.kind::text = ANY(${homeVisitKinds})
         AND v."visitedOn" <= ${isoDate(day)}::date
    ) last ON true`;
}

/**
 * The visit-due rule, over an assignment `a` and its `last` home visit: each calendar month of an
 * assignment needs a home visit, so the next one is due by the last day of the month after the
 * month of the last home visit, or, before the first, by the last day of the month the assignment
 * started. A ward is overdue on any day after that date.
 */
const dueBy = Prisma.sql`(CASE
    WHEN last."lastHomeVisit" IS NULL THEN date_trunc('month', a."startedOn"::timestamp) + interval '1 month - 1 day'
    ELSE date_trunc('month', last."lastHomeVisit"::timestamp) + interval '2 months - 1 day'
  END)::date`;

export interface HomeVisitStatus {
  lastHomeVisit: Date | null;
  dueBy: Date;
}

/** For each assignment: its last home visit up to the day and the date the next one is due by. */
async function homeVisitStatus(
  db: PrismaClient,
  assignmentIds: string[],
  day: Date,
): Promise<Map<string, HomeVisitStatus>> {
  const rows = await db.$queryRaw<Array<HomeVisitStatus & { id: string }>>`
    SELECT a.id, last."lastHomeVisit", ${dueBy} AS "dueBy"
      FROM "CuratorAssignment" a
      ${lastHomeVisitUpTo(day)}
     WHERE a.id = ANY(${assignmentIds}::uuid[])`;
  return new Map(rows.map(({ id, ...status }) => [id, status]));
}

export interface HomeVisitMonth {
  /** The first day of the calendar month. */
  month: Date;
  homeVisits: number;
}

/**
 * For each assignment, every calendar month of its active period up to the day, with the home
 * visits made in it (zero for a month missed).
 */
async function homeVisitMonths(
  db: PrismaClient,
  assignmentIds: string[],
  day: Date,
): Promise<Map<string, HomeVisitMonth[]>> {
  const rows = await db.$queryRaw<Array<HomeVisitMonth & { assignmentId: string }>>`
    SELECT a.id AS "assignmentId", m.month::date AS month, count(v.id)::int AS "homeVisits"
      FROM "CuratorAssignment" a
     CROSS JOIN LATERAL generate_series(
             date_trunc('month', a."startedOn"::timestamp),
             date_trunc('month', LEAST(${isoDate(day)}::date, COALESCE(a."endedOn" - 1, ${isoDate(day)}::date))::timestamp),
             interval '1 month') AS m(month)
      LEFT JOIN "Visit" v
        ON v."assignmentId" = a.id
       AND v.kind::text = ANY(${homeVisitKinds})
       AND v."visitedOn" >= m.month AND v."visitedOn" < m.month + interval '1 month'
       AND v."visitedOn" <= ${isoDate(day)}::date
     WHERE a.id = ANY(${assignmentIds}::uuid[])
       AND a."startedOn" <= ${isoDate(day)}::date
     GROUP BY a.id, m.month
     ORDER BY a.id, m.month`;
  const months = new Map<string, HomeVisitMonth[]>();
  for (const { assignmentId, ...month } of rows) {
    months.set(assignmentId, [...(months.get(assignmentId) ?? []), month]);
  }
  return months;
}

/** The districts' active assignments on the day, each with its due date and whether it is overdue. */
function wardStatusOn(districtCodes: string[], day: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT a.*, ${dueBy} AS "dueBy", ${dueBy} < ${isoDate(day)}::date AS overdue
      FROM (${activeAssignmentsOn(districtCodes, day)}) a
      ${lastHomeVisitUpTo(day)}`;
}

export interface WardsVisited {
  activeWards: number;
  overdueWards: number;
}

function wardsVisited(db: PrismaClient, districtCodes: string[], day: Date) {
  return db.$queryRaw<Array<WardsVisited & { districtCode: string }>>`
    SELECT "districtCode", count(*)::int AS "activeWards", count(*) FILTER (WHERE overdue)::int AS "overdueWards"
      FROM (${wardStatusOn(districtCodes, day)}) s
     GROUP BY 1`;
}

export interface CuratorWardsVisited extends WardsVisited {
  curatorId: string;
}

/** Per curator with wards that day, the most overdue first. */
async function wardsVisitedByCurator(db: PrismaClient, districtCodes: string[], day: Date) {
  const rows = await db.$queryRaw<Array<CuratorWardsVisited & { districtCode: string }>>`
    SELECT "districtCode", "curatorId",
           count(*)::int AS "activeWards", count(*) FILTER (WHERE overdue)::int AS "overdueWards"
      FROM (${wardStatusOn(districtCodes, day)}) s
     GROUP BY 1, 2, "fullName"
     ORDER BY 1, "overdueWards" DESC, "fullName", 2`;
  return groupByDistrict(rows);
}

export interface AgencyWardsVisited extends WardsVisited {
  agencyId: string;
  kind: AgencyKind;
}

/** Per agency whose curators have wards that day, in `AgencyKind` order. */
async function wardsVisitedByAgency(db: PrismaClient, districtCodes: string[], day: Date) {
  const rows = await db.$queryRaw<Array<AgencyWardsVisited & { districtCode: string }>>`
    SELECT "districtCode", "agencyId", "agencyKind" AS kind,
           count(*)::int AS "activeWards", count(*) FILTER (WHERE overdue)::int AS "overdueWards"
      FROM (${wardStatusOn(districtCodes, day)}) s
     GROUP BY 1, 2, 3
     ORDER BY 1, 3, 2`;
  return groupByDistrict(rows);
}

/**
 * The overdue assignments themselves, the longest overdue first: case records, so only those
 * `visible`, a condition on the assignment `a` and its status `s` (which has its curator's agency).
 */
async function overdueAssignments(db: PrismaClient, districtCodes: string[], day: Date, visible: Prisma.Sql) {
  const rows = await db.$queryRaw<AssignmentRecord[]>`
    SELECT a.*
      FROM "CuratorAssignment" a
      JOIN (${wardStatusOn(districtCodes, day)}) s ON s.id = a.id
     WHERE s.overdue AND ${visible}
     ORDER BY a."districtCode", s."dueBy", a.id`;
  return groupByDistrict(rows);
}

/**
 * Clause 2.3 over a period, as a share of ward-months: a ward-month is a calendar month in which the
 * ward had an active assignment on at least one day of the period; it complies when a home visit to
 * the ward was recorded in that month, within the period. Months cut by the period's ends count the
 * days inside it only. Replacing the curator mid-month leaves one ward-month.
 */
export interface HomeVisitMonthCount {
  wardMonths: number;
  withHomeVisit: number;
}

function countHomeVisitMonths(
  db: PrismaClient,
  districtCodes: string[],
  { from, to }: Period,
): Promise<Array<HomeVisitMonthCount & { districtCode: string }>> {
  const first = Prisma.sql`${isoDate(from)}::date`;
  const last = Prisma.sql`${isoDate(to)}::date`;
  return db.$queryRaw`
    WITH ward_months AS (
      SELECT DISTINCT a."districtCode", a."familyId", m.month::date AS month
        FROM "CuratorAssignment" a
       CROSS JOIN LATERAL generate_series(
               date_trunc('month', GREATEST(a."startedOn", ${first})::timestamp),
               date_trunc('month', LEAST(COALESCE(a."endedOn" - 1, ${last}), ${last})::timestamp),
               interval '1 month') AS m(month)
       WHERE a."districtCode" = ANY(${districtCodes})
         AND a."startedOn" <= ${last}
         AND (a."endedOn" IS NULL OR a."endedOn" > ${first})
    )
    SELECT w."districtCode",
           count(*)::int AS "wardMonths",
           count(*) FILTER (WHERE EXISTS (
             SELECT 1
               FROM "Visit" v
              WHERE v."familyId" = w."familyId"
                AND v.kind::text = ANY(${homeVisitKinds})
                AND v."visitedOn" >= GREATEST(w.month, ${first})
                AND v."visitedOn" < w.month + interval '1 month'
                AND v."visitedOn" <= ${last}
           ))::int AS "withHomeVisit"
      FROM ward_months w
     GROUP BY 1`;
}

/** The visits and assignments a request's principal sees (see visit/access.ts and assignment/access.ts). */
export interface VisitVisibility {
  visits: () => Promise<Prisma.VisitWhereInput>;
  /** A condition of raw SQL over an assignment (`"districtCode"`, `"familyId"`) and its curator (`"agencyId"`). */
  assignmentsSql: (assignment: Prisma.Sql, curator: Prisma.Sql) => Promise<Prisma.Sql>;
}

/** The visits' loaders of a request and the figures of home visits; `visible` is what its principal sees. */
export function visitLoaders(db: PrismaClient, visible: VisitVisibility) {
  return {
    visitsOfFamily: loaderOfLists(
      async (familyIds: string[]) =>
        db.visit.findMany({
          where: { AND: [{ familyId: { in: familyIds } }, await visible.visits()] },
          orderBy: [{ visitedOn: 'desc' }, { id: 'desc' }],
        }),
      (visit) => visit.familyId,
    ),
    // Asked of assignments already seen: their visits are seen with them.
    visitsOfAssignment: loaderOfLists(
      (assignmentIds: string[]) =>
        db.visit.findMany({
          where: { assignmentId: { in: assignmentIds } },
          orderBy: [{ visitedOn: 'desc' }, { id: 'desc' }],
        }),
      (visit) => visit.assignmentId,
    ),
    homeVisitStatus: figuresByKey((ids, day: Date) => homeVisitStatus(db, ids, day), null),
    homeVisitMonths: figuresByKey((ids, day: Date) => homeVisitMonths(db, ids, day), []),
    wardsVisited: districtFigures((codes, day: Date) => wardsVisited(db, codes, day), {
      activeWards: 0,
      overdueWards: 0,
    }),
    wardsVisitedByCurator: districtRows((codes, day) => wardsVisitedByCurator(db, codes, day)),
    wardsVisitedByAgency: districtRows((codes, day) => wardsVisitedByAgency(db, codes, day)),
    overdueAssignments: districtRows(async (codes, day) =>
      overdueAssignments(db, codes, day, await visible.assignmentsSql(Prisma.sql`a`, Prisma.sql`s`)),
    ),
    homeVisitMonthCounts: districtFigures(
      (codes, params: Period) => countHomeVisitMonths(db, codes, params),
      { wardMonths: 0, withHomeVisit: 0 },
    ),
  };
}
