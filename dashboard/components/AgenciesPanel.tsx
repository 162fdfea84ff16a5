import { ui } from '../lib/labels.ts';
import { agenciesByKind, agenciesTable, type DistrictOverview } from '../lib/overview.ts';
import { BarChartView } from './BarChartView.tsx';
import { ChartPanel } from './ChartPanel.tsx';

/** The district's agencies of the prevention system, counted by kind, with the full list below. */
export function AgenciesPanel({
  districtCode,
  agencies,
}: {
  districtCode: string;
  agencies: DistrictOverview['agencies'];
}) {
  const byKind = agenciesByKind(agencies);
  return (
    <ChartPanel
      id="agencies"
      title={ui.agencies.title}
      note={<p className="muted">{ui.agencies.current}</p>}
      chart={
        <BarChartView
          data={byKind.map(({ kind, names }) => ({ kind, count: names.length }))}
          category="kind"
          series={[{ key: 'count', label: ui.agencies.count, color: '#4a7c74' }]}
        />
      }
      table={agenciesTable(byKind)}
      csvFileName={`agencies-${districtCode}.csv`}
    >
      <details className="agency-list">
        <summary>{ui.agencies.list}</summary>
        {byKind.map(({ kind, names }) => (
          <div key={kind}>
            <h3>{kind}</h3>
            <ul>
              {names.map((name) => (
                <li key={name}>{name}</li>
              ))}
            </ul>
          </div>
        ))}
      </details>
    </ChartPanel>
  );
}
