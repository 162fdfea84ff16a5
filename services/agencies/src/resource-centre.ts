import { badInput, field, parseInput, present, transaction, updateAtVersion } from '@kdn/platform';
import {
  type AgencyKind,
  type Agency as AgencyRecord,
  type District as DistrictRecord,
  Prisma,
  type PrismaClient,
  type ResourceCentre as ResourceCentreRecord,
  type StaffPosition as StaffPositionRecord,
} from '@kdn/prisma/agencies';
import { z } from 'zod';
import { Agency } from './agency.ts';
import { builder } from './builder.ts';
import type { AgenciesContext } from './context.ts';
import { requireDirectoryOf } from './directory.ts';
import { District } from './district.ts';

export const ResourceCentre = builder.objectRef<ResourceCentreRecord>('ResourceCentre');
const StaffPosition = builder.objectRef<StaffPositionRecord>('StaffPosition');

StaffPosition.implement({
  description: 'A line of the centre’s staff schedule: posts (ставки) of one title, filled and vacant.',
  fields: (t) => ({
    title: t.exposeString('title', { description: 'Job title, in Russian, e.g. «педагог-психолог».' }),
    filled: t.float({
      description: 'Posts filled (may be fractional, e.g. 0.5).',
      resolve: (p) => Number(p.filled),
    }),
    vacant: t.float({ description: 'Posts vacant.', resolve: (p) => Number(p.vacant) }),
  }),
});

ResourceCentre.implement({
  description:
    'A district’s resource-methodological centre (РМЦ): a social service centre that organises the individual ' +
    'work, hosts working-group meetings and keeps their protocols, trains curators and writes analytic reports.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of the resource centre.' }),
    district: t.field({
      type: District,
      description: 'The district it serves.',
      resolve: (centre, _args, { loaders }) =>
        present(loaders.district.load(centre.districtCode), 'district'),
    }),
    agency: t.field({
      type: Agency,
      description: 'The social service centre designated as the РМЦ.',
      resolve: (centre, _args, { loaders }) => present(loaders.agency.load(centre.agencyId), 'agency'),
    }),
    headAppointed: t.exposeBoolean('headAppointed', {
      description: 'Whether the centre’s head (руководитель РМЦ) is appointed by order of the director.',
    }),
    secretaryAppointed: t.exposeBoolean('secretaryAppointed', {
      description: 'Whether the centre’s secretary (секретарь РМЦ) is appointed.',
    }),
    staffPositions: t.field({
      type: [StaffPosition],
      description: 'The staff schedule of the centre’s work, line by line.',
      resolve: (centre, _args, { loaders }) => loaders.staffPositions.load(centre.id),
    }),
    staffFilled: t.float({
      description: 'Posts filled, all titles together.',
      resolve: async (centre, _args, { loaders }) =>
        sum(await loaders.staffPositions.load(centre.id), 'filled'),
    }),
    staffVacant: t.float({
      description: 'Posts vacant, all titles together.',
      resolve: async (centre, _args, { loaders }) =>
        sum(await loaders.staffPositions.load(centre.id), 'vacant'),
    }),
    version: t.exposeInt('version', {
      description: 'Changes with every update; send it back to update the centre.',
    }),
  }),
});

function sum(positions: StaffPositionRecord[], column: 'filled' | 'vacant'): number {
  return positions.reduce((total, position) => total + Number(position[column]), 0);
}

builder.asEntity(ResourceCentre, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, { loaders }) => loaders.resourceCentre.load(id),
});

builder.queryField('resourceCentres', (t) =>
  t.field({
    type: [ResourceCentre],
    nullable: true,
    description: 'The resource centres of every district, by district code.',
    resolve: async (_root, _args, { db, loaders }) =>
      (await allResourceCentres(db)).map(({ district, agency, staffPositions, centre }) => {
        loaders.district.prime(district.code, district);
        loaders.agency.prime(agency.id, agency);
        loaders.staffPositions.prime(centre.id, staffPositions);
        return centre;
      }),
  }),
);

