/** A curator's record (clause 1.3): written by the commission of their district or by their agency. */
import { type Access, badInput, transaction, updateAtVersion } from '@kdn/platform';
import type { PrismaClient } from '@kdn/prisma/curation';
import type { AgencyDirectory } from '../agency/remote.ts';
import { requireWritingCurators, writesCuratorsOf } from './access.ts';

export interface NewCurator {
  agencyId: string;
  fullName: string;
  position: string;
}

export interface CuratorChange {
  id: string;
  version: number;
  fullName?: string | null;
  position?: string | null;
  active?: boolean | null;
}

export async function createCurator(
  db: PrismaClient,
  agencies: AgencyDirectory,
  access: Access,
  { agencyId, fullName, position }: NewCurator,
) {
  requireWritingCurators(access);
  const [agency] = await agencies.lookUp([agencyId]);
  if (!agency) throw badInput('input.agencyId', 'no agency with this id');
  access.require(
    writesCuratorsOf(access, { agencyId, districtCode: agency.districtCode }),
    'curators of an agency not your own or outside your district',
  );
  return transaction(db, (tx) =>
    tx.curator.create({
      data: { agencyId, agencyKind: agency.kind, districtCode: agency.districtCode, fullName, position },
    }),
  );
}

export async function updateCurator(
  db: PrismaClient,
  access: Access,
  { id, version, fullName, position, active }: CuratorChange,
) {
  requireWritingCurators(access);
  return transaction(db, async (tx) => {
    await updateAtVersion(
      () =>
        tx.curator.updateMany({
          where: { id, version },
          data: {
            ...(fullName ? { fullName } : {}),
            ...(position ? { position } : {}),
            ...(active == null ? {} : { active }),
            version: { increment: 1 },
          },
        }),
      async () => (await tx.curator.count({ where: { id } })) > 0,
      { field: 'input.id', what: 'curator' },
    );
    const curator = await tx.curator.findUniqueOrThrow({ where: { id } });
    // Refused after the update, which the transaction then rolls back: nothing is written.
    access.require(
      writesCuratorsOf(access, curator),
      'curators of an agency not your own or outside your district',
    );
    if (active === false) {
      // Counted after the update, which locks the curator's row against assignments (see assignment/changes.ts).
      const wards = await tx.curatorAssignment.count({ where: { curatorId: id, endedOn: null } });
      if (wards > 0) {
        throw badInput(
          'input.active',
          `the curator still curates ${wards} ward(s): replace them first (clause 1.9, STAFF_CHANGE)`,
        );
      }
    }
    return curator;
  });
}
