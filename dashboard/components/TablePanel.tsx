import type { ReactNode } from 'react';
import { ui } from '../lib/labels.ts';
import { csvDataUrl, type DataTable } from '../lib/table.ts';
import { TableView } from './TableView.tsx';

/** A table with no chart, and a link that downloads exactly that table. */
export function TablePanel({
  id,
  title,
  note,
  table,
  links,
  csvFileName,
  children,
}: {
  id: string;
  title: string;
  note?: ReactNode;
  table: DataTable;
  links?: string[];
  csvFileName: string;
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
      <TableView table={table} links={links} />
      {children}
    </section>
  );
}
