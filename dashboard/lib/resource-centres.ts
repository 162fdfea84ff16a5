import { type Filters, filtersQuery, type Period, type SearchParams, single } from './filters.ts';
import { type Figure, formatNumber, percentOf } from './format.ts';
import { queryGateway } from './gateway.ts';
import type { ResourceCentresQuery } from './generated/graphql.ts';
import { graphql } from './generated/index.ts';
import { ui } from './labels.ts';
import { describeErrors } from './notices.ts';
import type { DataTable } from './table.ts';

export type ResourceCentreFigures = NonNullable<ResourceCentresQuery['resourceCentres']>[number];
type ResourceCentreChecklist = NonNullable<ResourceCentreFigures['checklist']>;

/** Every centre with the figures of four subgraphs, in one request: the gateway does the joining. */
export const resourceCentresQuery = graphql(`query ResourceCentres($asOf: Date!, $from: Date!, $to: Date!) {
  resourceCentres {
    id
    headAppointed
    secretaryAppointed
    staffFilled
    staffVacant
    agency { id name caseload(asOf: $asOf) { curators wards } }
    district {
      code
      name
      register(asOf: $asOf) { families }
      homeVisits(asOf: $asOf) { activeWards overdueWards }
      homeVisitMonths(from: $from, to: $to) { wardMonths withHomeVisit }
    }
    checklist(asOf: $asOf, from: $from, to: $to) {
      meetingsHeld
      programmesReviewed
      reportsDue
      reportsOnTime
      reportsWeighingChange
      programmesCorrected
      priorityMeasuresDue
      priorityMeasuresDone
    }
  }
}`);

/**
 * The resource centres of the districts the user reads (`districtCodes`), their state on `asOf`,
 * their events in the period; what the API refused for the other districts' rows is left out with them.
 */
export async function loadResourceCentres(
  token: string,
  districtCodes: string[],
  asOf: string,
  { from, to }: Period,
) {
  const { data, errors } = await queryGateway(token, resourceCentresQuery, { asOf, from, to });
  const all = data?.resourceCentres ?? null;
  const shown = (index: unknown) =>
    typeof index !== 'number' || districtCodes.includes(all?.[index]?.district.code ?? '');
  const centres = all?.filter((_, index) => shown(index)) ?? null;
  const notices = describeErrors(
    errors.filter(({ path }) => path?.[0] !== 'resourceCentres' || shown(path[1])),
  );
  return { centres, notices, partial: all !== null && centres?.length !== all.length };
}

/** A count that a methodologist does not see (below 3), and a share taken from one. */
const suppressed = Symbol('suppressed');
const withheld = Symbol('withheld');

/**
 * A cell: undefined when its subgraph did not answer, null for a share of nothing, `suppressed` and
 * `withheld` for what the user's role may not see.
 */
type Value = string | number | boolean | null | undefined | typeof suppressed | typeof withheld;

const figure = (value: Figure | undefined): Value => (value === null ? suppressed : value);

/** A share of two counts; withheld when either is suppressed. */
function share(part: Figure | undefined, whole: Figure | undefined): Value {
  if (part === undefined || whole === undefined) return undefined;
  if (part === null || whole === null) return withheld;
  return percentOf(part, whole);
}

interface Column {
  label: string;
  value: (centre: ResourceCentreFigures) => Value;
}

const fromChecklist =
  (name: keyof ResourceCentreChecklist) =>
  ({ checklist }: ResourceCentreFigures) =>
    figure(checklist?.[name]);

/** The columns of the side-by-side table, by the key that sorts by them in the URL. */
const columns = {
  district: { label: ui.centres.district, value: ({ district }) => district.name },
  centre: { label: ui.centres.centre, value: ({ agency }) => agency.name },
  headAppointed: { label: ui.centres.headAppointed, value: (centre) => centre.headAppointed },
  secretaryAppointed: { label: ui.centres.secretaryAppointed, value: (centre) => centre.secretaryAppointed },
  staffFilled: { label: ui.centres.staffFilled, value: (centre) => centre.staffFilled },
  staffVacant: { label: ui.centres.staffVacant, value: (centre) => centre.staffVacant },
  centreCurators: {
    label: ui.centres.centreCurators,
    value: ({ agency }) => figure(agency.caseload?.curators),
  },
  centreWards: { label: ui.centres.centreWards, value: ({ agency }) => figure(agency.caseload?.wards) },
  meetingsHeld: { label: ui.centres.meetingsHeld, value: fromChecklist('meetingsHeld') },
  programmesReviewed: { label: ui.centres.programmesReviewed, value: fromChecklist('programmesReviewed') },
  reportsDue: { label: ui.centres.reportsDue, value: fromChecklist('reportsDue') },
  reportsOnTime: { label: ui.centres.reportsOnTime, value: fromChecklist('reportsOnTime') },
  reportsOnTimeShare: {
    label: ui.centres.reportsOnTimeShare,
    value: ({ checklist }) => share(checklist?.reportsOnTime, checklist?.reportsDue),
  },
  reportsWeighingChange: {
    label: ui.centres.reportsWeighingChange,
    value: fromChecklist('reportsWeighingChange'),
  },
  programmesCorrected: { label: ui.centres.programmesCorrected, value: fromChecklist('programmesCorrected') },
  priorityMeasuresDue: { label: ui.centres.priorityMeasuresDue, value: fromChecklist('priorityMeasuresDue') },
  priorityMeasuresDone: {
    label: ui.centres.priorityMeasuresDone,
    value: fromChecklist('priorityMeasuresDone'),
  },
  priorityMeasuresDoneShare: {
    label: ui.centres.priorityMeasuresDoneShare,
    value: ({ checklist }) => share(checklist?.priorityMeasuresDone, checklist?.priorityMeasuresDue),
  },
  familiesOnRegister: {
    label: ui.centres.familiesOnRegister,
    value: ({ district }) => figure(district.register?.families),
  },
  activeWards: {
    label: ui.centres.activeWards,
    value: ({ district }) => figure(district.homeVisits?.activeWards),
  },
  homeVisitShare: {
    label: ui.centres.homeVisitShare,
    value: ({ district: { homeVisitMonths } }) =>
      share(homeVisitMonths?.withHomeVisit, homeVisitMonths?.wardMonths),
  },
  overdueWards: {
    label: ui.centres.overdueWards,
    value: ({ district }) => figure(district.homeVisits?.overdueWards),
  },
} satisfies Record<string, Column>;

