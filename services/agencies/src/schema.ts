import { addDomainEvents } from '@kdn/platform';
import { builder } from './builder.ts';
import './resource-centre/types.ts';
import './agency/types.ts';
import './commission/types.ts';
import './district/types.ts';

// Its outbox served to its peers and integrators (docs/events.md).
addDomainEvents(builder, { service: 'agencies', db: (context) => context.db });

/** The agencies subgraph: districts, commissions, agencies of the prevention system, resource centres. */
export const schema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
