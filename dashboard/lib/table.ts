/** A table as the page shows it and as «Скачать CSV» downloads it: the same cells, already formatted. */
export interface DataTable {
  caption: string;
  columns: string[];
  rows: string[][];
  /** How many leading columns hold text rather than figures (1 by default): they align left. */
  textColumns?: number;
  /** Columns whose figures other than 0 the reader should not miss, such as overdue and refused measures. */
  emphasis?: number[];
}

/**
 * CSV the way Excel in a Russian locale opens it by double click: UTF-8 with a byte order mark,
 * `;` between cells (the decimal separator is the comma), CRLF between lines.
 */
export function toCsv({ columns, rows }: DataTable): string {
  const cell = (value: string) => (/[;"\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const lines = [columns, ...rows].map((line) => line.map(cell).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A link target that downloads the table with no round trip to the server. */
export const csvDataUrl = (table: DataTable) =>
  `data:text/csv;charset=utf-8,${encodeURIComponent(toCsv(table))}`;
