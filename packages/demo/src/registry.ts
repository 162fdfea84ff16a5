import { calendarDate } from '@kdn/platform';
import type { Prisma } from '@kdn/prisma/registry';
import type { FamilySpec } from './family-spec.ts';
import * as ids from './ids.ts';

export interface RegistryRows {
  families: Prisma.FamilyCreateManyInput[];
  passports: Prisma.SocialPassportCreateManyInput[];
  minors: Prisma.MinorCreateManyInput[];
  registrations: Prisma.RegistrationCreateManyInput[];
  registeredMinors: Prisma.RegisteredMinorCreateManyInput[];
}

export function registryRows(families: readonly FamilySpec[]): RegistryRows {
  const rows: RegistryRows = {
    families: [],
    passports: [],
    minors: [],
    registrations: [],
    registeredMinors: [],
  };
  for (const family of families) {
    const { district, key, registration } = family;
    const familyId = ids.familyId(district, key);
    const registrationId = ids.registrationId(district, key, registration.openedOn);
    const openedOn = calendarDate(registration.openedOn);
    const closing = registration.closing;
    rows.families.push({
      id: familyId,
      districtCode: district,
      address: `г. Красноярск, ${family.address}`,
      composition: family.composition,
    });
    rows.passports.push({ familyId, ...family.passport });
    rows.registrations.push({
      id: registrationId,
      familyId,
      districtCode: district,
      commissionId: ids.commissionId(district),
      resolutionNumber: registration.resolutionNumber,
      resolutionDate: openedOn,
      grounds: registration.grounds,
      openedOn,
      closedOn: closing ? calendarDate(closing.closedOn) : null,
      closingReason: closing?.reason ?? null,
      closingResolutionNumber: closing?.resolutionNumber ?? null,
      closingResolutionDate: closing ? calendarDate(closing.closedOn) : null,
      closingNote: closing?.note ?? null,
    });
    for (const { addedOn, birthDate, ...minor } of family.minors) {
      const minorId = ids.minorId(district, key, minor.firstName);
      rows.minors.push({ id: minorId, familyId, ...minor, birthDate: calendarDate(birthDate) });
      rows.registeredMinors.push({
        registrationId,
        minorId,
        addedOn: addedOn ? calendarDate(addedOn) : openedOn,
      });
    }
  }
  return rows;
}
