import type { Prisma } from '@kdn/prisma/registry';

/** A registration that holds on a day: opened on or before it, not closed by then. */
export function registrationOpenOn(day: Date): Prisma.RegistrationWhereInput {
  return { openedOn: { lte: day }, OR: [{ closedOn: null }, { closedOn: { gt: day } }] };
}

export function isOpenOn(registration: { openedOn: Date; closedOn: Date | null }, day: Date): boolean {
  return registration.openedOn <= day && (registration.closedOn === null || registration.closedOn > day);
}

/**
 * The latest birth date of one who is 18 on the day: a minor is counted on the register only when
 * born after it, so their 18th birthday (`comingOfAge`) is the first day they are not counted. The
 * day's month and day in the year 18 years back, the last of the month when that year has no such
 * day (29 February).
 */
export function lastBirthDateOfAdultOn(day: Date): Date {
  const year = day.getUTCFullYear() - 18;
  const month = day.getUTCMonth();
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(day.getUTCDate(), daysInMonth)));
}

/** A minor's place in a registration that holds on a day: added on or before it, not left by then. */
export function namedOn(day: Date): Prisma.RegisteredMinorWhereInput {
  return {
    addedOn: { lte: day },
    OR: [{ leftOn: null }, { leftOn: { gt: day } }],
    registration: registrationOpenOn(day),
  };
}

/** A minor counted on the register on a day: named in a registration that holds, and under 18. */
export function minorOnRegisterOn(day: Date): Prisma.MinorWhereInput {
  return { registrations: { some: namedOn(day) }, birthDate: { gt: lastBirthDateOfAdultOn(day) } };
}
