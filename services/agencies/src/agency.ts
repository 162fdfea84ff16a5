import {
  badInput,
  defineAgencyKind,
  field,
  isoDate,
  parseInput,
  present,
  publish,
  today,
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
    closedOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'The day the agency stopped working; null while it works.',
      resolve: (agency) => agency.closedOn,
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
    districtCode: t.string({
      required: false,
      description:
        'The district it works in from `effectiveOn` (a reorganisation); both districts’ rights needed.',
    }),
    closedOn: t.field({
      type: 'Date',
      required: false,
      description: 'The day it stops working (closed or reorganised).',
    }),
    effectiveOn: t.field({
      type: 'Date',
      required: false,
      description:
        'The day a new kind or district takes effect (today when omitted): caseloads by agency kind follow from that day.',
    }),
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
  districtCode: field.text(64).nullish(),
  closedOn: field.pastDate().nullish(),
  effectiveOn: field.pastDate().nullish(),
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
    description:
      'Renames an agency, changes its kind or district from a day, or closes it; a change of kind, district or ' +
      'closing reaches the services that depend on it (the `AgencyChanged` event).',
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
  { id, version, name, kind, districtCode, closedOn, effectiveOn }: z.output<typeof updateAgencySchema>,
) {
  const current = await context.loaders.agency.load(id);
  if (!current) throw badInput('input.id', 'no agency with this id');
  requireDirectoryOf(context, current.districtCode, 'changing an agency');
  if (districtCode && districtCode !== current.districtCode) {
    requireDirectoryOf(context, districtCode, 'moving an agency to another district');
  }
  if (current.closedOn && (kind || districtCode || closedOn)) {
    throw badInput('input.id', `the agency stopped working on ${isoDate(current.closedOn)}`);
  }
  const changed = [
    ...(kind && kind !== current.kind ? (['kind'] as const) : []),
    ...(districtCode && districtCode !== current.districtCode ? (['districtCode'] as const) : []),
    ...(closedOn ? (['closedOn'] as const) : []),
  ];
  const updated = await transaction(context.db, async (tx) => {
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
  context.loaders.agency.clear(id).prime(id, updated);
  return updated;
}
