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
  wideTable = false,
  children,
}: {
  id: string;
  title: string;
  note?: ReactNode;
  chart: ReactNode;
  table: DataTable;
  csvFileName: string;
  /** A table of several figures: it gets half the width rather than two fifths. */
  wideTable?: boolean;
  children?: ReactNode;
}) {
  return (
    <section id={id} className="panel" aria-labelledby={`${id}-title`}>
      <PanelHeader id={id} title={title} note={note} table={table} csvFileName={csvFileName} />
      <div className={wideTable ? 'panel-body panel-body-even' : 'panel-body'}>
        <div className="chart">{chart}</div>
        <TableView table={table} />
      </div>
      {children}
    </section>
  );
}
