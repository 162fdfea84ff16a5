import type { Metadata } from 'next';
import { BarChartView } from '../../components/BarChartView.tsx';
import { ChartPanel } from '../../components/ChartPanel.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { districtPage } from '../../components/SignedInPage.tsx';
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
import { filtersQuery } from '../../lib/filters.ts';
import { formatDate, formatFigure } from '../../lib/format.ts';
import { ui } from '../../lib/labels.ts';
import { seesSuppressedFigures, seesWardsOf } from '../../lib/roles.ts';

const title = ui.nav[1].label;
export const metadata: Metadata = { title };

export default districtPage({ path: '/curators', title }, async ({ code, asOf }, { token, user }) => {
  const { district, notices } = await loadCurators(token, code, asOf);
  const { curators: labels } = ui;
  const date = formatDate(asOf);
  const caseload = district?.caseload;
  const homeVisits = district?.homeVisits;
  // A name links to the curator's wards only where the user may see them.
  const curatorLink = (curator: { id: string } | null) =>
    curator && seesWardsOf(user, curator.id)
      ? `/curators/${encodeURIComponent(curator.id)}?${filtersQuery({ district: code, asOf })}`
      : '';
  return (
    <>
      <PageHeader
        title={title}
        subtitle={district?.name}
        dates={ui.dataOn(date)}
        notices={notices}
        suppressed={seesSuppressedFigures(user)}
      />
      {caseload &&
        (caseload.byCurator.length === 0 ? (
          <p className="empty-state">{labels.none}</p>
        ) : (
          <>
            <ChartPanel
              id="wards-per-curator"
              title={labels.distribution(date)}
              note={<p className="muted">{labels.withWards(formatFigure(caseload.total.curators))}</p>}
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
              links={caseload.byCurator.map(({ curator }) => curatorLink(curator))}
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
                    formatFigure(homeVisits.activeWards),
                    formatFigure(homeVisits.overdueWards),
                  )}
                </p>
                <p className="muted">{labels.overdueRule}</p>
              </>
            }
            table={overdueTable(homeVisits.overdue)}
            links={homeVisits.overdue.map(({ curator }) => curatorLink(curator))}
            csvFileName={`overdue-${code}-${asOf}.csv`}
          >
            {homeVisits.overdue.length === 0 && <p className="muted">{labels.overdueNone}</p>}
          </TablePanel>
          <TablePanel
            id="home-visits-by-curator"
            title={labels.overdueByCurator}
            table={homeVisitsByCuratorTable(homeVisits.byCurator)}
            links={homeVisits.byCurator.map(({ curator }) => curatorLink(curator))}
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
});
