import Link from 'next/link';
import type { DataTable } from '../lib/table.ts';

/**
 * A data table: the first column names the row, the others are figures. `links`, when given, holds
 * for each row the page its name leads to.
 */
export function TableView({ table, links }: { table: DataTable; links?: string[] }) {
  const text = (column: number) => (column < (table.textColumns ?? 1) ? 'text' : undefined);
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{table.caption}</caption>
        <thead>
          <tr>
            {table.columns.map((column, index) => (
              <th key={column} scope="col" className={text(index)}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map(([name, ...figures], row) => (
            <tr key={[name, ...figures].join(';')}>
              <th scope="row">{links?.[row] ? <Link href={links[row]}>{name}</Link> : name}</th>
              {figures.map((figure, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed and positional
                <td key={index} className={text(index + 1)}>
                  {figure}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
