import type { Writable } from 'node:stream';

export type Cell = string | number | boolean | null;

/** A PostgreSQL array literal of plain values (ids, enum labels). */
export function arrayOf(values: readonly string[]): string {
  return `{${values.join(',')}}`;
}

/**
 * Rows of one table on their way into a `COPY … FROM STDIN` stream, in COPY's text format,
 * written in chunks; `drained` lets the generator wait while PostgreSQL catches up. Values are
 * written as they are: the generator's text comes from `vocabulary.ts`, which holds no tab,
 * newline or backslash (checked there), so nothing needs escaping.
 */
export class TableSink {
  rows = 0;
  private chunk = '';
  private waiting: Promise<void> | null = null;

  constructor(private readonly stream: Writable) {}

  row(...values: Cell[]): void {
    let line = '';
    for (let index = 0; index < values.length; index += 1) {
      const value = values[index];
      if (index > 0) line += '\t';
      line += value === null ? '\\N' : value === true ? 't' : value === false ? 'f' : value;
    }
    this.chunk += `${line}\n`;
    this.rows += 1;
    if (this.chunk.length >= 65_536) this.flush();
  }

  flush(): void {
    if (this.chunk.length === 0) return;
    const written = this.stream.write(this.chunk);
    this.chunk = '';
    if (!written && !this.waiting) {
      this.waiting = new Promise((resolve) =>
        this.stream.once('drain', () => {
          this.waiting = null;
          resolve();
        }),
      );
    }
  }

  drained(): Promise<void> {
    return this.waiting ?? Promise.resolve();
  }
}

/** Fails when any text in the value holds a character COPY's text format reads as syntax. */
export function assertCopySafe(value: unknown): void {
  if (typeof value === 'string') {
    if (/[\\\t\n\r]/.test(value)) throw new Error(`text needs escaping for COPY: ${JSON.stringify(value)}`);
  } else if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) assertCopySafe(inner);
  }
}
