import { field, idCursorConnection, isUuid } from '@kdn/platform';
import type { Prisma } from '@kdn/prisma/curation';
import { Agency, AgencyKindEnum } from '../agency/refs.ts';
import { builder } from '../builder.ts';
import { District } from '../district/refs.ts';
import { visibleCurators } from './access.ts';
import { createCurator, updateCurator } from './changes.ts';
import { Curator } from './refs.ts';

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
    agencyId: t.id({ required: false, validate: field.id(), description: 'Only those of this agency.' }),
    active: t.boolean({ required: false, description: 'Only active (true) or inactive (false) ones.' }),
  }),
});

function curatorWhere(filter: typeof CuratorFilter.$inferInput | null | undefined): Prisma.CuratorWhereInput {
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
    agencyId: t.id({ validate: field.id(), description: 'The agency the specialist works for.' }),
    fullName: t.string({ validate: field.text(200), description: 'Last name, first name and patronymic.' }),
    position: t.string({ validate: field.text(200), description: 'Position at the agency.' }),
  }),
});

const UpdateCuratorInput = builder.inputType('UpdateCuratorInput', {
  description: 'Changes to a curator; omitted fields stay as they are.',
  fields: (t) => ({
    id: t.id({ validate: field.id(), description: 'The curator to change.' }),
    version: t.int({
      validate: field.version(),
      description: 'The version last read; a stale one is refused with `CONFLICT`.',
    }),
    fullName: t.string({ required: false, validate: field.text(200), description: 'New full name.' }),
    position: t.string({ required: false, validate: field.text(200), description: 'New position.' }),
    active: t.boolean({
      required: false,
      description: 'False deactivates the curator, once their wards have been handed over; true reactivates.',
    }),
  }),
});

builder.mutationFields((t) => ({
  createCurator: t.field({
    type: Curator,
    description:
      'Adds a specialist of an agency as a case curator (clause 1.3): the commission of the agency’s district, or ' +
      'the agency itself.',
    args: { input: t.arg({ type: CreateCuratorInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { db, agencies, access }) => createCurator(db, agencies, access, input),
  }),
  updateCurator: t.field({
    type: Curator,
    description:
      'Renames a curator, changes their position, or deactivates or reactivates them: the commission of their ' +
      'district, or their agency.',
    args: { input: t.arg({ type: UpdateCuratorInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { db, access }) => updateCurator(db, access, input),
  }),
}));
