import { builder } from '../builder.ts';

/**
 * Entities other subgraphs own, referenced here by key. The fields this subgraph adds to them
 * (a family's programmes, an agency's measures, …) are defined beside the types they lead to.
 */
export const Family = builder.externalRef('Family', builder.selection<{ id: string }>('id')).implement({
  description: 'A family on the register, owned by the registry subgraph; extended with its programmes.',
  fields: (t) => ({ id: t.exposeID('id', { description: 'Identifier of the family.' }) }),
});

export const Agency = builder.externalRef('Agency', builder.selection<{ id: string }>('id')).implement({
  description:
    'An agency of the prevention system, owned by the agencies subgraph; extended with the measures it is responsible for.',
  fields: (t) => ({ id: t.exposeID('id', { description: 'Identifier of the agency.' }) }),
});

export const ResourceCentre = builder
  .externalRef('ResourceCentre', builder.selection<{ id: string }>('id'))
  .implement({
    description:
      'A district’s resource centre (РМЦ), owned by the agencies subgraph; extended with its working-group meetings ' +
      'and its checklist.',
    fields: (t) => ({ id: t.exposeID('id', { description: 'Identifier of the resource centre.' }) }),
  });

export const Curator = builder.externalRef('Curator', builder.selection<{ id: string }>('id')).implement({
  description: 'A case curator, owned by the curation subgraph; extended with the programmes they curate.',
  fields: (t) => ({ id: t.exposeID('id', { description: 'Identifier of the curator.' }) }),
});

export const Registration = builder
  .externalRef('Registration', builder.keyDirective(builder.selection<{ id: string }>('id'), false))
  .implement({
    description: 'An episode on the register, owned by the registry subgraph.',
    fields: (t) => ({ id: t.exposeID('id', { description: 'Identifier of the registration.' }) }),
  });

export const District = builder
  .externalRef('District', builder.selection<{ code: string }>('code'))
  .implement({
    description:
      'A district, owned by the agencies subgraph; extended with the effectiveness of its programmes.',
    fields: (t) => ({ code: t.exposeString('code', { description: 'Stable key of the district.' }) }),
  });
