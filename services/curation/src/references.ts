import { defineAgencyKind, defineResolution } from '@kdn/platform';
import { builder } from './builder.ts';

/**
 * Entities other subgraphs own, referenced here by key. The agencies subgraph owns agencies and
 * districts, the registry families, minors and registrations; curation adds its fields to some of
 * them in the modules of its own types.
 */
export const Agency = builder.externalRef('Agency', builder.selection<{ id: string }>('id')).implement({
  description: 'An agency of the prevention system, extended with its case curators and their caseload.',
  fields: (t) => ({ id: t.exposeID('id', { description: 'Identifier of the agency.' }) }),
});

export const District = builder
  .externalRef('District', builder.selection<{ code: string }>('code'))
  .implement({
    description: 'A district (район), extended with the caseload of its curators and their home visits.',
    fields: (t) => ({
      code: t.exposeString('code', { description: 'Stable key of the district, e.g. `kirovsky`.' }),
    }),
  });

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

export const AgencyKindEnum = defineAgencyKind(builder);

export const Resolution = defineResolution(builder);

export const ResolutionInput = builder.inputType('ResolutionInput', {
  description: 'A commission’s resolution.',
  fields: (t) => ({
    number: t.string({ description: 'Number of the resolution.' }),
    date: t.field({ type: 'Date', description: 'Date of the resolution.' }),
  }),
});
