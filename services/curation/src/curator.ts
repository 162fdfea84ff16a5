import { isUuid } from '@kdn/platform';
import type { Curator as CuratorRecord } from '@kdn/prisma/curation';
import { builder } from './builder.ts';

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
    active: t.exposeBoolean('active', { description: 'Whether the curator still takes wards.' }),
    version: t.exposeInt('version', {
      description: 'Changes with every update; send it back to update the curator.',
    }),
  }),
});

builder.asEntity(Curator, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, { loaders }) => (isUuid(id) ? loaders.curator.load(id) : null),
});

builder.queryField('curator', (t) =>
  t.field({
    type: Curator,
    nullable: true,
    description: 'One curator by identifier; null when there is none.',
    args: { id: t.arg.id({ description: 'The curator’s identifier.' }) },
    resolve: (_root, { id }, { loaders }) => (isUuid(id) ? loaders.curator.load(id) : null),
  }),
);
