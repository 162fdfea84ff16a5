import type { AgenciesDatabase } from '@kdn/agencies/context';
import type { RegistryDatabase } from '@kdn/registry/context';

/** A district with its commission and a social service centre, written straight into the agencies database. */
export async function createDistrict(db: AgenciesDatabase['client'], code: string) {
  const district = await db.district.create({ data: { code, name: `Район ${code}`, city: 'Красноярск' } });
  const commission = await db.commission.create({
    data: { districtCode: code, name: `КДН и ЗП района ${code}` },
  });
  const centre = await db.agency.create({
    data: { districtCode: code, name: `ЦСПСиД ${code}`, kind: 'SOCIAL_SERVICE_CENTRE' },
  });
  return { district, commission, centre };
}

/** `count` families on the register since `openedOn`, each with `minorsEach` minors, in three bulk statements. */
export async function createFamilies(
  db: RegistryDatabase['client'],
  {
    districtCode,
    commissionId,
    count,
    minorsEach = 2,
    openedOn = new Date('2011-03-01'),
  }: {
    districtCode: string;
    commissionId: string;
    count: number;
    minorsEach?: number;
    openedOn?: Date;
  },
) {
  const families = await db.family.createManyAndReturn({
    data: Array.from({ length: count }, (_, index) => ({
      districtCode,
      address: `ул. Тестовая, д. ${index + 1}`,
      composition: 'SINGLE_MOTHER' as const,
    })),
  });
  const minors = await db.minor.createManyAndReturn({
    data: families.flatMap((family, index) =>
      Array.from({ length: minorsEach }, (_, child) => ({
        familyId: family.id,
        lastName: `Тестов${index}`,
        firstName: `Ребёнок${child}`,
        sex: 'FEMALE' as const,
        birthDate: new Date(`200${child}-05-01`),
      })),
    ),
  });
  const registrations = await db.registration.createManyAndReturn({
    data: families.map((family, index) => ({
      familyId: family.id,
      districtCode,
      commissionId,
      resolutionNumber: `${index + 1}/1`,
      resolutionDate: openedOn,
      grounds: 'Ненадлежащее исполнение родительских обязанностей',
      openedOn,
    })),
  });
  const registrationOf = new Map(
    registrations.map((registration) => [registration.familyId, registration.id]),
  );
  await db.registeredMinor.createMany({
    data: minors.map((minor) => ({
      registrationId: registrationOf.get(minor.familyId) ?? '',
      minorId: minor.id,
      addedOn: openedOn,
    })),
  });
  return families;
}

/** Rows in every registry table: a rejected mutation must leave these unchanged. */
export async function registryRowCounts(db: RegistryDatabase['client']) {
  const [families, passports, minors, registrations, registeredMinors] = await Promise.all([
    db.family.count(),
    db.socialPassport.count(),
    db.minor.count(),
    db.registration.count(),
    db.registeredMinor.count(),
  ]);
  return { families, passports, minors, registrations, registeredMinors };
}
