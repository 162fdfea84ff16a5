import { isoDate, type Period, period, selectedFields } from '@kdn/platform';
import {
  type MeasureCategory,
  Prisma,
  type PrismaClient,
  type ProgrammeStatus,
} from '@kdn/prisma/programmes';
import { builder } from './builder.ts';
import type { ProgrammesContext } from './context.ts';
import { MeasureCategoryEnum, ProgrammeStatusEnum } from './enums.ts';
import { Agency, District } from './external.ts';
import { measuresOn, programmesOn, timelinessCounts } from './history.ts';

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

const outcomeFigures: readonly OutcomeFigure[] = [
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
export const noOutcomes: ProgrammeOutcomeFigures = {
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
export async function programmeOutcomes(
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

const countsFields = {
  total: 'Measures, excluded ones left out.',
  notDue: 'Not done, and the deadline has not passed (в работе, срок не истёк).',
  overdue: 'Not done, and the deadline has passed (просрочено).',
  doneOnTime: 'Done by the deadline (выполнено в срок).',
  doneLate: 'Done after the deadline (выполнено с нарушением срока).',
  notExecuted: 'Recorded as not carried out by the agency (не исполнено).',
  refusedByAgency: 'Recorded as refused by the agency (отказ органа).',
  noLongerDue:
    'Not done, and their programme ended off the register on or before the deadline (ENDED_OFF_REGISTER): no ' +
    'longer due, counted apart from the overdue and the failed.',
} satisfies Record<keyof TimelinessCounts, string>;

const MeasureTimelinessCounts = builder.objectRef<TimelinessCounts>('MeasureTimelinessCounts').implement({
  description:
    'Measures against their deadlines at the end of a day (see `MeasureTimeliness`); `total` is the sum of the rest.',
  fields: (t) => ({
    total: t.exposeInt('total', { description: countsFields.total, figure: true }),
    notDue: t.exposeInt('notDue', { description: countsFields.notDue, figure: true }),
    overdue: t.exposeInt('overdue', { description: countsFields.overdue, figure: true }),
    doneOnTime: t.exposeInt('doneOnTime', { description: countsFields.doneOnTime, figure: true }),
    doneLate: t.exposeInt('doneLate', { description: countsFields.doneLate, figure: true }),
    notExecuted: t.exposeInt('notExecuted', { description: countsFields.notExecuted, figure: true }),
    refusedByAgency: t.exposeInt('refusedByAgency', {
      description: countsFields.refusedByAgency,
      figure: true,
    }),
    noLongerDue: t.exposeInt('noLongerDue', { description: countsFields.noLongerDue, figure: true }),
  }),
});

const ProgrammeStatusCount = builder
  .objectRef<ProgrammeOutcomeFigures['byStatus'][number]>('ProgrammeStatusCount')
  .implement({
    description: 'Programmes in one status on the day.',
    fields: (t) => ({
      status: t.field({
        type: ProgrammeStatusEnum,
        description: 'The status.',
        resolve: (row) => row.status,
      }),
      programmes: t.exposeInt('programmes', { description: 'Programmes in it.', figure: true }),
    }),
  });

const AgencyMeasureTimeliness = builder
  .objectRef<ProgrammeOutcomeFigures['measuresByAgency'][number]>('AgencyMeasureTimeliness')
  .implement({
    description: 'The measures one agency is responsible for, against their deadlines.',
    fields: (t) => ({
      agency: t.field({
        type: Agency,
        description: 'The responsible agency (ответственный исполнитель).',
        resolve: (row) => ({ id: row.agencyId }),
      }),
      counts: t.field({
        type: MeasureTimelinessCounts,
        description: 'Its measures.',
        resolve: (row) => row.counts,
      }),
    }),
  });

const CategoryMeasureTimeliness = builder
  .objectRef<ProgrammeOutcomeFigures['measuresByCategory'][number]>('CategoryMeasureTimeliness')
  .implement({
    description: 'The measures of one category, against their deadlines.',
    fields: (t) => ({
      category: t.field({
        type: MeasureCategoryEnum,
        description: 'The category.',
        resolve: (row) => row.category,
      }),
      counts: t.field({
        type: MeasureTimelinessCounts,
        description: 'Its measures.',
        resolve: (row) => row.counts,
      }),
    }),
  });

const SituationAssessmentCounts = builder.objectRef<AssessmentCounts>('SituationAssessmentCounts').implement({
  description: 'Families by how their situation changed (динамика); `families` is the sum of the rest.',
  fields: (t) => ({
    families: t.exposeInt('families', { description: 'Families assessed.', figure: true }),
    improved: t.exposeInt('improved', { description: 'Improved (положительная динамика).', figure: true }),
    unchanged: t.exposeInt('unchanged', { description: 'Unchanged (без изменений).', figure: true }),
    worsened: t.exposeInt('worsened', { description: 'Worsened (отрицательная динамика).', figure: true }),
  }),
});

/** A district on a day and in a period, and the figures asked for: what the fields below resolve. */
interface DistrictOutcomes extends OutcomeQuery {
  districtCode: string;
}

/** Resolves one figure of the district's outcomes; those asked for come from one statement per request. */
function figure<Key extends keyof ProgrammeOutcomeFigures>(key: Key) {
  return async (
    { districtCode, asOf, from, to, figures }: DistrictOutcomes,
    _args: object,
    { loaders }: ProgrammesContext,
  ) => (await loaders.programmeOutcomes.load({ districtCode, params: { asOf, from, to, figures } }))[key];
}

const ProgrammeOutcomes = builder.objectRef<DistrictOutcomes>('ProgrammeOutcomes').implement({
  description:
    'The effectiveness of a district’s programmes (МИПСР): their state at the end of `asOf` and the working ' +
    'group’s reviews and corrections in the period [`from`, `to`], both days included. The status a programme had ' +
    'on a past day is derived from its meetings, changes and completion (its last approval is all that is recorded ' +
    'of its approvals); a draft whose period has not begun is left out.',
  fields: (t) => ({
    asOf: t.field({ type: 'Date', description: 'The day the state is taken on.', resolve: (o) => o.asOf }),
    from: t.field({ type: 'Date', description: 'First day of the period.', resolve: (o) => o.from }),
    to: t.field({ type: 'Date', description: 'Last day of the period.', resolve: (o) => o.to }),
    byStatus: t.field({
      type: [ProgrammeStatusCount],
      description:
        'Programmes by the status they had on `asOf`, in `ProgrammeStatus` order; statuses with none left out. ' +
        'Those ended off the register (ENDED_OFF_REGISTER) are counted apart: neither completed nor failing.',
      resolve: figure('byStatus'),
    }),
    measures: t.field({
      type: MeasureTimelinessCounts,
      description:
        'The measures of the programmes approved by `asOf` (nothing is carried out under a draft), as they stood that ' +
        'day: measures included later and excluded ones left out.',
      resolve: figure('measures'),
    }),
    measuresByAgency: t.field({
      type: [AgencyMeasureTimeliness],
      description:
        'The same measures by responsible agency, the most overdue, not executed and refused first (clause 4.6), ' +
        'then by agency id.',
      resolve: figure('measuresByAgency'),
    }),
    measuresByCategory: t.field({
      type: [CategoryMeasureTimeliness],
      description:
        'The same measures by category, in `MeasureCategory` order; categories with none left out.',
      resolve: figure('measuresByCategory'),
    }),
    lastReport: t.field({
      type: SituationAssessmentCounts,
      description:
        'Families by the overall assessment of the latest report on their programmes submitted by `asOf`; families ' +
        'with no report submitted are not counted.',
      resolve: figure('lastReport'),
    }),
    programmesReviewed: t.int({
      description: 'Programmes reviewed at a working-group meeting held in the period.',
      figure: true,
      resolve: figure('programmesReviewed'),
    }),
    programmesChangedAfterReview: t.int({
      figure: true,
      description:
        'Programmes with a change accepted at a working-group meeting held in the period (clause 3.4).',
      resolve: figure('programmesChangedAfterReview'),
    }),
  }),
});

builder.objectField(District, 'programmeOutcomes', (t) =>
  t.field({
    type: ProgrammeOutcomes,
    nullable: true,
    description: 'Programme effectiveness in the district: state on `asOf`, events in the period [from, to].',
    args: {
      asOf: t.arg({ type: 'Date', description: 'The day the state is taken on.' }),
      from: t.arg({ type: 'Date', description: 'First day of the period.' }),
      to: t.arg({ type: 'Date', description: 'Last day of the period.' }),
    },
    resolve: (district, { asOf, from, to }, { access }, info) => {
      access.require(access.readsAggregatesOf(district.code), 'the figures of another district');
      const asked = selectedFields(info);
      const figures = outcomeFigures.filter((figure) => asked.has(figure));
      return { districtCode: district.code, asOf, ...period(from, to), figures };
    },
  }),
);
