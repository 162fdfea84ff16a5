import type { ClientRequestLog } from './client-requests.ts';
import type { Logger } from './logger.ts';

/** What every resolver of every subgraph receives; each service extends it with its database and loaders. */
export interface RequestContext {
  requestId: string;
  log: Logger;
  /** The client requests the subgraph has applied, for idempotent retries (none at the gateway). */
  clientRequests?: ClientRequestLog;
}
