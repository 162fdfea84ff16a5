import type { ReactNode } from 'react';
import type { DataTable } from '../lib/table.ts';
import { PanelHeader } from './PanelHeader.tsx';
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
      <PanelHeader id={id} title={title} note={note} table={table} csvFileName={csvFileName} />
      <TableView table={table} links={links} />
      {children}
    </section>
  );
}
