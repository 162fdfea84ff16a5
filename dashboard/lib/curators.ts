import { formatDate, formatFigure, formatNumber } from './format.ts';
import { forbiddenIn, queryGateway } from './gateway.ts';
import type { CuratorRefFragment, CuratorWardsQuery, DistrictCuratorsQuery } from './generated/graphql.ts';
import { graphql } from './generated/index.ts';
import { agencyKinds, ui } from './labels.ts';
import { describeErrors } from './notices.ts';
import type { DataTable } from './table.ts';

export type DistrictCurators = NonNullable<DistrictCuratorsQuery['district']>;
type HomeVisits = NonNullable<DistrictCurators['homeVisits']>;
export type WardsBucket = NonNullable<DistrictCurators['caseload']>['wardsPerCurator'][number];

export const curatorsQuery = graphql(`query DistrictCurators($code: String!, $asOf: Date!) {
  district(code: $code) {
    code
    name
    caseload(asOf: $asOf) {
      total { curators families minors }
      byCurator { curator { ...CuratorRef } families minors }
      wardsPerCurator { minWards maxWards curators }
    }
    homeVisits(asOf: $asOf) {
      activeWards
      overdueWards
      byAgency { agency { name } kind activeWards overdueWards }
      byCurator { curator { ...CuratorRef } activeWards overdueWards }
      overdue {
        id
        curator { ...CuratorRef }
        family { address }
        lastHomeVisitOn(asOf: $asOf)
        homeVisitDueBy(asOf: $asOf)
      }
    }
  }
}

fragment CuratorRef on Curator { id fullName position agency { name } }`);

/** A district's curators on a day; `notices` name what is missing when a subgraph is down. */
export async function loadCurators(token: string, code: string, asOf: string) {
  const { data, errors } = await queryGateway(token, curatorsQuery, { code, asOf });
  const notices = describeErrors(errors);
  const district = data?.district ?? null;
  if (!district && notices.length === 0) notices.push(ui.districtNotFound(code));
  return { district, notices };
}

const dateOrNone = (date: string | null | undefined, none: string = ui.noData) =>
  date ? formatDate(date) : none;
const agencyName = (agency: { name: string } | null | undefined) => agency?.name ?? ui.noData;
/** A curator the user's role may not see (the API answers null): another curator's, for a curator. */
const curatorName = (curator: CuratorRefFragment | null) => curator?.fullName ?? ui.curators.hidden;

export const bucketLabel = ({ minWards, maxWards }: WardsBucket) => ui.curators.bucket(minWards, maxWards);

export function wardsPerCuratorTable(buckets: WardsBucket[], asOf: string): DataTable {
  const { curators } = ui;
  return {
    caption: curators.distribution(formatDate(asOf)),
    columns: [curators.wards, curators.curators],
    rows: buckets.map((bucket) => [bucketLabel(bucket), formatFigure(bucket.curators)]),
  };
}

export function overdueTable(overdue: HomeVisits['overdue']): DataTable {
  const { curators } = ui;
  return {
    caption: curators.overdueList,
    columns: [curators.fullName, curators.agency, curators.address, curators.lastVisit, curators.dueBy],
    textColumns: 3,
    rows: overdue.map(({ family, curator, lastHomeVisitOn, homeVisitDueBy }) => [
      curatorName(curator),
      agencyName(curator?.agency),
      family?.address ?? ui.noData,
      dateOrNone(lastHomeVisitOn, ui.curator.noVisit),
      dateOrNone(homeVisitDueBy),
    ]),
  };
}

export function homeVisitsByAgencyTable(byAgency: HomeVisits['byAgency']): DataTable {
  const { curators } = ui;
  return {
    caption: curators.overdueByAgency,
    columns: [curators.agency, curators.activeWards, curators.overdueWards],
    rows: byAgency.map(({ agency, kind, activeWards, overdueWards }) => [
      agency?.name ?? agencyKinds[kind],
      formatFigure(activeWards),
      formatFigure(overdueWards),
    ]),
  };
}

export function homeVisitsByCuratorTable(byCurator: HomeVisits['byCurator']): DataTable {
  const { curators } = ui;
  return {
    caption: curators.overdueByCurator,
    columns: [curators.fullName, curators.agency, curators.activeWards, curators.overdueWards],
    textColumns: 2,
    rows: byCurator.map(({ curator, activeWards, overdueWards }) => [
      curatorName(curator),
      agencyName(curator?.agency),
      formatFigure(activeWards),
      formatFigure(overdueWards),
    ]),
  };
}

export function curatorCaseloadTable(
  byCurator: NonNullable<DistrictCurators['caseload']>['byCurator'],
  asOf: string,
): DataTable {
  const { curators } = ui;
  return {
    caption: curators.caseloadTitle(formatDate(asOf)),
    columns: [curators.fullName, curators.position, curators.agency, curators.families, curators.minors],
    textColumns: 3,
    rows: byCurator.map(({ curator, families, minors }) => [
      curatorName(curator),
      curator?.position ?? ui.noData,
      agencyName(curator?.agency),
      formatFigure(families),
      formatFigure(minors),
    ]),
  };
}

export type CuratorWards = NonNullable<CuratorWardsQuery['curator']>;

export const curatorQuery = graphql(`query CuratorWards($id: ID!, $asOf: Date!) {
  curator(id: $id) {
    id
    fullName
    position
    agency { name }
    district { code name }
    assignments(activeOn: $asOf) {
      id
      startedOn
      family { address }
      registration { openedOn }
      minors { addedOn }
      lastHomeVisitOn(asOf: $asOf)
      homeVisitDueBy(asOf: $asOf)
      overdue(asOf: $asOf)
    }
  }
}`);

/** One curator and the wards they curate on a day: the assignments that hold that day. */
export async function loadCuratorWards(token: string, id: string, asOf: string) {
  const { data, errors } = await queryGateway(token, curatorQuery, { id, asOf });
  const notices = describeErrors(errors);
  const curator = data?.curator ?? null;
  if (!curator && notices.length === 0) notices.push(ui.curator.notFound(id));
  return { curator, notices, forbidden: forbiddenIn(errors) };
}

export function curatorWardsTable(assignments: CuratorWards['assignments'], asOf: string): DataTable {
  const { curator } = ui;
  return {
    caption: curator.wardsTitle(formatDate(asOf)),
    columns: [
      curator.address,
      curator.minors,
      curator.registeredOn,
      curator.assignedOn,
      curator.lastVisit,
      curator.dueBy,
      curator.overdue,
    ],
    rows: assignments.map((assignment) => [
      assignment.family?.address ?? ui.noData,
      // The minors on the register that day, as the caseload counts them.
      formatNumber(assignment.minors.filter(({ addedOn }) => addedOn <= asOf).length),
      dateOrNone(assignment.registration?.openedOn),
      formatDate(assignment.startedOn),
      dateOrNone(assignment.lastHomeVisitOn, curator.noVisit),
      dateOrNone(assignment.homeVisitDueBy),
      assignment.overdue ? curator.yes : curator.no,
    ]),
  };
}
