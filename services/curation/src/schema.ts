import { builder } from './builder.ts';
import './curator.ts';

/** The curation subgraph: curators, their assignments to wards, replacements and visits. */
export const schema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
