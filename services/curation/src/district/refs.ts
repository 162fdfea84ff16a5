import { builder } from '../builder.ts';

/** A district is the agencies subgraph's: curation adds the figures of its curators to it. */
export const District = builder
  .externalRef('District', builder.selection<{ code: string }>('code'))
  .implement({
    description: 'A district (район), extended with the caseload of its curators and their home visits.',
    fields: (t) => ({
      code: t.exposeString('code', { description: 'Stable key of the district, e.g. `kirovsky`.' }),
    }),
  });
