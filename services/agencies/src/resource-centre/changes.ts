import { type Access, badInput, transaction, updateAtVersion } from '@kdn/platform';
import type { Prisma, PrismaClient } from '@kdn/prisma/agencies';
import { requireDirectoryOf } from '../district/access.ts';
import type { ResourceCentreLoaders } from './figures.ts';

/** A line of a staff schedule, its vacant posts 0 when omitted. */
export interface StaffLine {
  title: string;
  filled: number;
  vacant: number;
}

export interface NewResourceCentre {
  districtCode: string;
  agencyId: string;
  headAppointed: boolean;
  secretaryAppointed: boolean;
  staffPositions: StaffLine[];
}

/** The fields sent are changed; omitted ones stay as they are. */
export interface ResourceCentreChange {
  id: string;
  version: number;
  headAppointed?: boolean | null;
  secretaryAppointed?: boolean | null;
  staffPositions?: StaffLine[] | null;
}

function scheduleRows(lines: StaffLine[]): Prisma.StaffPositionCreateWithoutResourceCentreInput[] {
  return lines.map((line, ordinal) => ({ ...line, ordinal }));
}

export async function createResourceCentre(db: PrismaClient, access: Access, input: NewResourceCentre) {
  requireDirectoryOf(access, input.districtCode, 'designating a resource centre');
  return transaction(db, async (tx) => {
    const [district, agency, existing] = await Promise.all([
      tx.district.findUnique({ where: { code: input.districtCode } }),
      tx.agency.findUnique({ where: { id: input.agencyId } }),
      tx.resourceCentre.findFirst({
        where: { OR: [{ districtCode: input.districtCode }, { agencyId: input.agencyId }] },
      }),
    ]);
    if (!district) throw badInput('input.districtCode', 'no district with this code');
    if (!agency || agency.districtCode !== district.code)
      throw badInput('input.agencyId', 'no agency with this id in the district');
    if (agency.kind !== 'SOCIAL_SERVICE_CENTRE')
      throw badInput('input.agencyId', 'a resource centre must be a social service centre');
    if (existing)
      throw badInput('input.districtCode', 'the district or the agency already has a resource centre');
    const { staffPositions, ...centre } = input;
    return tx.resourceCentre.create({
      data: { ...centre, staffPositions: { create: scheduleRows(staffPositions) } },
    });
  });
}

export async function updateResourceCentre(
  db: PrismaClient,
  access: Access,
  loaders: Pick<ResourceCentreLoaders, 'resourceCentre' | 'staffPositions'>,
  input: ResourceCentreChange,
) {
  const { id, version, staffPositions, headAppointed, secretaryAppointed } = input;
  // A centre never moves to another district: the district read before the transaction is the one written.
  const current = await loaders.resourceCentre.load(id);
  if (!current) throw badInput('input.id', 'no resource centre with this id');
  requireDirectoryOf(access, current.districtCode, 'changing a resource centre or its staffing');
  const updated = await transaction(db, async (tx) => {
    await updateAtVersion(
      () =>
        tx.resourceCentre.updateMany({
          where: { id, version },
          data: {
            ...(headAppointed == null ? {} : { headAppointed }),
            ...(secretaryAppointed == null ? {} : { secretaryAppointed }),
            version: { increment: 1 },
          },
        }),
      async () => (await tx.resourceCentre.count({ where: { id } })) > 0,
      { field: 'input.id', what: 'resource centre' },
    );
    if (staffPositions) {
      await tx.staffPosition.deleteMany({ where: { resourceCentreId: id } });
      await tx.staffPosition.createMany({
        data: scheduleRows(staffPositions).map((row) => ({ ...row, resourceCentreId: id })),
      });
    }
    return tx.resourceCentre.findUniqueOrThrow({ where: { id } });
  });
  loaders.resourceCentre.clear(id).prime(id, updated);
  loaders.staffPositions.clear(id);
  return updated;
}
