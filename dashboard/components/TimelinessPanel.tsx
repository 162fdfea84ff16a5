import { measureTimeliness } from '../lib/labels.ts';
import type { TimelinessLine } from '../lib/programmes.ts';
import { timelinessBreakdownTable, timelinessChartData } from '../lib/programmes.ts';
import { BarChartView } from './BarChartView.tsx';
import { ChartPanel } from './ChartPanel.tsx';

/** Done on time first, overdue and refused in red, the measures not yet due last. */
const series = [
  { key: 'doneOnTime', label: measureTimeliness.doneOnTime, color: '#4a7c74' },
  { key: 'doneLate', label: measureTimeliness.doneLate, color: '#9cc3b6' },
  { key: 'overdue', label: measureTimeliness.overdue, color: '#d9503f' },
  { key: 'notExecuted', label: measureTimeliness.notExecuted, color: '#e8a33d' },
  { key: 'refusedByAgency', label: measureTimeliness.refusedByAgency, color: '#8e1b1b' },
  { key: 'notDue', label: measureTimeliness.notDue, color: '#c3cbd4' },
];

/** Measures of several agencies or categories by timeliness: stacked bars and the table of counts. */
export function TimelinessPanel({
  id,
  title,
  note,
  nameColumn,
  lines,
  csvFileName,
}: {
  id: string;
  title: string;
  note?: string;
  nameColumn: string;
  lines: TimelinessLine[];
  csvFileName: string;
}) {
  return (
    <ChartPanel
      id={id}
      title={title}
      note={note && <p className="muted">{note}</p>}
      chart={
        <BarChartView data={timelinessChartData(lines)} category="name" series={series} labelWidth={360} />
      }
      table={timelinessBreakdownTable(title, nameColumn, lines)}
      tableWidth="full"
      csvFileName={csvFileName}
    />
  );
}
