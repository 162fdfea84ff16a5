import { Agency, AgencyKindEnum } from '../agency/refs.ts';
import { builder } from '../builder.ts';
import { Commission } from '../commission/refs.ts';
import { ResourceCentre } from '../resource-centre/refs.ts';
import { District } from './refs.ts';

District.implement({
  description:
    'A city or municipal district (район): the area of one commission for minors and one resource centre.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable key of the district, e.g. `kirovsky`.' }),
    name: t.exposeString('name', { description: 'Name of the district, in Russian.' }),
    city: t.exposeString('city', { description: 'The city or municipality the district belongs to.' }),
    commission: t.field({
      type: Commission,
      nullable: true,
      description: 'The district’s commission for minors and the protection of their rights (КДН и ЗП).',
      resolve: (district, _args, { loaders }) => loaders.commissionOfDistrict.load(district.code),
    }),
    agencies: t.field({
      type: [Agency],
      description: 'Agencies of the prevention system in the district, by kind then name.',
      args: {
        kind: t.arg({
          type: AgencyKindEnum,
          required: false,
          description: 'Only agencies of this kind.',
        }),
      },
      resolve: async (district, { kind }, { loaders }) => {
        const agencies = await loaders.agenciesOfDistrict.load(district.code);
        return kind ? agencies.filter((agency) => agency.kind === kind) : agencies;
      },
    }),
    resourceCentre: t.field({
      type: ResourceCentre,
      nullable: true,
      description: 'The district’s resource-methodological centre (РМЦ), if one has been designated.',
      resolve: (district, _args, { loaders }) => loaders.resourceCentreOfDistrict.load(district.code),
    }),
  }),
});

builder.asEntity(District, {
  key: builder.selection<{ code: string }>('code'),
  resolveReference: ({ code }, { loaders }) => loaders.district.load(code),
});

builder.queryFields((t) => ({
  districts: t.field({
    type: [District],
    nullable: true,
    description: 'Every district, by name.',
    resolve: (_root, _args, { db }) => db.district.findMany({ orderBy: { name: 'asc' } }),
  }),
  district: t.field({
    type: District,
    nullable: true,
    description: 'One district by its code; null when there is none.',
    args: { code: t.arg.string({ description: 'The district’s code, e.g. `kirovsky`.' }) },
    resolve: (_root, { code }, { loaders }) => loaders.district.load(code),
  }),
}));
