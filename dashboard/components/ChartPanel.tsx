import type { ReactNode } from 'react';
import type { DataTable } from '../lib/table.ts';
import { PanelHeader } from './PanelHeader.tsx';
import { TableView } from './TableView.tsx';

/** A chart with its data table beside it, and a link that downloads exactly that table. */
export function ChartPanel({
  id,
  title,
  note,
  chart,
  table,
  csvFileName,
  tableWidth = 'narrow',
  children,
}: {
  id: string;
  title: string;
  note?: ReactNode;
  chart: ReactNode;
  table: DataTable;
  csvFileName: string;
  /**
   * Two fifths of the width beside the chart; half for a table of several figures; the full width,
   * below the chart, for a table of many.
   */
  tableWidth?: 'narrow' | 'half' | 'full';
  children?: ReactNode;
}) {
  return (
    <section id={id} className="panel" aria-labelledby={`${id}-title`}>
      <PanelHeader id={id} title={title} note={note} table={table} csvFileName={csvFileName} />
      <div className={`panel-body panel-body-${tableWidth}`}>
        <div className="chart">{chart}</div>
        <TableView table={table} />
      </div>
      {children}
    </section>
  );
}
