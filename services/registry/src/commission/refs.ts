import { builder } from '../builder.ts';

/** A commission for minors, owned by the agencies subgraph; referenced by key. */
export const Commission = builder
  .externalRef('Commission', builder.keyDirective(builder.selection<{ id: string }>('id'), false))
  .implement({
    description: 'A commission for minors (КДН и ЗП), owned by the agencies subgraph.',
    fields: (t) => ({ id: t.exposeID('id', { description: 'Identifier of the commission.' }) }),
  });
