import { formatDate } from '../lib/format.ts';
import { agencyKinds, ui } from '../lib/labels.ts';
import { type Caseload, caseloadTable } from '../lib/overview.ts';
import { BarChartView } from './BarChartView.tsx';
import { ChartPanel } from './ChartPanel.tsx';

/** The caseload of the district's curators by kind of agency, as the commission's resolution gives it. */
export function CaseloadPanel({
  districtCode,
  asOf,
  caseload,
}: {
  districtCode: string;
  asOf: string;
  caseload: Caseload;
}) {
  const { caseload: labels } = ui;
  return (
    <ChartPanel
      id="caseload"
      title={labels.title(formatDate(asOf))}
      chart={
        <BarChartView
          data={caseload.byAgencyKind.map(({ kind, curators, families, minors }) => ({
            kind: agencyKinds[kind],
            curators,
            families,
            minors,
          }))}
          category="kind"
          grouped
          series={[
            { key: 'curators', label: labels.curators, color: '#4a7c74' },
            { key: 'families', label: labels.families, color: '#2f6f9f' },
            { key: 'minors', label: labels.minors, color: '#d9903d' },
          ]}
        />
      }
      table={caseloadTable(caseload, asOf)}
      tableWidth="half"
      csvFileName={`caseload-${districtCode}-${asOf}.csv`}
    />
  );
}
