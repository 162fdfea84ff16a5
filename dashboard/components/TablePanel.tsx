import type { ReactNode } from 'react';
import type { DataTable } from '../lib/table.ts';
import { PanelHeader } from './PanelHeader.tsx';
import { type TableSort, TableView } from './TableView.tsx';

/** A table with no chart, and a link that downloads exactly that table. */
export function TablePanel({
  id,
  title,
  note,
  table,
  links,
  sort,
  csvFileName,
  children,
}: {
  id: string;
  title: string;
  note?: ReactNode;
  table: DataTable;
  links?: string[];
  sort?: TableSort;
  csvFileName: string;
  children?: ReactNode;
}) {
  return (
    <section id={id} className="panel" aria-labelledby={`${id}-title`}>
      <PanelHeader id={id} title={title} note={note} table={table} csvFileName={csvFileName} />
      <TableView table={table} links={links} sort={sort} />
      {children}
    </section>
  );
}
