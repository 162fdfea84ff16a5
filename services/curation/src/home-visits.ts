import { type AgencyKind, isoDate } from '@kdn/platform';
import {
  type CuratorAssignment as AssignmentRecord,
  Prisma,
  type PrismaClient,
  type VisitKind,
} from '@kdn/prisma/curation';
import { activeAssignmentsOn, groupByDistrict } from './active-assignments.ts';

/**
 * Clause 2.3: the curator visits the ward at home at least once a month. Home visits are the
 * curator's own (HOME) and the interagency visits they initiate, which clause 4.2 also makes to the
 * ward's place of residence. Everything here is computed from the visits recorded, never stored,
 * and counts only visits made on or before the day asked about.
 */
export const homeVisitKinds: VisitKind[] = ['HOME', 'INTERAGENCY'];

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
export async function homeVisitStatus(
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
export async function homeVisitMonths(
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

export function wardsVisited(db: PrismaClient, districtCodes: string[], day: Date) {
  return db.$queryRaw<Array<WardsVisited & { districtCode: string }>>`
    SELECT "districtCode", count(*)::int AS "activeWards", count(*) FILTER (WHERE overdue)::int AS "overdueWards"
      FROM (${wardStatusOn(districtCodes, day)}) s
     GROUP BY 1`;
}

export interface CuratorWardsVisited extends WardsVisited {
  curatorId: string;
}

/** Per curator with wards that day, the most overdue first. */
export async function wardsVisitedByCurator(db: PrismaClient, districtCodes: string[], day: Date) {
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
export async function wardsVisitedByAgency(db: PrismaClient, districtCodes: string[], day: Date) {
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
export async function overdueAssignments(
  db: PrismaClient,
  districtCodes: string[],
  day: Date,
  visible: Prisma.Sql,
) {
  const rows = await db.$queryRaw<AssignmentRecord[]>`
    SELECT a.*
      FROM "CuratorAssignment" a
      JOIN (${wardStatusOn(districtCodes, day)}) s ON s.id = a.id
     WHERE s.overdue AND ${visible}
     ORDER BY a."districtCode", s."dueBy", a.id`;
  return groupByDistrict(rows);
}
