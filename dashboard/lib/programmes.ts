import type { Period } from './filters.ts';
import { type Figure, formatDate, formatFigure, formatShare, formatTotal, sumOf } from './format.ts';
import { queryGateway } from './gateway.ts';
import type {
  DistrictProgrammesQuery,
  ProgrammeStatus,
  TimelinessCountsFragment,
} from './generated/graphql.ts';
import { graphql } from './generated/index.ts';
import {
  type MeasureTimeliness,
  measureTimeliness,
  programmeStatuses,
  type SituationAssessment,
  situationAssessments,
  ui,
} from './labels.ts';
import { describeErrors } from './notices.ts';
import type { DataTable } from './table.ts';

export type DistrictProgrammes = NonNullable<DistrictProgrammesQuery['district']>;
export type ProgrammeOutcomes = NonNullable<DistrictProgrammes['programmeOutcomes']>;
export type TimelinessCounts = TimelinessCountsFragment;

/** The programmes section in one request: the gateway joins the agencies’ names to the figures. */
export const programmesQuery =
  graphql(`query DistrictProgrammes($code: String!, $asOf: Date!, $from: Date!, $to: Date!) {
  district(code: $code) {
    code
    name
    programmeOutcomes(asOf: $asOf, from: $from, to: $to) {
      byStatus { status programmes }
      measures { ...TimelinessCounts }
      measuresByAgency { agency { id name kind } counts { ...TimelinessCounts } }
      measuresByCategory { category counts { ...TimelinessCounts } }
      lastReport { ...SituationAssessmentCounts }
      programmesReviewed
      programmesChangedAfterReview
    }
  }
}

fragment TimelinessCounts on MeasureTimelinessCounts {
  total notDue overdue doneOnTime doneLate notExecuted refusedByAgency
}

fragment SituationAssessmentCounts on SituationAssessmentCounts { families improved unchanged worsened }`);

/** A district’s programmes: their state on `asOf`, the reviews in the period. */
export async function loadProgrammes(token: string, code: string, asOf: string, { from, to }: Period) {
  const { data, errors } = await queryGateway(token, programmesQuery, { code, asOf, from, to });
  const notices = describeErrors(errors);
  const district = data?.district ?? null;
  if (!district && notices.length === 0) notices.push(ui.districtNotFound(code));
  return { district, notices };
}

const timelinessKeys = Object.keys(measureTimeliness) as MeasureTimeliness[];
const statusKeys = Object.keys(programmeStatuses) as ProgrammeStatus[];
const assessmentKeys = Object.keys(situationAssessments) as SituationAssessment[];
/** A status with no line has no programme (0); a suppressed count stays null. */
const countOf = (line: { programmes: Figure } | undefined): Figure => (line ? line.programmes : 0);

/** Every status in the schema’s order, those with no programme as 0. */
export function statusCounts(byStatus: ProgrammeOutcomes['byStatus']) {
  return statusKeys.map((status) => ({
    status: programmeStatuses[status],
    programmes: countOf(byStatus.find((row) => row.status === status)),
  }));
}

export function statusTable(byStatus: ProgrammeOutcomes['byStatus'], asOf: string): DataTable {
  const { programmes } = ui;
  const rows = statusCounts(byStatus);
  return {
    caption: programmes.byStatus(formatDate(asOf)),
    columns: [programmes.status, programmes.programmes],
    rows: [
      ...rows.map(({ status, programmes }) => [status, formatFigure(programmes)]),
      [programmes.total, formatTotal(sumOf(rows.map((row) => row.programmes)))],
    ],
  };
}

export const timelinessRows = (measures: TimelinessCounts) =>
  timelinessKeys.map((key) => ({ timeliness: measureTimeliness[key], measures: measures[key] }));

export function timelinessTable(measures: TimelinessCounts, asOf: string): DataTable {
  const { programmes } = ui;
  return {
    caption: programmes.measuresTitle(formatDate(asOf)),
    columns: [programmes.timeliness, programmes.measures, `${programmes.share}, %`],
    rows: [
      ...timelinessRows(measures).map(({ timeliness, measures: count }) => [
        timeliness,
        formatFigure(count),
        formatShare(count, measures.total),
      ]),
      [programmes.total, formatFigure(measures.total), formatShare(measures.total, measures.total)],
    ],
  };
}

export interface TimelinessLine {
  name: string;
  counts: TimelinessCounts;
}

export const timelinessChartData = (lines: TimelinessLine[]) =>
  lines.map(({ name, counts }) => ({
    name,
    ...Object.fromEntries(timelinessKeys.map((key) => [key, counts[key]])),
  }));

/** A line per agency or category: the total, then each timeliness; overdue and refused stand out. */
export function timelinessBreakdownTable(
  caption: string,
  nameColumn: string,
  lines: TimelinessLine[],
): DataTable {
  return {
    caption,
    columns: [nameColumn, ui.programmes.measures, ...timelinessKeys.map((key) => measureTimeliness[key])],
    rows: lines.map(({ name, counts }) => [
      name,
      formatFigure(counts.total),
      ...timelinessKeys.map((key) => formatFigure(counts[key])),
    ]),
    emphasis: (['overdue', 'refusedByAgency'] as const).map((key) => 2 + timelinessKeys.indexOf(key)),
  };
}

export const assessmentRows = (lastReport: ProgrammeOutcomes['lastReport']) =>
  assessmentKeys.map((key) => ({ assessment: situationAssessments[key], families: lastReport[key] }));

export function lastReportTable(lastReport: ProgrammeOutcomes['lastReport'], asOf: string): DataTable {
  const { programmes } = ui;
  return {
    caption: programmes.lastReportTitle(formatDate(asOf)),
    columns: [programmes.assessment, programmes.families, `${programmes.share}, %`],
    rows: [
      ...assessmentRows(lastReport).map(({ assessment, families }) => [
        assessment,
        formatFigure(families),
        formatShare(families, lastReport.families),
      ]),
      [
        programmes.total,
        formatFigure(lastReport.families),
        formatShare(lastReport.families, lastReport.families),
      ],
    ],
  };
}

export const reviewRows = (outcomes: ProgrammeOutcomes) => [
  { figure: ui.programmes.reviewed, programmes: outcomes.programmesReviewed },
  { figure: ui.programmes.changed, programmes: outcomes.programmesChangedAfterReview },
];

export function reviewsTable(outcomes: ProgrammeOutcomes, { from, to }: Period): DataTable {
  const { programmes } = ui;
  return {
    caption: programmes.reviewsTitle(formatDate(from), formatDate(to)),
    columns: [programmes.figure, programmes.programmes],
    rows: reviewRows(outcomes).map(({ figure, programmes }) => [figure, formatFigure(programmes)]),
  };
}
