import {
  badInput,
  defineAgencyKind,
  field,
  parseInput,
  present,
  transaction,
  updateAtVersion,
} from '@kdn/platform';
import { AgencyKind, type Agency as AgencyRecord } from '@kdn/prisma/agencies';
import { z } from 'zod';
import { builder } from './builder.ts';
import type { AgenciesContext } from './context.ts';
import { requireDirectoryOf } from './directory.ts';
import { District } from './district.ts';
import { ResourceCentre } from './resource-centre.ts';

export const AgencyKindEnum = defineAgencyKind(builder);

export const Agency = builder.objectRef<AgencyRecord>('Agency');

Agency.implement({
  description:
    'An agency of the prevention system: the employer of case curators and the executor of programme measures.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of the agency.' }),
    name: t.exposeString('name', { description: 'Name of the agency, in Russian.' }),
    kind: t.field({
      type: AgencyKindEnum,
      description: 'What kind of agency it is.',
      resolve: (a) => a.kind,
    }),
    district: t.field({
      type: District,
      description: 'The district the agency works in.',
      resolve: (agency, _args, { loaders }) =>
        present(loaders.district.load(agency.districtCode), 'district'),
    }),
    resourceCentre: t.field({
      type: ResourceCentre,
      nullable: true,
      description: 'The resource centre this agency hosts, if it is its district’s РМЦ.',
      resolve: (agency, _args, { loaders }) => loaders.resourceCentreOfAgency.load(agency.id),
    }),
    version: t.exposeInt('version', {
      description: 'Changes with every update; send it back to update the agency.',
    }),
  }),
});

builder.asEntity(Agency, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, { loaders }) => loaders.agency.load(id),
});

builder.queryField('agency', (t) =>
  t.field({
    type: Agency,
    nullable: true,
    description: 'One agency by its identifier; null when there is none.',
    args: { id: t.arg.id({ description: 'The agency’s identifier.' }) },
    resolve: (_root, { id }, { loaders }) =>
      z.uuid().safeParse(id).success ? loaders.agency.load(id) : null,
  }),
);

const CreateAgencyInput = builder.inputType('CreateAgencyInput', {
  description: 'A new agency of the prevention system.',
  fields: (t) => ({
    districtCode: t.string({ description: 'Code of the district it works in.' }),
    name: t.string({ description: 'Name of the agency.' }),
    kind: t.field({ type: AgencyKindEnum, description: 'What kind of agency it is.' }),
  }),
});

const UpdateAgencyInput = builder.inputType('UpdateAgencyInput', {
  description: 'Changes to an agency; omitted fields stay as they are.',
  fields: (t) => ({
    id: t.id({ description: 'The agency to change.' }),
    version: t.int({ description: 'The version last read; a stale one is refused with `CONFLICT`.' }),
    name: t.string({ required: false, description: 'New name.' }),
    kind: t.field({ type: AgencyKindEnum, required: false, description: 'New kind.' }),
  }),
});

const createAgencySchema = z.object({
  districtCode: field.text(64),
  name: field.text(300),
  kind: z.enum(AgencyKind),
});

const updateAgencySchema = z.object({
  id: field.id(),
  version: field.version(),
  name: field.text(300).nullish(),
  kind: z.enum(AgencyKind).nullish(),
});

builder.mutationFields((t) => ({
  createAgency: t.field({
    type: Agency,
    description: 'Adds an agency to a district.',
    args: { input: t.arg({ type: CreateAgencyInput, description: 'What to write.' }) },
    resolve: (_root, { input }, context) => createAgency(context, parseInput(createAgencySchema, input)),
  }),
  updateAgency: t.field({
    type: Agency,
    description: 'Renames an agency or changes its kind.',
    args: { input: t.arg({ type: UpdateAgencyInput, description: 'What to write.' }) },
    resolve: (_root, { input }, context) => updateAgency(context, parseInput(updateAgencySchema, input)),
  }),
}));

async function createAgency(context: AgenciesContext, input: z.output<typeof createAgencySchema>) {
  requireDirectoryOf(context, input.districtCode, 'adding an agency');
  return transaction(context.db, async (tx) => {
    const district = await tx.district.findUnique({ where: { code: input.districtCode } });
    if (!district) throw badInput('input.districtCode', 'no district with this code');
    return tx.agency.create({ data: input });
  });
}

async function updateAgency(
  context: AgenciesContext,
  { id, version, name, kind }: z.output<typeof updateAgencySchema>,
) {
  // An agency never moves to another district: the district read before the transaction is the one written.
  const current = await context.loaders.agency.load(id);
  if (!current) throw badInput('input.id', 'no agency with this id');
  requireDirectoryOf(context, current.districtCode, 'changing an agency');
  const updated = await transaction(context.db, async (tx) => {
    await updateAtVersion(
      () =>
        tx.agency.updateMany({
          where: { id, version },
          data: { ...(name ? { name } : {}), ...(kind ? { kind } : {}), version: { increment: 1 } },
        }),
      async () => (await tx.agency.count({ where: { id } })) > 0,
      { field: 'input.id', what: 'agency' },
    );
    return tx.agency.findUniqueOrThrow({ where: { id } });
  });
  context.loaders.agency.clear(id).prime(id, updated);
  return updated;
}
