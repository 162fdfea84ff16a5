import { type Access, badInput, isoDate, publish, today, transaction, updateAtVersion } from '@kdn/platform';
import type { AgencyKind, PrismaClient } from '@kdn/prisma/agencies';
import { requireDirectoryOf } from '../district/access.ts';
import type { AgencyLoaders } from './figures.ts';

export interface NewAgency {
  districtCode: string;
  name: string;
  kind: AgencyKind;
}

/** The fields sent are changed; omitted ones stay as they are. */
export interface AgencyChange {
  id: string;
  version: number;
  name?: string | null;
  kind?: AgencyKind | null;
  districtCode?: string | null;
  closedOn?: Date | null;
  effectiveOn?: Date | null;
}

export async function createAgency(db: PrismaClient, access: Access, input: NewAgency) {
  requireDirectoryOf(access, input.districtCode, 'adding an agency');
  return transaction(db, async (tx) => {
    const district = await tx.district.findUnique({ where: { code: input.districtCode } });
    if (!district) throw badInput('input.districtCode', 'no district with this code');
    return tx.agency.create({ data: input });
  });
}

export async function updateAgency(
  db: PrismaClient,
  access: Access,
  loaders: Pick<AgencyLoaders, 'agency'>,
  { id, version, name, kind, districtCode, closedOn, effectiveOn }: AgencyChange,
) {
  const current = await loaders.agency.load(id);
  if (!current) throw badInput('input.id', 'no agency with this id');
  requireDirectoryOf(access, current.districtCode, 'changing an agency');
  if (districtCode && districtCode !== current.districtCode) {
    requireDirectoryOf(access, districtCode, 'moving an agency to another district');
  }
  if (current.closedOn && (kind || districtCode || closedOn)) {
    throw badInput('input.id', `the agency stopped working on ${isoDate(current.closedOn)}`);
  }
  const changed = [
    ...(kind && kind !== current.kind ? (['kind'] as const) : []),
    ...(districtCode && districtCode !== current.districtCode ? (['districtCode'] as const) : []),
    ...(closedOn ? (['closedOn'] as const) : []),
  ];
  const updated = await transaction(db, async (tx) => {
    if (districtCode && !(await tx.district.findUnique({ where: { code: districtCode } }))) {
      throw badInput('input.districtCode', 'no district with this code');
    }
    await updateAtVersion(
      () =>
        tx.agency.updateMany({
          where: { id, version },
          data: {
            ...(name ? { name } : {}),
            ...(kind ? { kind } : {}),
            ...(districtCode ? { districtCode } : {}),
            ...(closedOn ? { closedOn } : {}),
            version: { increment: 1 },
          },
        }),
      async () => (await tx.agency.count({ where: { id } })) > 0,
      { field: 'input.id', what: 'agency' },
    );
    const agency = await tx.agency.findUniqueOrThrow({ where: { id } });
    if (changed.length > 0) {
      await publish(tx, 'agencies', [
        {
          type: 'AgencyChanged',
          effectiveOn: closedOn && changed.length === 1 ? closedOn : (effectiveOn ?? today()),
          agencyId: id,
          districtCode: agency.districtCode,
          payload: {
            agencyId: id,
            kind: agency.kind,
            districtCode: agency.districtCode,
            closedOn: agency.closedOn,
            changed,
          },
        },
      ]);
    }
    return agency;
  });
  loaders.agency.clear(id).prime(id, updated);
  return updated;
}
