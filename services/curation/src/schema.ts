import { builder } from './builder.ts';
import './references.ts';
import './curator.ts';
import './ward.ts';
import './assignment.ts';
import './visit.ts';
import './district.ts';
import './home-visit-months.ts';
import './agency-caseload.ts';

/** The curation subgraph: curators, their assignments to wards, replacements and visits. */
export const schema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
