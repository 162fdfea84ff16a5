import type { Access } from './access/access.ts';
import type { Principal } from './access/principal.ts';
import type { AuditTrail } from './audit/audit-log.ts';
import type { ClientRequestLog } from './client-request-log.ts';
import type { EventConsumer } from './events/consumer.ts';
import type { Logger } from './logger.ts';
import type { SqlClient } from './sql-client.ts';

/** What every request carries, at the gateway and in every subgraph. */
export interface RequestContext {
  requestId: string;
  log: Logger;
  /** The signed-in user, from the verified bearer token. */
  principal: Principal;
  /** The request's `Authorization` header, passed on when a service asks a peer on the user's behalf. */
  authorization: string;
  /** The client requests the subgraph has applied, for idempotent retries (none at the gateway). */
  clientRequests?: ClientRequestLog;
}

/** What every resolver of every subgraph receives; each service extends it with its database and loaders. */
export interface SubgraphContext extends RequestContext {
  /** The access policy of the request: who may read which family's data and figures. */
  access: Access;
  /** The request's reads of personal data, written to the audit when it answers. */
  audit: AuditTrail;
  /** The service's consumer of its peers' events, when it subscribes to any. */
  events?: EventConsumer<SqlClient>;
}
