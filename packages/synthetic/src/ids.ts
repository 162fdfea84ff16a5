/**
 * Deterministic record identifiers in the UUID version 7 layout: the record's day in the time
 * field, so ids sort roughly by creation as the services' own uuid(7) ids do, then the table's tag,
 * the seed and the region, and a counter that makes each id unique in its table.
 */
export const tables = {
  commission: 1,
  agency: 2,
  resourceCentre: 3,
  staffPosition: 4,
  family: 5,
  minor: 6,
  registration: 7,
  curator: 8,
  assignment: 9,
  visit: 10,
  meeting: 11,
  programme: 12,
  goal: 13,
  measure: 14,
  report: 15,
} as const;

export type TableTag = keyof typeof tables;

const hex = (value: number, width: number) => value.toString(16).padStart(width, '0');
const msPerDay = 86_400_000;

export class IdSource {
  private readonly counters = new Array<number>(16).fill(0);
  private readonly middles: string[];
  private readonly times = new Map<number, string>();

  constructor(seed: number, partition: number) {
    const variant = hex(0x8000 | (seed & 0x3fff), 4);
    this.middles = Array.from({ length: 16 }, (_, tag) => `-7${hex(tag, 3)}-${variant}-${hex(partition, 4)}`);
  }

  /** A new id of the table for a record created on the day (days since 1970-01-01). */
  next(table: TableTag, day: number): string {
    const tag = tables[table];
    const counter = (this.counters[tag] as number) + 1;
    this.counters[tag] = counter;
    let time = this.times.get(day);
    if (time === undefined) {
      const full = hex(Math.max(0, day) * msPerDay, 12);
      time = `${full.slice(0, 8)}-${full.slice(8, 12)}`;
      this.times.set(day, time);
    }
    return `${time}${this.middles[tag]}${hex(counter, 8)}`;
  }
}
