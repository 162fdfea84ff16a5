import { builder } from './builder.ts';
import './programme.ts';

/** The programmes subgraph: МИПСР programmes, measures by agency, working-group meetings, progress reports. */
export const schema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
