import { yearStart } from './filters.ts';
import { formatDate, formatFigure, formatNumber } from './format.ts';
import { queryGateway } from './gateway.ts';
import type { AgencyKind, DistrictOverviewQuery } from './generated/graphql.ts';
import { graphql } from './generated/index.ts';
import { agencyKinds, ui } from './labels.ts';
import { describeErrors } from './notices.ts';
import type { DataTable } from './table.ts';

export type DistrictOverview = NonNullable<DistrictOverviewQuery['district']>;
export type RegisterCount = NonNullable<DistrictOverview['register']>;
export type StaffPosition = NonNullable<DistrictOverview['resourceCentre']>['staffPositions'][number];
export type Caseload = NonNullable<DistrictOverview['caseload']>;
export type CaseloadCount = Caseload['total'];

export const overviewQuery =
  graphql(`query DistrictOverview($code: String!, $asOf: Date!, $yearStart: Date!) {
  district(code: $code) {
    code
    name
    commission { name }
    register(asOf: $asOf) { families minors }
    registeredDuring(from: $yearStart, to: $asOf) { families minors }
    resourceCentre {
      agency { name }
      headAppointed
      secretaryAppointed
      staffFilled
      staffVacant
      staffPositions { title filled vacant }
    }
    agencies { name kind }
    caseload(asOf: $asOf) {
      byAgencyKind { kind curators families minors }
      total { curators families minors }
    }
  }
}`);

/** A district on a day; `notices` name what is missing when a subgraph is down. */
export async function loadOverview(token: string, code: string, asOf: string) {
  const { data, errors } = await queryGateway(token, overviewQuery, {
    code,
    asOf,
    yearStart: yearStart(asOf),
  });
  const notices = describeErrors(errors);
  const district = data?.district ?? null;
  if (!district && notices.length === 0) notices.push(ui.districtNotFound(code));
  return { district, notices };
}

export function staffTable(positions: StaffPosition[]): DataTable {
  return {
    caption: ui.staff.title,
    columns: [ui.staff.position, ui.staff.filled, ui.staff.vacant],
    rows: positions.map(({ title, filled, vacant }) => [title, formatNumber(filled), formatNumber(vacant)]),
  };
}

/** The district's agencies grouped by kind, kinds in the schema’s order, empty kinds left out. */
export function agenciesByKind(agencies: DistrictOverview['agencies']) {
  return (Object.keys(agencyKinds) as AgencyKind[])
    .map((kind) => ({
      kind: agencyKinds[kind],
      names: agencies.filter((agency) => agency.kind === kind).map((agency) => agency.name),
    }))
    .filter(({ names }) => names.length > 0);
}

export function agenciesTable(byKind: ReturnType<typeof agenciesByKind>): DataTable {
  return {
    caption: ui.agencies.title,
    columns: [ui.agencies.kind, ui.agencies.count],
    rows: byKind.map(({ kind, names }) => [kind, formatNumber(names.length)]),
  };
}

/** The commission's caseload table: a line per kind of agency, then the total. */
export function caseloadTable(caseload: Caseload, asOf: string): DataTable {
  const line = (name: string, { curators, families, minors }: CaseloadCount) => [
    name,
    formatFigure(curators),
    formatFigure(families),
    formatFigure(minors),
  ];
  return {
    caption: ui.caseload.title(formatDate(asOf)),
    columns: [ui.caseload.kind, ui.caseload.curators, ui.caseload.families, ui.caseload.minors],
    rows: [
      ...caseload.byAgencyKind.map((row) => line(agencyKinds[row.kind], row)),
      line(ui.caseload.total, caseload.total),
    ],
  };
}
