import type { ReactNode } from 'react';
import { ui } from '../lib/labels.ts';
import { csvDataUrl, type DataTable } from '../lib/table.ts';

/** A panel's title and note, with the link that downloads exactly its table as CSV. */
export function PanelHeader({
  id,
  title,
  note,
  table,
  csvFileName,
}: {
  id: string;
  title: string;
  note?: ReactNode;
  table: DataTable;
  csvFileName: string;
}) {
  return (
    <header className="panel-header">
      <div>
        <h2 id={`${id}-title`}>{title}</h2>
        {note}
      </div>
      <a className="csv-link" href={csvDataUrl(table)} download={csvFileName}>
        {ui.downloadCsv}
      </a>
    </header>
  );
}
