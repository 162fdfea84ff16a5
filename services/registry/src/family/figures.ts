import { loaderByKey } from '@kdn/platform';
import type { PrismaClient } from '@kdn/prisma/registry';

/** A family's batching loader, by id. */
export function familyLoaders(db: PrismaClient) {
  return {
    family: loaderByKey(
      (ids: string[]) => db.family.findMany({ where: { id: { in: ids } } }),
      (family) => family.id,
    ),
  };
}
