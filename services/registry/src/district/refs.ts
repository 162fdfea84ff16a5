import { builder } from '../builder.ts';

/** A district, owned by the agencies subgraph; the registry adds the figures of its register. */
export const District = builder.externalRef('District', builder.selection<{ code: string }>('code'));
