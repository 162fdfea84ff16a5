import { builder } from '../builder.ts';

/**
 * The register is the registry subgraph's: its families, minors and registrations are referenced here
 * by key, and curation adds its fields to the family in the modules of its own types.
 */
export const Family = builder.externalRef('Family', builder.selection<{ id: string }>('id')).implement({
  description: 'A family on the register, extended with its curators and their visits.',
  fields: (t) => ({ id: t.exposeID('id', { description: 'Identifier of the family.' }) }),
});

export const Minor = builder
  .externalRef('Minor', builder.keyDirective(builder.selection<{ id: string }>('id'), false))
  .implement({
    description: 'A minor of a family on the register, owned by the registry subgraph.',
    fields: (t) => ({ id: t.exposeID('id', { description: 'Identifier of the minor.' }) }),
  });

export const Registration = builder
  .externalRef('Registration', builder.keyDirective(builder.selection<{ id: string }>('id'), false))
  .implement({
    description: 'An episode of a family on the register, owned by the registry subgraph.',
    fields: (t) => ({ id: t.exposeID('id', { description: 'Identifier of the registration.' }) }),
  });
