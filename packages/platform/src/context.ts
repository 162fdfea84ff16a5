import type { Logger } from './logger.ts';

/** What every resolver of every subgraph receives; each service extends it with its database and loaders. */
export interface RequestContext {
  requestId: string;
  log: Logger;
}
