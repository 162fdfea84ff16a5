import { builder } from '../builder.ts';
import { Family } from '../register/refs.ts';
import { Ward } from './refs.ts';

Ward.implement({
  description:
    'A ward (подопечный): a family on the register as curation follows it. Every change of its curator ' +
    '(assignment, replacement, end of the work) changes its version.',
  fields: (t) => ({
    family: t.field({
      type: Family,
      nullable: true,
      description: 'The family.',
      resolve: (ward) => ({ id: ward.familyId }),
    }),
    version: t.exposeInt('version', {
      description: 'Send it back to replace the curator or end the assignment; a stale one gets `CONFLICT`.',
    }),
  }),
});

builder.objectField(Family, 'ward', (t) =>
  t.field({
    type: Ward,
    nullable: true,
    description: 'The family as a ward of curators; null when no curator has ever been assigned to it.',
    resolve: (family, _args, { loaders }) => loaders.ward.load(family.id),
  }),
);

builder.queryField('wardFamilyIds', (t) =>
  t.idList({
    nullable: true,
    description:
      'For a curator: the families it curates today (an assignment started and not ended), which its token lets it ' +
      'read in every subgraph. Empty for every other role. The other subgraphs ask it, with the user’s token.',
    resolve: async (_root, _args, { access }) => [...(await access.wardFamilies())],
  }),
);
