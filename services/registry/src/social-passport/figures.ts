import { loaderByKey } from '@kdn/platform';
import type { PrismaClient } from '@kdn/prisma/registry';

/** A family's social passport, batched by family. */
export function socialPassportLoaders(db: PrismaClient) {
  return {
    passport: loaderByKey(
      (familyIds: string[]) => db.socialPassport.findMany({ where: { familyId: { in: familyIds } } }),
      (passport) => passport.familyId,
    ),
  };
}
