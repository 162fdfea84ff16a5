import { isUuid } from '@kdn/platform';
import type { Programme as ProgrammeRecord } from '@kdn/prisma/programmes';
import { builder } from './builder.ts';

export const Programme = builder.objectRef<ProgrammeRecord>('Programme');

Programme.implement({
  description:
    'An interagency individual programme of social rehabilitation (МИПСР) for a family on the register: ' +
    'its goals and the measures agencies carry out.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of the programme.' }),
    number: t.exposeString('number', { description: 'Number of the programme, unique in its district.' }),
    periodFrom: t.field({
      type: 'Date',
      description: 'First day of the programme.',
      resolve: (p) => p.periodFrom,
    }),
    periodTo: t.field({
      type: 'Date',
      description: 'Last day of the programme.',
      resolve: (p) => p.periodTo,
    }),
    version: t.exposeInt('version', {
      description: 'Changes with every update; send it back to update the programme.',
    }),
  }),
});

builder.asEntity(Programme, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, { loaders }) => (isUuid(id) ? loaders.programme.load(id) : null),
});

builder.queryField('programme', (t) =>
  t.field({
    type: Programme,
    nullable: true,
    description: 'One programme by identifier; null when there is none.',
    args: { id: t.arg.id({ description: 'The programme’s identifier.' }) },
    resolve: (_root, { id }, { loaders }) => (isUuid(id) ? loaders.programme.load(id) : null),
  }),
);
