import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { BarChartView } from '../../components/BarChartView.tsx';
import { ChartPanel } from '../../components/ChartPanel.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TablePanel } from '../../components/TablePanel.tsx';
import { listDistricts } from '../../lib/districts.ts';
import { filtersQuery, resolveFilters, resolvePeriod, type SearchParams } from '../../lib/filters.ts';
import { formatDate } from '../../lib/format.ts';
import { GatewayUnavailableError } from '../../lib/gateway.ts';
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

const title = ui.nav[3].label;
export const metadata: Metadata = { title };

type Props = { searchParams: Promise<SearchParams> };

export default async function ResourceCentresPage(props: Props) {
  try {
    return await ResourceCentres(props);
  } catch (error) {
    if (error instanceof GatewayUnavailableError) return <ErrorState {...ui.gatewayDown} retry={ui.retry} />;
    throw error;
  }
}

async function ResourceCentres({ searchParams }: Props) {
  const params = await searchParams;
  const list = await listDistricts();
  // Every district is shown; the district picked stays in the URL for the other sections.
  const filters = resolveFilters(
    params,
    list.districts.map((district) => district.code),
  );
  const { asOf } = filters;
  const period = resolvePeriod(params, asOf);
  const sort = resolveSort(params);
  // The URL always names the view it shows, so it can be shared as it is.
  if (
    (filters.district && filters.district !== params.district) ||
    asOf !== params.asOf ||
    period.from !== params.from ||
    period.to !== params.to ||
    (params.sort !== undefined && (sort.column !== params.sort || sort.direction !== params.dir))
  )
    redirect(
      `/resource-centres?${filtersQuery(filters, period)}${params.sort === undefined ? '' : `&${sortQuery(sort)}`}`,
    );

  const { centres, notices } = await loadResourceCentres(asOf, period);
  const sorted = centres && sortCentres(centres, sort);
  return (
    <>
      <PageHeader
        title={title}
        subtitle={ui.centres.allDistricts}
        dates={ui.dataOnAndDuring(formatDate(asOf), formatDate(period.from), formatDate(period.to))}
        notices={notices}
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
}