interface DirectoryRow {
  id: string;
  districtCode: string;
  agencyId: string;
  headAppointed: boolean;
  secretaryAppointed: boolean;
  version: number;
  updatedAt: Date;
  districtName: string;
  districtCity: string;
  agencyName: string;
  agencyKind: AgencyKind;
  agencyClosedOn: Date | null;
  agencyVersion: number;
  agencyCreatedAt: Date;
  agencyUpdatedAt: Date;
  staffPositions: Array<Omit<StaffPositionRecord, 'filled' | 'vacant'> & { filled: string; vacant: string }>;
}

/**
 * Every centre with its district, agency and staff schedule, in one statement, which then answers
 * those fields' loaders: side by side, the country's centres are thousands of rows. Written in SQL
 * because Prisma's `include` of the same rows costs 190–250 ms against 55–70 here, at national size.
 */
async function allResourceCentres(db: PrismaClient) {
  const rows = await db.$queryRaw<DirectoryRow[]>`
    SELECT rc.id, rc."districtCode", rc."agencyId", rc."headAppointed", rc."secretaryAppointed",
           rc.version, rc."updatedAt", d.name AS "districtName", d.city AS "districtCity",
           a.name AS "agencyName", a.kind::text AS "agencyKind", a."closedOn" AS "agencyClosedOn", a.version AS "agencyVersion",
           a."createdAt" AS "agencyCreatedAt", a."updatedAt" AS "agencyUpdatedAt",
           COALESCE(s.positions, '[]') AS "staffPositions"
      FROM "ResourceCentre" rc
      JOIN "District" d ON d.code = rc."districtCode"
      JOIN "Agency" a ON a.id = rc."agencyId"
      LEFT JOIN (
        SELECT "resourceCentreId",
               json_agg(json_build_object('id', id, 'resourceCentreId', "resourceCentreId", 'title', title,
                                          'filled', filled::text, 'vacant', vacant::text, 'ordinal', ordinal)
                        ORDER BY ordinal) AS positions
          FROM "StaffPosition" GROUP BY 1
      ) s ON s."resourceCentreId" = rc.id
     ORDER BY rc."districtCode"`;
  return rows.map((row) => {
    const centre: ResourceCentreRecord = {
      id: row.id,
      districtCode: row.districtCode,
      agencyId: row.agencyId,
      headAppointed: row.headAppointed,
      secretaryAppointed: row.secretaryAppointed,
      version: row.version,
      updatedAt: row.updatedAt,
    };
    const district: DistrictRecord = {
      code: row.districtCode,
      name: row.districtName,
      city: row.districtCity,
    };
    const agency: AgencyRecord = {
      id: row.agencyId,
      districtCode: row.districtCode,
      name: row.agencyName,
      kind: row.agencyKind,
      closedOn: row.agencyClosedOn,
      version: row.agencyVersion,
      createdAt: row.agencyCreatedAt,
      updatedAt: row.agencyUpdatedAt,
    };
    const staffPositions: StaffPositionRecord[] = row.staffPositions.map((position) => ({
      ...position,
      filled: new Prisma.Decimal(position.filled),
      vacant: new Prisma.Decimal(position.vacant),
    }));
    return { centre, district, agency, staffPositions };
  });
}

const StaffPositionInput = builder.inputType('StaffPositionInput', {
  description: 'A line of a staff schedule.',
  fields: (t) => ({
    title: t.string({ description: 'Job title.' }),
    filled: t.float({ description: 'Posts filled, in steps of 0.25.' }),
    vacant: t.float({ required: false, description: 'Posts vacant, in steps of 0.25; 0 when omitted.' }),
  }),
});

const CreateResourceCentreInput = builder.inputType('CreateResourceCentreInput', {
  description: 'Designates a social service centre as its district’s resource centre.',
  fields: (t) => ({
    districtCode: t.string({ description: 'The district; it must not have a resource centre yet.' }),
    agencyId: t.id({ description: 'The social service centre of that district that becomes the РМЦ.' }),
    headAppointed: t.boolean({ description: 'Whether the head is appointed.' }),
    secretaryAppointed: t.boolean({ description: 'Whether the secretary is appointed.' }),
    staffPositions: t.field({ type: [StaffPositionInput], description: 'The staff schedule.' }),
  }),
});

