import { addDomainEvents } from '@kdn/platform';
import { builder } from './builder.ts';
import './reconciliation-facts.ts';
import './district.ts';
import './family.ts';
import './social-passport.ts';
import './minor.ts';
import './registration.ts';

// Its outbox served to its peers and integrators (docs/events.md).
addDomainEvents(builder, { service: 'registry', db: (context) => context.db });

/** The registry subgraph: families, minors and their registrations on the commissions' register. */
export const schema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
