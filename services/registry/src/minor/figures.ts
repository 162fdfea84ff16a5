import { isoDate, loaderByKey, loaderOfLists } from '@kdn/platform';
import type { Prisma, PrismaClient } from '@kdn/prisma/registry';

/**
 * The policy needs the district of a minor's family for every minor it shows: minors' rows carry
 * it, joined in the same statement, never looked up one minor at a time.
 */
export const withFamilyDistrict = {
  family: { select: { districtCode: true } },
} as const satisfies Prisma.MinorInclude;

export type MinorRow = Prisma.MinorGetPayload<{ include: typeof withFamilyDistrict }>;

/** A minor's batching loaders: by id, and a family's minors eldest first. */
export function minorLoaders(db: PrismaClient) {
  return {
    minor: loaderByKey(
      (ids: string[]) => db.minor.findMany({ where: { id: { in: ids } }, include: withFamilyDistrict }),
      (minor) => minor.id,
    ),
    minorsOfFamily: loaderOfLists(
      (familyIds: string[]) =>
        db.minor.findMany({
          where: { familyId: { in: familyIds } },
          include: withFamilyDistrict,
          orderBy: [{ birthDate: 'asc' }, { id: 'asc' }],
        }),
      (minor) => minor.familyId,
    ),
  };
}

export function fullYears(birthDate: Date, on: Date): number {
  const years = on.getUTCFullYear() - birthDate.getUTCFullYear();
  const hadBirthday =
    on.getUTCMonth() > birthDate.getUTCMonth() ||
    (on.getUTCMonth() === birthDate.getUTCMonth() && on.getUTCDate() >= birthDate.getUTCDate());
  return hadBirthday ? years : years - 1;
}

export interface MinorIdentity {
  lastName: string;
  firstName: string;
  patronymic?: string | null;
  birthDate: Date;
}

/** Who a minor is for the registry: full name (letter case aside) and birth date. */
export function identityKey(minor: MinorIdentity): string {
  return [minor.lastName, minor.firstName, minor.patronymic ?? '', isoDate(minor.birthDate)]
    .join('|')
    .toLocaleLowerCase('ru');
}