const UpdateResourceCentreInput = builder.inputType('UpdateResourceCentreInput', {
  description: 'Changes to a resource centre; omitted fields stay as they are.',
  fields: (t) => ({
    id: t.id({ description: 'The centre to change.' }),
    version: t.int({ description: 'The version last read; a stale one is refused with `CONFLICT`.' }),
    headAppointed: t.boolean({ required: false, description: 'Whether the head is appointed.' }),
    secretaryAppointed: t.boolean({ required: false, description: 'Whether the secretary is appointed.' }),
    staffPositions: t.field({
      type: [StaffPositionInput],
      required: false,
      description: 'A new staff schedule, replacing the old one whole.',
    }),
  }),
});

const posts = z
  .number()
  .min(0, 'must not be negative')
  .max(100, 'must be at most 100')
  .multipleOf(0.25, 'must be a multiple of 0.25');

const staffScheduleSchema = z
  .array(
    z.object({ title: field.text(200), filled: posts, vacant: posts.nullish().transform((v) => v ?? 0) }),
  )
  .max(50, 'must have at most 50 lines')
  .superRefine((lines, ctx) => {
    const seen = new Set<string>();
    lines.forEach((line, index) => {
      if (seen.has(line.title))
        ctx.addIssue({ code: 'custom', path: [index, 'title'], message: 'is listed twice' });
      if (line.filled + line.vacant === 0)
        ctx.addIssue({ code: 'custom', path: [index, 'filled'], message: 'a line must have posts' });
      seen.add(line.title);
    });
  });

const createSchema = z.object({
  districtCode: field.text(64),
  agencyId: field.id(),
  headAppointed: z.boolean(),
  secretaryAppointed: z.boolean(),
  staffPositions: staffScheduleSchema,
});

const updateSchema = z.object({
  id: field.id(),
  version: field.version(),
  headAppointed: z.boolean().nullish(),
  secretaryAppointed: z.boolean().nullish(),
  staffPositions: staffScheduleSchema.nullish(),
});

builder.mutationFields((t) => ({
  createResourceCentre: t.field({
    type: ResourceCentre,
    description: 'Designates a district’s resource centre with its staff schedule.',
    args: { input: t.arg({ type: CreateResourceCentreInput, description: 'What to write.' }) },
    resolve: (_root, { input }, context) => createResourceCentre(context, parseInput(createSchema, input)),
  }),
  updateResourceCentre: t.field({
    type: ResourceCentre,
    description: 'Records appointments or a new staff schedule of a resource centre.',
    args: { input: t.arg({ type: UpdateResourceCentreInput, description: 'What to write.' }) },
    resolve: (_root, { input }, context) => updateResourceCentre(context, parseInput(updateSchema, input)),
  }),
}));

type StaffSchedule = z.output<typeof staffScheduleSchema>;

function scheduleRows(lines: StaffSchedule): Prisma.StaffPositionCreateWithoutResourceCentreInput[] {
  return lines.map((line, ordinal) => ({ ...line, ordinal }));
}

async function createResourceCentre(context: AgenciesContext, input: z.output<typeof createSchema>) {
  requireDirectoryOf(context, input.districtCode, 'designating a resource centre');
  return transaction(context.db, async (tx) => {
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

async function updateResourceCentre(context: AgenciesContext, input: z.output<typeof updateSchema>) {
  const { id, version, staffPositions, headAppointed, secretaryAppointed } = input;
  // A centre never moves to another district: the district read before the transaction is the one written.
  const current = await context.loaders.resourceCentre.load(id);
  if (!current) throw badInput('input.id', 'no resource centre with this id');
  requireDirectoryOf(context, current.districtCode, 'changing a resource centre or its staffing');
  const updated = await transaction(context.db, async (tx) => {
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
  context.loaders.resourceCentre.clear(id).prime(id, updated);
  context.loaders.staffPositions.clear(id);
  return updated;
}
