import { addDomainEvents } from '@kdn/platform';
import { builder } from './builder.ts';
import './minor/types.ts';
import './social-passport/types.ts';
import './family/types.ts';
import './registration/types.ts';
import './district/types.ts';

// Its outbox served to its peers and integrators (docs/events.md).
addDomainEvents(builder, { service: 'registry', db: (context) => context.db });

/** The registry subgraph: families, minors and their registrations on the commissions' register. */
export const schema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
