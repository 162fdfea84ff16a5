import { defineAgencyKind } from '@kdn/platform';
import { builder } from '../builder.ts';

/** An agency is the agencies subgraph's: curation adds its curators and their caseload to it. */
export const Agency = builder.externalRef('Agency', builder.selection<{ id: string }>('id')).implement({
  description: 'An agency of the prevention system, extended with its case curators and their caseload.',
  fields: (t) => ({ id: t.exposeID('id', { description: 'Identifier of the agency.' }) }),
});

export const AgencyKindEnum = defineAgencyKind(builder);
