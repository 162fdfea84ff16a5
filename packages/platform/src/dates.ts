/** Calendar dates are carried as JS `Date`s at UTC midnight, as Prisma reads `@db.Date` columns. */

export function today(): Date {
  return calendarDate(new Date().toISOString().slice(0, 10));
}

/** Parses `YYYY-MM-DD` into a UTC-midnight date; throws on anything that is not a real calendar day. */
export function calendarDate(iso: string): Date {
  const date = new Date(`${iso}T00:00:00.000Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(date.getTime()) || isoDate(date) !== iso) {
    throw new RangeError(`not a calendar date: ${iso}`);
  }
  return date;
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The 18th birthday: from that day a minor is no longer counted on the register (one born on 29 February, on 1 March). */
export function comingOfAge(birthDate: Date): Date {
  return new Date(Date.UTC(birthDate.getUTCFullYear() + 18, birthDate.getUTCMonth(), birthDate.getUTCDate()));
}
