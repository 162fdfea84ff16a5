/**
 * Calendar days as integers (days since 1970-01-01, UTC), which the generator adds and compares
 * cheaply; `isoDay` formats them for COPY from a table built once.
 */
export const dayLength = 86_400_000;

export function dayOf(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / dayLength;
}

const firstDay = dayOf('1990-01-01');
const lastDay = dayOf('2040-12-31');
const isoDays: string[] = [];
const noons: string[] = [];
for (let day = firstDay; day <= lastDay; day += 1) {
  const iso = new Date(day * dayLength).toISOString().slice(0, 10);
  isoDays.push(iso);
  noons.push(`${iso} 12:00:00+00`);
}

export function isoDay(day: number): string {
  const iso = isoDays[day - firstDay];
  if (iso === undefined) throw new RangeError(`day ${day} is outside the generator's calendar`);
  return iso;
}

/** The same calendar day `months` later (clamped to the month's last day). */
export function addMonths(day: number, months: number): number {
  const date = new Date(day * dayLength);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastOfMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastOfMonth)) / dayLength;
}

export function addYears(day: number, years: number): number {
  return addMonths(day, years * 12);
}

/** The first day of the day's calendar month. */
export function monthStart(day: number): number {
  const date = new Date(day * dayLength);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / dayLength;
}

export function yearOf(day: number): number {
  return new Date(day * dayLength).getUTCFullYear();
}

/** A timestamp at noon UTC of the day, as COPY reads a `timestamptz`. */
export function noonOf(day: number): string {
  const noon = noons[day - firstDay];
  if (noon === undefined) throw new RangeError(`day ${day} is outside the generator's calendar`);
  return noon;
}
