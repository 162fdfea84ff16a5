import { districtFigures, isoDate, type Period } from '@kdn/platform';
import {
  type MeasureCategory,
  Prisma,
  type PrismaClient,
  type ProgrammeStatus,
} from '@kdn/prisma/programmes';

/**
 * Programmes and measures as they stood at the end of a past day, derived in SQL from the dates the
 * service records; the analytics read them. `scope` is a condition on the programme `p`.
 *
 * A programme records only its last approval, so its status on a day is reconstructed:
 * - COMPLETED from `completedOn` (clause 6.4);
 * - ENDED_OFF_REGISTER from `endedOn`, the day the family's registration was closed;
 * - DRAFT until its first approval: the meeting that approved it, or, for a programme changed since
 *   (then approved again), the first meeting that reviewed it with the family invited before the
 *   first change was proposed, as approval requires (the family acquainted with it, clause 2.1; invited,
 *   Resolution No. 2, Kirovsky report, good practice 1): the SQL function
 *   `programme_first_approval` (migration `checklist_read_model`), which the checklist's read
 *   model dates its facts with too;
 * - UNDER_REVIEW from a change's proposal (clause 3.4) until the meeting that decided it, when the
 *   programme was approved again at or after that meeting; a change decided after the last
 *   approval keeps it under review;
 * - APPROVED otherwise. A draft whose period has not begun is no programme of that day yet.
 */
export function programmesOn(scope: Prisma.Sql, asOf: Date): Prisma.Sql {
  const day = Prisma.sql`${isoDate(asOf)}::date`;
  return Prisma.sql`
    SELECT p.id, p."districtCode", p."resourceCentreId", p."familyId", p."endedOn", approval."approvedOn",
           CASE
             WHEN p."completedOn" <= ${day} THEN 'COMPLETED'
             WHEN p."endedOn" <= ${day} THEN 'ENDED_OFF_REGISTER'
             WHEN approval."approvedOn" IS NULL OR approval."approvedOn" > ${day} THEN 'DRAFT'
             WHEN EXISTS (
               SELECT 1
                 FROM "ProgrammeChange" c
                 LEFT JOIN "WorkingGroupMeeting" decided ON decided.id = c."meetingId"
                WHERE c."programmeId" = p.id
                  AND c."proposedOn" <= ${day}
                  AND NOT COALESCE(decided."heldOn" <= ${day} AND decided."heldOn" <= approved."heldOn", false)
             ) THEN 'UNDER_REVIEW'
             ELSE 'APPROVED'
           END::"ProgrammeStatus" AS status
      FROM "Programme" p
      LEFT JOIN "WorkingGroupMeeting" approved ON approved.id = p."approvedAtId"
     CROSS JOIN LATERAL programme_first_approval(p.id, approved."heldOn") approval
     WHERE ${scope}
       AND (p."periodFrom" <= ${day} OR approval."approvedOn" <= ${day})`;
}

/**
 * The measures agencies were bound by at the end of the day, from `programmes`, a relation of
 * `programmesOn` rows: those of programmes approved by then (nothing is carried out under a draft,
 * nor under one that ended off the register before its approval), without the ones an accepted
 * change included only later, each with its timeliness as `measure/rules.ts` derives it, EXCLUDED
 * ones included.
 */
export function measuresOn(programmes: Prisma.Sql, asOf: Date): Prisma.Sql {
  const day = Prisma.sql`${isoDate(asOf)}::date`;
  return Prisma.sql`
    SELECT m.*, p."districtCode", p."resourceCentreId",
           CASE
             WHEN m."executedOn" <= ${day} THEN
               CASE WHEN m."executedOn" <= m.deadline THEN 'DONE_ON_TIME' ELSE 'DONE_LATE' END
             WHEN m."failedOn" <= ${day} THEN
               CASE WHEN m.status = 'REFUSED_BY_AGENCY' THEN 'REFUSED_BY_AGENCY' ELSE 'NOT_EXECUTED' END
             WHEN m."excludedOn" <= ${day} THEN 'EXCLUDED'
             WHEN p."endedOn" <= ${day} AND p."endedOn" <= m.deadline THEN 'NO_LONGER_DUE'
             WHEN m.deadline < ${day} THEN 'OVERDUE'
             ELSE 'NOT_DUE'
           END AS timeliness
      FROM "Measure" m
      JOIN ${programmes} p ON p.id = m."programmeId" AND p.status <> 'DRAFT'
       AND (p.status <> 'ENDED_OFF_REGISTER' OR p."approvedOn" <= p."endedOn")
     WHERE NOT EXISTS (
       SELECT 1
         FROM "ProgrammeChange" c
         JOIN "WorkingGroupMeeting" decided ON decided.id = c."meetingId"
        WHERE c."measureId" = m.id
          AND c.kind IN ('MEASURE_ADDED', 'AGENCY_INVOLVED')
          AND decided."heldOn" > ${day}
     )`;
}

