import { addDomainEvents } from '@kdn/platform';
import { builder } from './builder.ts';
import './reconciliation-facts.ts';
import './external.ts';
import './programme.ts';
import './goal.ts';
import './measure.ts';
import './measure-progress.ts';
import './drafting.ts';
import './approval.ts';
import './change.ts';
import './correction.ts';
import './meeting.ts';
import './report.ts';
import './programme-outcomes.ts';
import './checklist.ts';
import './served-families.ts';
import './family-audit.ts';

// Its outbox served to its peers and integrators, and its consumer's dead events and cursors (docs/events.md).
addDomainEvents(builder, { service: 'programmes', db: (context) => context.db, consumes: true });

/** The programmes subgraph: МИПСР programmes, measures by agency, working-group meetings, progress reports. */
export const schema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
