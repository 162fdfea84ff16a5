import type { DataTable } from '../lib/table.ts';

/** A data table: the first column names the row, the others are figures. */
export function TableView({ table }: { table: DataTable }) {
  return (
    <table className="data-table">
      <caption className="visually-hidden">{table.caption}</caption>
      <thead>
        <tr>
          {table.columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map(([name, ...figures]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            {figures.map((figure, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed and positional
              <td key={index}>{figure}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
