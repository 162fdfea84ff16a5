import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { BarChartView } from '../../components/BarChartView.tsx';
import { ChartPanel } from '../../components/ChartPanel.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TablePanel } from '../../components/TablePanel.tsx';
import {
  bucketLabel,
  curatorCaseloadTable,
  homeVisitsByAgencyTable,
  homeVisitsByCuratorTable,
  loadCurators,
  overdueTable,
  wardsPerCuratorTable,
} from '../../lib/curators.ts';
import { listDistricts } from '../../lib/districts.ts';
import { filtersQuery, resolveFilters, type SearchParams } from '../../lib/filters.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { GatewayUnavailableError } from '../../lib/gateway.ts';
import { ui } from '../../lib/labels.ts';

const title = ui.nav[1].label;
export const metadata: Metadata = { title };

type Props = { searchParams: Promise<SearchParams> };

export default async function CuratorsPage(props: Props) {
  try {
    return await Curators(props);
  } catch (error) {
    if (error instanceof GatewayUnavailableError) return <ErrorState {...ui.gatewayDown} retry={ui.retry} />;
    throw error;
  }
}

async function Curators({ searchParams }: Props) {
  const params = await searchParams;
  const list = await listDistricts();
  const { district: code, asOf } = resolveFilters(
    params,
    list.districts.map((district) => district.code),
  );
  if (!code)
    return <PageHeader title={title} notices={list.notices.length > 0 ? list.notices : [ui.noDistricts]} />;
  // The URL always names the view it shows, so it can be shared as it is.
  if (code !== params.district || asOf !== params.asOf)
    redirect(`/curators?${filtersQuery({ district: code, asOf })}`);

  const { district, notices } = await loadCurators(code, asOf);
  const { curators: labels } = ui;
  const date = formatDate(asOf);
  const caseload = district?.caseload;
  const homeVisits = district?.homeVisits;
  const curatorLink = (id: string) =>
    `/curators/${encodeURIComponent(id)}?${filtersQuery({ district: code, asOf })}`;
  return (
    <>
      <PageHeader title={title} subtitle={district?.name} dates={ui.dataOn(date)} notices={notices} />
      {caseload &&
        (caseload.byCurator.length === 0 ? (
          <p className="empty-state">{labels.none}</p>
        ) : (
          <>
            <ChartPanel
              id="wards-per-curator"
              title={labels.distribution(date)}
              note={<p className="muted">{labels.withWards(formatNumber(caseload.total.curators))}</p>}
              chart={
                <BarChartView
                  data={caseload.wardsPerCurator.map((bucket) => ({
                    bucket: bucketLabel(bucket),
                    curators: bucket.curators,
                  }))}
                  category="bucket"
                  series={[{ key: 'curators', label: labels.curators, color: '#2f6f9f' }]}
                />
              }
              table={wardsPerCuratorTable(caseload.wardsPerCurator, asOf)}
              csvFileName={`wards-per-curator-${code}-${asOf}.csv`}
            />
            <TablePanel
              id="curator-caseload"
              title={labels.caseloadTitle(date)}
              table={curatorCaseloadTable(caseload.byCurator, asOf)}
              links={caseload.byCurator.map(({ curator }) => curatorLink(curator.id))}
              csvFileName={`curator-caseload-${code}-${asOf}.csv`}
            />
          </>
        ))}
      {homeVisits && (
        <>
          <TablePanel
            id="overdue"
            title={labels.overdueTitle(date)}
            note={
              <>
                <p className="panel-lead" id="overdue-summary">
                  {labels.overdueSummary(
                    formatNumber(homeVisits.activeWards),
                    formatNumber(homeVisits.overdueWards),
                  )}
                </p>
                <p className="muted">{labels.overdueRule}</p>
              </>
            }
            table={overdueTable(homeVisits.overdue)}
            links={homeVisits.overdue.map(({ curator }) => curatorLink(curator.id))}
            csvFileName={`overdue-${code}-${asOf}.csv`}
          >
            {homeVisits.overdue.length === 0 && <p className="muted">{labels.overdueNone}</p>}
          </TablePanel>
          <TablePanel
            id="home-visits-by-curator"
            title={labels.overdueByCurator}
            table={homeVisitsByCuratorTable(homeVisits.byCurator)}
            links={homeVisits.byCurator.map(({ curator }) => curatorLink(curator.id))}
            csvFileName={`home-visits-by-curator-${code}-${asOf}.csv`}
          />
          <TablePanel
            id="home-visits-by-agency"
            title={labels.overdueByAgency}
            table={homeVisitsByAgencyTable(homeVisits.byAgency)}
            csvFileName={`home-visits-by-agency-${code}-${asOf}.csv`}
          />
        </>
      )}
    </>
  );
}