/** A JSON object of `MeasureTimelinessCounts` over the `timeliness` of the measures aggregated. */
export const timelinessCounts = Prisma.sql`json_build_object(
  'total', count(*) FILTER (WHERE timeliness <> 'EXCLUDED'),
  'notDue', count(*) FILTER (WHERE timeliness = 'NOT_DUE'),
  'overdue', count(*) FILTER (WHERE timeliness = 'OVERDUE'),
  'doneOnTime', count(*) FILTER (WHERE timeliness = 'DONE_ON_TIME'),
  'doneLate', count(*) FILTER (WHERE timeliness = 'DONE_LATE'),
  'notExecuted', count(*) FILTER (WHERE timeliness = 'NOT_EXECUTED'),
  'refusedByAgency', count(*) FILTER (WHERE timeliness = 'REFUSED_BY_AGENCY'),
  'noLongerDue', count(*) FILTER (WHERE timeliness = 'NO_LONGER_DUE'))`;

/**
 * Programme effectiveness in a district (issue 4): programmes by status on a day, the measures
 * against their deadlines by agency and category, the families' situation at their last report, and
 * the working group's reviews and corrections in a period. One SQL statement for all the districts,
 * computing the figures asked for only.
 */
export interface TimelinessCounts {
  total: number;
  notDue: number;
  overdue: number;
  doneOnTime: number;
  doneLate: number;
  notExecuted: number;
  refusedByAgency: number;
  noLongerDue: number;
}

export interface AssessmentCounts {
  families: number;
  improved: number;
  unchanged: number;
  worsened: number;
}

export interface ProgrammeOutcomeFigures {
  byStatus: Array<{ status: ProgrammeStatus; programmes: number }>;
  measures: TimelinessCounts;
  measuresByAgency: Array<{ agencyId: string; counts: TimelinessCounts }>;
  measuresByCategory: Array<{ category: MeasureCategory; counts: TimelinessCounts }>;
  lastReport: AssessmentCounts;
  programmesReviewed: number;
  programmesChangedAfterReview: number;
}

export type OutcomeParams = Period & { asOf: Date };

type OutcomeFigure = keyof ProgrammeOutcomeFigures;

export const outcomeFigures: readonly OutcomeFigure[] = [
  'byStatus',
  'measures',
  'measuresByAgency',
  'measuresByCategory',
  'lastReport',
  'programmesReviewed',
  'programmesChangedAfterReview',
];

/** The day and period, and the figures asked for: each request's statement computes those. */
export interface OutcomeQuery extends OutcomeParams {
  figures: readonly OutcomeFigure[];
}

const noMeasures: TimelinessCounts = {
  total: 0,
  notDue: 0,
  overdue: 0,
  doneOnTime: 0,
  doneLate: 0,
  notExecuted: 0,
  refusedByAgency: 0,
  noLongerDue: 0,
};

/** A district with no programmes. */
const noOutcomes: ProgrammeOutcomeFigures = {
  byStatus: [],
  measures: noMeasures,
  measuresByAgency: [],
  measuresByCategory: [],
  lastReport: { families: 0, improved: 0, unchanged: 0, worsened: 0 },
  programmesReviewed: 0,
  programmesChangedAfterReview: 0,
};

/**
 * The figures asked for of each district; the others are left at `noOutcomes`. PostgreSQL evaluates
 * no CTE the select list does not reach: asking for the programmes by status and the measures only
 * (the district overview) halves the statement's time at national size.
 */
