import { loaderByKey } from '@kdn/platform';
import type { PrismaClient } from '@kdn/prisma/agencies';

/** A district's batching loader, by code. */
export function districtLoaders(db: PrismaClient) {
  return {
    district: loaderByKey(
      (codes: string[]) => db.district.findMany({ where: { code: { in: codes } } }),
      (district) => district.code,
    ),
  };
}
