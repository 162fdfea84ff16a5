import { builder } from './builder.ts';
import './district.ts';
import './commission.ts';
import './agency.ts';
import './resource-centre.ts';

/** The agencies subgraph: districts, commissions, agencies of the prevention system, resource centres. */
export const schema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
