import { type Access, transaction, updateAtVersion } from '@kdn/platform';
import type { PrismaClient } from '@kdn/prisma/registry';
import { requireWritesCases } from '../family/access.ts';

/** A change of a family's passport: the fields sent are written, each checked by its rule; omitted ones stay. */
interface PassportChange {
  familyId: string;
  version: number;
  [passportField: string]: unknown;
}

export async function updateSocialPassport(
  db: PrismaClient,
  access: Access,
  { familyId, version, ...changes }: PassportChange,
) {
  const data = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  return transaction(db, async (tx) => {
    const family = await tx.family.findUnique({ where: { id: familyId }, select: { districtCode: true } });
    requireWritesCases(access, family?.districtCode ?? null, 'changing the social passport of this family');
    await updateAtVersion(
      () =>
        tx.socialPassport.updateMany({
          where: { familyId, version },
          data: { ...data, version: { increment: 1 } },
        }),
      async () => (await tx.socialPassport.count({ where: { familyId } })) > 0,
      { field: 'input.familyId', what: 'social passport' },
    );
    return tx.family.findUniqueOrThrow({ where: { id: familyId } });
  });
}
