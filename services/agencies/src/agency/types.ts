import { addReconciliationFacts, field, isUuid, present } from '@kdn/platform';
import { builder } from '../builder.ts';
import { District } from '../district/refs.ts';
import { ResourceCentre } from '../resource-centre/refs.ts';
import { createAgency, updateAgency } from './changes.ts';
import { agencyFacts } from './figures.ts';
import { Agency, AgencyKindEnum } from './refs.ts';

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
    resolve: (_root, { id }, { loaders }) => (isUuid(id) ? loaders.agency.load(id) : null),
  }),
);

const CreateAgencyInput = builder.inputType('CreateAgencyInput', {
  description: 'A new agency of the prevention system.',
  fields: (t) => ({
    districtCode: t.string({ validate: field.text(64), description: 'Code of the district it works in.' }),
    name: t.string({ validate: field.text(300), description: 'Name of the agency.' }),
    kind: t.field({ type: AgencyKindEnum, description: 'What kind of agency it is.' }),
  }),
});

const UpdateAgencyInput = builder.inputType('UpdateAgencyInput', {
  description: 'Changes to an agency; omitted fields stay as they are.',
  fields: (t) => ({
    id: t.id({ validate: field.id(), description: 'The agency to change.' }),
    version: t.int({
      validate: field.version(),
      description: 'The version last read; a stale one is refused with `CONFLICT`.',
    }),
    name: t.string({ required: false, validate: field.text(300), description: 'New name.' }),
    kind: t.field({ type: AgencyKindEnum, required: false, description: 'New kind.' }),
    districtCode: t.string({
      required: false,
      validate: field.text(64),
      description:
        'The district it works in from `effectiveOn` (a reorganisation); both districts’ rights needed.',
    }),
    closedOn: t.field({
      type: 'Date',
      required: false,
      validate: field.pastDate(),
      description: 'The day it stops working (closed or reorganised).',
    }),
    effectiveOn: t.field({
      type: 'Date',
      required: false,
      validate: field.pastDate(),
      description:
        'The day a new kind or district takes effect (today when omitted): caseloads by agency kind follow from that day.',
    }),
  }),
});

builder.mutationFields((t) => ({
  createAgency: t.field({
    type: Agency,
    description: 'Adds an agency to a district.',
    args: { input: t.arg({ type: CreateAgencyInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { access, db }) => createAgency(db, access, input),
  }),
  updateAgency: t.field({
    type: Agency,
    description:
      'Renames an agency, changes its kind or district from a day, or closes it; a change of kind, district or ' +
      'closing reaches the services that depend on it (the `AgencyChanged` event).',
    args: { input: t.arg({ type: UpdateAgencyInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { access, db, loaders }) => updateAgency(db, access, loaders, input),
  }),
}));

addReconciliationFacts(builder, { agencies: (context, query) => agencyFacts(context.db, query) });
