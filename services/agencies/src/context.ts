import { type Database, loaderByKey, loaderOfLists, type SubgraphContext } from '@kdn/platform';
import type { PrismaClient } from '@kdn/prisma/agencies';

export type AgenciesDatabase = Database<PrismaClient>;

export interface AgenciesContext extends SubgraphContext {
  db: PrismaClient;
  loaders: AgenciesLoaders;
}

export type AgenciesLoaders = ReturnType<typeof createLoaders>;

/** One set of batching loaders per request: every entity and relation below is one statement per fetch. */
export function createLoaders(db: PrismaClient) {
  return {
    district: loaderByKey(
      (codes: string[]) => db.district.findMany({ where: { code: { in: codes } } }),
      (district) => district.code,
    ),
    commission: loaderByKey(
      (ids: string[]) => db.commission.findMany({ where: { id: { in: ids } } }),
      (commission) => commission.id,
    ),
    commissionOfDistrict: loaderByKey(
      (codes: string[]) => db.commission.findMany({ where: { districtCode: { in: codes } } }),
      (commission) => commission.districtCode,
    ),
    agency: loaderByKey(
      (ids: string[]) => db.agency.findMany({ where: { id: { in: ids } } }),
      (agency) => agency.id,
    ),
    agenciesOfDistrict: loaderOfLists(
      (codes: string[]) =>
        db.agency.findMany({
          where: { districtCode: { in: codes } },
          orderBy: [{ kind: 'asc' }, { name: 'asc' }],
        }),
      (agency) => agency.districtCode,
    ),
    resourceCentre: loaderByKey(
      (ids: string[]) => db.resourceCentre.findMany({ where: { id: { in: ids } } }),
      (centre) => centre.id,
    ),
    resourceCentreOfDistrict: loaderByKey(
      (codes: string[]) => db.resourceCentre.findMany({ where: { districtCode: { in: codes } } }),
      (centre) => centre.districtCode,
    ),
    resourceCentreOfAgency: loaderByKey(
      (ids: string[]) => db.resourceCentre.findMany({ where: { agencyId: { in: ids } } }),
      (centre) => centre.agencyId,
    ),
    staffPositions: loaderOfLists(
      (ids: string[]) =>
        db.staffPosition.findMany({ where: { resourceCentreId: { in: ids } }, orderBy: { ordinal: 'asc' } }),
      (position) => position.resourceCentreId,
    ),
  };
}
