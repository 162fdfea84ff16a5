import type { Prisma } from '@kdn/prisma/registry';

/** A registration that holds on a day: opened on or before it, not closed by then (clause: register episodes). */
export function registrationOpenOn(day: Date): Prisma.RegistrationWhereInput {
  return { openedOn: { lte: day }, OR: [{ closedOn: null }, { closedOn: { gt: day } }] };
}

export function isOpenOn(registration: { openedOn: Date; closedOn: Date | null }, day: Date): boolean {
  return registration.openedOn <= day && (registration.closedOn === null || registration.closedOn > day);
}
