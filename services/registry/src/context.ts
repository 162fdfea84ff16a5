import {
  type Database,
  districtFigures,
  loaderByKey,
  loaderOfLists,
  type SubgraphContext,
} from '@kdn/platform';
import type { PrismaClient } from '@kdn/prisma/registry';
import { withFamilyDistrict } from './access.ts';
import type { AgencyDirectory } from './agency-directory.ts';
import { countOnRegister, countRegisteredDuring, countTakenOffDuring, noClosures } from './register-count.ts';

export type RegistryDatabase = Database<PrismaClient>;

export interface RegistryContext extends SubgraphContext {
  db: PrismaClient;
  agencies: AgencyDirectory;
  loaders: RegistryLoaders;
}

export type RegistryLoaders = ReturnType<typeof createLoaders>;

const noOne = { families: 0, minors: 0 };

/** One set of batching loaders per request: each entity or relation is one statement per fetch, whatever the list size. */
export function createLoaders(db: PrismaClient) {
  return {
    family: loaderByKey(
      (ids: string[]) => db.family.findMany({ where: { id: { in: ids } } }),
      (family) => family.id,
    ),
    passport: loaderByKey(
      (familyIds: string[]) => db.socialPassport.findMany({ where: { familyId: { in: familyIds } } }),
      (passport) => passport.familyId,
    ),
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
    registration: loaderByKey(
      (ids: string[]) => db.registration.findMany({ where: { id: { in: ids } } }),
      (registration) => registration.id,
    ),
    registrationsOfFamily: loaderOfLists(
      (familyIds: string[]) =>
        db.registration.findMany({ where: { familyId: { in: familyIds } }, orderBy: { openedOn: 'desc' } }),
      (registration) => registration.familyId,
    ),
    registrationsOfMinor: loaderOfLists(
      (minorIds: string[]) =>
        db.registeredMinor.findMany({
          where: { minorId: { in: minorIds } },
          include: { registration: true },
          orderBy: { addedOn: 'desc' },
        }),
      (entry) => entry.minorId,
    ),
    minorsOfRegistration: loaderOfLists(
      (registrationIds: string[]) =>
        db.registeredMinor.findMany({
          where: { registrationId: { in: registrationIds } },
          include: { minor: { include: withFamilyDistrict } },
          orderBy: [{ addedOn: 'asc' }, { minorId: 'asc' }],
        }),
      (entry) => entry.registrationId,
    ),
    registerOn: districtFigures((codes, asOf: Date) => countOnRegister(db, codes, asOf), noOne),
    registeredDuring: districtFigures(
      (codes, period: { from: Date; to: Date }) => countRegisteredDuring(db, codes, period),
      noOne,
    ),
    takenOffDuring: districtFigures(
      (codes, period: { from: Date; to: Date }) => countTakenOffDuring(db, codes, period),
      noClosures,
    ),
  };
}
