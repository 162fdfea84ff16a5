import type { Ward as WardRecord } from '@kdn/prisma/curation';
import { builder } from './builder.ts';
import { Family } from './references.ts';

export const Ward = builder.objectRef<WardRecord>('Ward');

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