async function programmeOutcomes(
  db: PrismaClient,
  districtCodes: string[],
  { asOf, from, to, figures }: OutcomeQuery,
): Promise<Array<ProgrammeOutcomeFigures & { districtCode: string }>> {
  const inDistricts = Prisma.sql`p."districtCode" = ANY(${districtCodes})`;
  const day = Prisma.sql`${isoDate(asOf)}::date`;
  const inPeriod = Prisma.sql`BETWEEN ${isoDate(from)}::date AND ${isoDate(to)}::date`;
  const rows = await db.$queryRaw<Array<Partial<ProgrammeOutcomeFigures> & { districtCode: string }>>`
    WITH programmes AS (${programmesOn(inDistricts, asOf)}),
    measures AS (${measuresOn(Prisma.sql`programmes`, asOf)}),
    by_agency AS (
      SELECT "districtCode", "agencyId", ${timelinessCounts} AS counts,
             count(*) FILTER (WHERE timeliness IN ('OVERDUE', 'NOT_EXECUTED', 'REFUSED_BY_AGENCY')) AS failed
        FROM measures
       GROUP BY 1, 2
      HAVING count(*) FILTER (WHERE timeliness <> 'EXCLUDED') > 0
    ),
    by_category AS (
      SELECT "districtCode", category, ${timelinessCounts} AS counts
        FROM measures
       GROUP BY 1, 2
      HAVING count(*) FILTER (WHERE timeliness <> 'EXCLUDED') > 0
    ),
    last_reports AS (
      SELECT DISTINCT ON (p."districtCode", p."familyId") p."districtCode", r."overallAssessment" AS assessment
        FROM "ProgressReport" r
        JOIN "Programme" p ON p.id = r."programmeId"
       WHERE ${inDistricts} AND r."submittedOn" <= ${day}
       ORDER BY p."districtCode", p."familyId", r."submittedOn" DESC, r.kind DESC, r."dueOn" DESC, r.id DESC
    ),
    reviewed AS (
      SELECT p."districtCode", r."programmeId"
        FROM "MeetingReview" r
        JOIN "WorkingGroupMeeting" m ON m.id = r."meetingId"
        JOIN "Programme" p ON p.id = r."programmeId"
       WHERE ${inDistricts} AND m."heldOn" ${inPeriod}
    ),
    changed AS (
      SELECT p."districtCode", c."programmeId"
        FROM "ProgrammeChange" c
        JOIN "WorkingGroupMeeting" m ON m.id = c."meetingId"
        JOIN "Programme" p ON p.id = c."programmeId"
       WHERE ${inDistricts} AND c.decision = 'ACCEPTED' AND m."heldOn" ${inPeriod}
    )
    SELECT d."districtCode"${Prisma.join([Prisma.empty, ...figures.map((figure) => columns[figure])], ',\n')}
      FROM unnest(${districtCodes}::text[]) AS d("districtCode")`;
  return rows.map((row) => ({ ...noOutcomes, ...row }));
}

/**
 * Each figure's column of the outcomes statement, over its CTEs (`programmes`, `measures`,
 * `by_agency`, `by_category`, `last_reports`, `reviewed`, `changed`), for the district `d`.
 */
const columns: Record<OutcomeFigure, Prisma.Sql> = {
  byStatus: Prisma.sql`COALESCE((
      SELECT json_agg(json_build_object('status', s.status, 'programmes', s.programmes) ORDER BY s.status)
        FROM (SELECT status, count(*) AS programmes FROM programmes WHERE "districtCode" = d."districtCode" GROUP BY 1) s
    ), '[]') AS "byStatus"`,
  measures: Prisma.sql`(SELECT ${timelinessCounts} FROM measures WHERE "districtCode" = d."districtCode") AS measures`,
  measuresByAgency: Prisma.sql`COALESCE((
      SELECT json_agg(json_build_object('agencyId', a."agencyId", 'counts', a.counts) ORDER BY a.failed DESC, a."agencyId")
        FROM by_agency a
       WHERE a."districtCode" = d."districtCode"
    ), '[]') AS "measuresByAgency"`,
  measuresByCategory: Prisma.sql`COALESCE((
      SELECT json_agg(json_build_object('category', c.category, 'counts', c.counts) ORDER BY c.category)
        FROM by_category c
       WHERE c."districtCode" = d."districtCode"
    ), '[]') AS "measuresByCategory"`,
  lastReport: Prisma.sql`(SELECT json_build_object(
        'families', count(*),
        'improved', count(*) FILTER (WHERE assessment = 'IMPROVED'),
        'unchanged', count(*) FILTER (WHERE assessment = 'UNCHANGED'),
        'worsened', count(*) FILTER (WHERE assessment = 'WORSENED'))
      FROM last_reports
     WHERE "districtCode" = d."districtCode") AS "lastReport"`,
  programmesReviewed: Prisma.sql`(SELECT count(DISTINCT "programmeId") FROM reviewed
     WHERE "districtCode" = d."districtCode")::int AS "programmesReviewed"`,
  programmesChangedAfterReview: Prisma.sql`(SELECT count(DISTINCT "programmeId") FROM changed
     WHERE "districtCode" = d."districtCode")::int AS "programmesChangedAfterReview"`,
};

/** The outcomes' loader of a request: the figures asked for of all the districts asked, one statement. */
export function outcomeLoaders(db: PrismaClient) {
  return {
    programmeOutcomes: districtFigures(
      (codes, params: OutcomeQuery) => programmeOutcomes(db, codes, params),
      noOutcomes,
    ),
  };
}
