import { loaderByKey } from '@kdn/platform';
import type { PrismaClient } from '@kdn/prisma/agencies';

/** A commission's batching loaders: by id, and a district's commission. */
export function commissionLoaders(db: PrismaClient) {
  return {
    commission: loaderByKey(
      (ids: string[]) => db.commission.findMany({ where: { id: { in: ids } } }),
      (commission) => commission.id,
    ),
    commissionOfDistrict: loaderByKey(
      (codes: string[]) => db.commission.findMany({ where: { districtCode: { in: codes } } }),
      (commission) => commission.districtCode,
    ),
  };
}
