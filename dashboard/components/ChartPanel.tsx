import type { ReactNode } from 'react';
import { ui } from '../lib/labels.ts';
import { csvDataUrl, type DataTable } from '../lib/table.ts';
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
      <header className="panel-header">
        <div>
          <h2 id={`${id}-title`}>{title}</h2>
          {note}
        </div>
        <a className="csv-link" href={csvDataUrl(table)} download={csvFileName}>
          {ui.downloadCsv}
        </a>
      </header>
      <div className={wideTable ? 'panel-body panel-body-even' : 'panel-body'}>
        <div className="chart">{chart}</div>
        <TableView table={table} />
      </div>
      {children}
    </section>
  );
}
