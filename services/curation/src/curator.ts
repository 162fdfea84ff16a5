import {
  type Access,
  badInput,
  field,
  idCursorConnection,
  isUuid,
  parseInput,
  transaction,
  updateAtVersion,
} from '@kdn/platform';
import type { Curator as CuratorRecord, Prisma, PrismaClient } from '@kdn/prisma/curation';
import { z } from 'zod';
import type { AgencyDirectory } from './agency-directory.ts';
import { builder } from './builder.ts';
import { visibleCurators } from './case-access.ts';
import { Agency, AgencyKindEnum, District } from './references.ts';

export const Curator = builder.objectRef<CuratorRecord>('Curator');

Curator.implement({
  description:
    'A case curator (куратор случая): a specialist of an agency of the prevention system who accompanies a ward ' +
    'for the whole period of the individual work (clauses 1.1–1.3 of the curator regulation).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of the curator.' }),
    fullName: t.exposeString('fullName', { description: 'Last name, first name and patronymic.' }),
    position: t.exposeString('position', {
      description: 'Position at the agency, e.g. «социальный педагог».',
    }),
    agency: t.field({
      type: Agency,
      nullable: true,
      description: 'The agency the curator works for.',
      resolve: (curator) => ({ id: curator.agencyId }),
    }),
    agencyKind: t.field({
      type: AgencyKindEnum,
      description: 'The kind of the curator’s agency, as it was when the curator was added.',
      resolve: (curator) => curator.agencyKind,
    }),
    district: t.field({
      type: District,
      nullable: true,
      description: 'The district of the curator’s agency.',
      resolve: (curator) => ({ code: curator.districtCode }),
    }),
    active: t.exposeBoolean('active', {
      description: 'Whether the curator still takes wards; an inactive curator has none.',
    }),
    version: t.exposeInt('version', {
      description: 'Changes with every update; send it back to update the curator.',
    }),
  }),
});

builder.asEntity(Curator, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, { loaders }) => (isUuid(id) ? loaders.curator.load(id) : null),
});

builder.objectField(Agency, 'curators', (t) =>
  t.field({
    type: [Curator],
    nullable: true,
    description: 'The agency’s case curators you may see, active or not, by name.',
    resolve: (agency, _args, { loaders }) => loaders.curatorsOfAgency.load(agency.id),
  }),
);

const CuratorFilter = builder.inputType('CuratorFilter', {
  description: 'Which curators a list holds.',
  fields: (t) => ({
    districtCode: t.string({ required: false, description: 'Only those of agencies in this district.' }),
    agencyId: t.id({ required: false, description: 'Only those of this agency.' }),
    active: t.boolean({ required: false, description: 'Only active (true) or inactive (false) ones.' }),
  }),
});

interface CuratorFilterValue {
  districtCode?: string | null;
  agencyId?: string | null;
  active?: boolean | null;
}

function curatorWhere(filter: CuratorFilterValue | null | undefined): Prisma.CuratorWhereInput {
  if (filter?.agencyId && !isUuid(filter.agencyId)) {
    throw badInput('filter.agencyId', 'must be an identifier returned by the API');
  }
  return {
    ...(filter?.districtCode ? { districtCode: filter.districtCode } : {}),
    ...(filter?.agencyId ? { agencyId: filter.agencyId } : {}),
    ...(filter?.active == null ? {} : { active: filter.active }),
  };
}

builder.queryFields((t) => ({
  curator: t.field({
    type: Curator,
    nullable: true,
    description: 'One curator by identifier; null when there is none or you may not see it.',
    args: { id: t.arg.id({ description: 'The curator’s identifier.' }) },
    resolve: (_root, { id }, { loaders }) => (isUuid(id) ? loaders.curator.load(id) : null),
  }),
  curators: t.connection({
    type: Curator,
    nullable: true,
    description: 'The curators you may see, oldest record first, a page at a time.',
    args: { filter: t.arg({ type: CuratorFilter, required: false, description: 'Which curators.' }) },
    resolve: (_root, args, { db, access }) => {
      const where = { AND: [curatorWhere(args.filter), visibleCurators(access.principal)] };
      return idCursorConnection(
        args,
        ({ after, before, take, direction }) =>
          db.curator.findMany({
            where: { ...where, id: { ...(after ? { gt: after } : {}), ...(before ? { lt: before } : {}) } },
            orderBy: { id: direction },
            take,
          }),
        () => db.curator.count({ where }),
      );
    },
  }),
}));

const CreateCuratorInput = builder.inputType('CreateCuratorInput', {
  description: 'A specialist of an agency who becomes a case curator.',
  fields: (t) => ({
    agencyId: t.id({ description: 'The agency the specialist works for.' }),
    fullName: t.string({ description: 'Last name, first name and patronymic.' }),
    position: t.string({ description: 'Position at the agency.' }),
  }),
});

const UpdateCuratorInput = builder.inputType('UpdateCuratorInput', {
  description: 'Changes to a curator; omitted fields stay as they are.',
  fields: (t) => ({
    id: t.id({ description: 'The curator to change.' }),
    version: t.int({ description: 'The version last read; a stale one is refused with `CONFLICT`.' }),
    fullName: t.string({ required: false, description: 'New full name.' }),
    position: t.string({ required: false, description: 'New position.' }),
    active: t.boolean({
      required: false,
      description: 'False deactivates the curator, once their wards have been handed over; true reactivates.',
    }),
  }),
});

const createCuratorSchema = z.object({
  agencyId: field.id(),
  fullName: field.text(200),
  position: field.text(200),
});

const updateCuratorSchema = z.object({
  id: field.id(),
  version: field.version(),
  fullName: field.text(200).nullish(),
  position: field.text(200).nullish(),
  active: z.boolean().nullish(),
});

builder.mutationFields((t) => ({
  createCurator: t.field({
    type: Curator,
    description:
      'Adds a specialist of an agency as a case curator (clause 1.3): the commission of the agency’s district, or ' +
      'the agency itself.',
    args: { input: t.arg({ type: CreateCuratorInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { db, agencies, access }) =>
      createCurator(db, agencies, access, parseInput(createCuratorSchema, input)),
  }),
  updateCurator: t.field({
    type: Curator,
    description:
      'Renames a curator, changes their position, or deactivates or reactivates them: the commission of their ' +
      'district, or their agency.',
    args: { input: t.arg({ type: UpdateCuratorInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { db, access }) =>
      updateCurator(db, access, parseInput(updateCuratorSchema, input)),
  }),
}));

/** Curator records: the commission of the district (or an integrator by scope), and an agency for its own staff. */
function writesCuratorsOf(
  access: Access,
  { agencyId, districtCode }: { agencyId: string; districtCode: string },
) {
  const { role, agencyId: ownAgency } = access.principal;
  return access.writesCasesOf(districtCode) || (role === 'AGENCY' && ownAgency === agencyId);
}

function requireWritingCurators(access: Access) {
  access.require(
    access.writesCasesSomewhere() || access.principal.role === 'AGENCY',
    'curator records are written by a commission or by the curators’ agency',
  );
}

async function createCurator(
  db: PrismaClient,
  agencies: AgencyDirectory,
  access: Access,
  { agencyId, fullName, position }: z.output<typeof createCuratorSchema>,
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

async function updateCurator(
  db: PrismaClient,
  access: Access,
  { id, version, fullName, position, active }: z.output<typeof updateCuratorSchema>,
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
      // Counted after the update, which locks the curator's row against assignments (see assignment-changes).
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