export type CentreColumn = keyof typeof columns;
const columnKeys = Object.keys(columns) as CentreColumn[];
const textColumns = 2;

export interface CentreSort {
  column: CentreColumn;
  direction: 'asc' | 'desc';
}

/** Names read from A to Я, figures from the largest. */
const firstDirection = (column: CentreColumn) => (columnKeys.indexOf(column) < textColumns ? 'asc' : 'desc');

/** The order a URL asks for (`?sort=reportsOnTime&dir=desc`); by district by default. */
export function resolveSort(params: SearchParams): CentreSort {
  const asked = single(params.sort);
  const column = columnKeys.find((key) => key === asked) ?? 'district';
  const dir = single(params.dir);
  return { column, direction: dir === 'asc' || dir === 'desc' ? dir : firstDirection(column) };
}

export const sortQuery = ({ column, direction }: CentreSort) =>
  new URLSearchParams({ sort: column, dir: direction }).toString();

function compare(a: Value, b: Value) {
  if (typeof a === 'string' && typeof b === 'string') return a.localeCompare(b, 'ru');
  return Number(a) - Number(b);
}

/** The centres in the order asked, those with no figure (or none shown) last whichever the direction, then by district. */
export function sortCentres(centres: ResourceCentreFigures[], { column, direction }: CentreSort) {
  const { value } = columns[column];
  const byDistrict = (a: ResourceCentreFigures, b: ResourceCentreFigures) =>
    a.district.name.localeCompare(b.district.name, 'ru');
  const missing = (value: Value) => typeof value === 'symbol' || value === null || value === undefined;
  return [...centres].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (missing(x) || missing(y)) return Number(missing(x)) - Number(missing(y)) || byDistrict(a, b);
    return compare(x, y) * (direction === 'asc' ? 1 : -1) || byDistrict(a, b);
  });
}

/** For each column, the link that orders the table by it: the other way round when it already does. */
export function sortLinks(filters: Filters, period: Period, current: CentreSort) {
  const base = `/resource-centres?${filtersQuery(filters, period)}`;
  return columnKeys.map((column) => {
    const direction =
      column === current.column ? (current.direction === 'asc' ? 'desc' : 'asc') : firstDirection(column);
    return `${base}&${sortQuery({ column, direction })}`;
  });
}

export const sortedColumn = (sort: CentreSort) => columnKeys.indexOf(sort.column);

function cell(value: Value) {
  if (value === undefined) return ui.noData;
  if (value === null) return ui.notApplicable;
  if (value === suppressed) return ui.suppressed;
  if (value === withheld) return ui.withheld;
  if (typeof value === 'boolean') return value ? ui.centres.yes : ui.centres.no;
  return typeof value === 'number' ? formatNumber(value) : value;
}

function tableOf(caption: string, keys: CentreColumn[], centres: ResourceCentreFigures[]): DataTable {
  return {
    caption,
    columns: keys.map((key) => columns[key].label),
    textColumns: keys.filter((key) => columnKeys.indexOf(key) < textColumns).length,
    rows: centres.map((centre) => keys.map((key) => cell(columns[key].value(centre)))),
  };
}

/** One row per centre, every column. */
export const centresTable = (centres: ResourceCentreFigures[]) =>
  tableOf(ui.centres.title, columnKeys, centres);

/** The shares the centres are compared on. */
const shareColumns = ['reportsOnTimeShare', 'priorityMeasuresDoneShare', 'homeVisitShare'] as const;

export const sharesTable = (centres: ResourceCentreFigures[]) =>
  tableOf(ui.centres.sharesTitle, ['district', ...shareColumns], centres);

/** The shares as chart rows; a share that cannot be taken, or is withheld, draws no bar. */
export const sharesChartData = (centres: ResourceCentreFigures[]) =>
  centres.map((centre) => ({
    district: centre.district.name,
    ...Object.fromEntries(
      shareColumns.map((key) => {
        const value = columns[key].value(centre);
        return [key, typeof value === 'number' ? value : null];
      }),
    ),
  }));

export const shareSeries = [
  { key: 'reportsOnTimeShare', label: ui.centres.reportsOnTimeShare, color: '#2f6f9f' },
  { key: 'priorityMeasuresDoneShare', label: ui.centres.priorityMeasuresDoneShare, color: '#4a7c74' },
  { key: 'homeVisitShare', label: ui.centres.homeVisitShare, color: '#d9903d' },
] satisfies Array<{ key: (typeof shareColumns)[number]; label: string; color: string }>;
