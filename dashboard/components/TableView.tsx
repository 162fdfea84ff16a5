import Link from 'next/link';
import type { DataTable } from '../lib/table.ts';

/** How a table’s rows are ordered, and for each column the link that orders them by it. */
export interface TableSort {
  column: number;
  direction: 'ascending' | 'descending';
  links: string[];
}

/**
 * A data table: the first column names the row, the others are figures. `links`, when given, holds
 * for each row the page its name leads to; `sort`, the server-rendered links in the column headers.
 */
export function TableView({ table, links, sort }: { table: DataTable; links?: string[]; sort?: TableSort }) {
  // A column to emphasise stands out in its header, and in its cells where they are not 0.
  const className = (column: number, figure?: string) =>
    [
      column < (table.textColumns ?? 1) ? 'text' : undefined,
      table.emphasis?.includes(column) && figure !== '0' ? 'emphasis' : undefined,
    ]
      .filter(Boolean)
      .join(' ') || undefined;
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{table.caption}</caption>
        <thead>
          <tr>
            {table.columns.map((column, index) => (
              <th
                key={column}
                scope="col"
                className={className(index)}
                aria-sort={sort?.column === index ? sort.direction : undefined}
              >
                {sort?.links[index] ? <Link href={sort.links[index]}>{column}</Link> : column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map(([name, ...figures], row) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows may repeat (curators the user may not see, with the same figures)
            <tr key={`${row};${[name, ...figures].join(';')}`}>
              <th scope="row">{links?.[row] ? <Link href={links[row]}>{name}</Link> : name}</th>
              {figures.map((figure, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed and positional
                <td key={index} className={className(index + 1, figure)}>
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
