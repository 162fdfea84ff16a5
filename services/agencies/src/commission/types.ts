import { builder } from '../builder.ts';
import { District } from '../district/refs.ts';
import { Commission } from './refs.ts';

Commission.implement({
  description:
    'A commission for minors and the protection of their rights (КДН и ЗП): registers families and minors ' +
    'by resolution, assigns case curators and hears the results.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of the commission.' }),
    name: t.exposeString('name', { description: 'Full name of the commission, in Russian.' }),
    district: t.field({
      type: District,
      description: 'The district the commission serves.',
      resolve: async (commission, _args, { loaders }) => {
        const district = await loaders.district.load(commission.districtCode);
        if (!district) throw new Error(`commission ${commission.id} has no district`);
        return district;
      },
    }),
  }),
});

builder.asEntity(Commission, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, { loaders }) => loaders.commission.load(id),
});
