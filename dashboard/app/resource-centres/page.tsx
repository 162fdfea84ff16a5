import type { Metadata } from 'next';
import { BarChartView } from '../../components/BarChartView.tsx';
import { ChartPanel } from '../../components/ChartPanel.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { districtPage } from '../../components/SignedInPage.tsx';
import { TablePanel } from '../../components/TablePanel.tsx';
import { listDistricts } from '../../lib/districts.ts';
import { filtersQuery } from '../../lib/filters.ts';
import { formatDate } from '../../lib/format.ts';
import { ui } from '../../lib/labels.ts';
import {
  centresTable,
  loadResourceCentres,
  resolveSort,
  shareSeries,
  sharesChartData,
  sharesTable,
  sortCentres,
  sortedColumn,
  sortLinks,
  sortQuery,
} from '../../lib/resource-centres.ts';
import { readableDistricts, seesSuppressedFigures } from '../../lib/roles.ts';

const title = ui.nav[3].label;
export const metadata: Metadata = { title };

/**
 * Every district's centre side by side, for those who read every district's figures (methodologists);
 * the others see their own district's. The district picked stays in the URL for the other sections.
 */
export default districtPage(
  {
    path: '/resource-centres',
    title,
    withPeriod: true,
    moreQuery: (params) => (params.sort === undefined ? '' : `&${sortQuery(resolveSort(params))}`),
  },
  async ({ code, asOf, period, params }, { token, user }) => {
    const sort = resolveSort(params);
    const readable = readableDistricts(user, (await listDistricts(token)).districts);
    const { centres, notices, partial } = await loadResourceCentres(
      token,
      readable.map((district) => district.code),
      asOf,
      period,
    );
    const sorted = centres && sortCentres(centres, sort);
    const filters = { district: code, asOf };
    return (
      <>
        <PageHeader
          title={title}
          subtitle={partial ? undefined : ui.centres.allDistricts}
          dates={ui.dataOnAndDuring(formatDate(asOf), formatDate(period.from), formatDate(period.to))}
          notices={partial ? [ui.noAccess.ownDistrictOnly, ...notices] : notices}
          suppressed={seesSuppressedFigures(user)}
        />
        {sorted &&
          (sorted.length === 0 ? (
            <p className="empty-state">{ui.centres.none}</p>
          ) : (
            <>
              <TablePanel
                id="resource-centres"
                title={ui.centres.title}
                note={<p className="muted">{ui.centres.note}</p>}
                table={centresTable(sorted)}
                links={sorted.map(
                  ({ district }) => `/programmes?${filtersQuery({ district: district.code, asOf }, period)}`,
                )}
                sort={{
                  column: sortedColumn(sort),
                  direction: sort.direction === 'asc' ? 'ascending' : 'descending',
                  links: sortLinks(filters, period, sort),
                }}
                csvFileName={`resource-centres-${asOf}-${period.from}-${period.to}.csv`}
              />
              <ChartPanel
                id="centre-shares"
                title={ui.centres.sharesTitle}
                chart={
                  <BarChartView
                    data={sharesChartData(sorted)}
                    category="district"
                    series={shareSeries}
                    grouped
                  />
                }
                table={sharesTable(sorted)}
                tableWidth="half"
                csvFileName={`resource-centre-shares-${asOf}-${period.from}-${period.to}.csv`}
              />
            </>
          ))}
      </>
    );
  },
);
