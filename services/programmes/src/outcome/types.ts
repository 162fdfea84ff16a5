import { period, selectedFields } from '@kdn/platform';
import { builder } from '../builder.ts';
import type { ProgrammesContext } from '../context.ts';
import { MeasureCategoryEnum } from '../measure/refs.ts';
import { ProgrammeStatusEnum } from '../programme/refs.ts';
import { Agency, District } from '../shared/refs.ts';
import {
  type AssessmentCounts,
  type OutcomeQuery,
  outcomeFigures,
  type ProgrammeOutcomeFigures,
  type TimelinessCounts,
} from './figures.ts';

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
