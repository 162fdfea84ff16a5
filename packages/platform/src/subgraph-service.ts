import type { GraphQLSchema } from 'graphql';
import { Access, type CaseLinks } from './access/access.ts';
import { AuditTrail } from './audit/audit-log.ts';
import { remoteCaseLinks } from './case-links.ts';
import { portOf, type SubgraphName, type SubgraphUrls, subgraphUrlsFromEnv } from './config.ts';
import type { RequestContext, SubgraphContext } from './context.ts';
import type { Database, DatabaseLocation } from './database.ts';
import { rootLogger } from './logger.ts';
import { type RunningServer, serveSubgraph } from './server.ts';

/** What each subgraph package exports: enough for its server entry, the test stack and the supergraph. */
export interface SubgraphService<Db extends Database<unknown> = Database<unknown>> {
  name: SubgraphName;
  schema: GraphQLSchema;
  openDatabase(location?: DatabaseLocation): Promise<Db>;
  /** Builds each request's context; `peers` says where the other subgraphs answer. */
  context(database: Db, peers: SubgraphUrls): (base: SubgraphContext) => SubgraphContext;
  /** The case links this subgraph owns, answered from its own tables; the others are asked of their owners. */
  caseLinks?(database: Db): Partial<CaseLinks>;
}

export function serveService<Db extends Database<unknown>>(
  service: SubgraphService<Db>,
  database: Db,
  { port, peers }: { port: number; peers: SubgraphUrls },
): Promise<RunningServer> {
  const context = service.context(database, peers);
  const ownLinks = service.caseLinks?.(database) ?? {};
  return serveSubgraph({
    name: service.name,
    schema: service.schema,
    port,
    context: (base: RequestContext) =>
      context({
        ...base,
        clientRequests: database.clientRequests,
        access: new Access(base.principal, { ...remoteCaseLinks(peers, base.authorization), ...ownLinks }),
        audit: new AuditTrail(database.audit, base.principal, base.requestId),
      }),
    ready: () => database.ping(),
  });
}

/**
 * A subgraph's process: opens its database from the environment, serves it on its port, and on
 * SIGTERM or SIGINT drains the requests in flight, closes the database and exits.
 */
export async function runSubgraph<Db extends Database<unknown>>(service: SubgraphService<Db>): Promise<void> {
  const database = await service.openDatabase();
  const server = await serveService(service, database, {
    port: portOf(service.name),
    peers: subgraphUrlsFromEnv(),
  });
  drainOnSignals(service.name, server, () => database.close());
}

/**
 * On SIGTERM or SIGINT: stop taking connections, let the requests in flight finish, run `cleanup`
 * (close the database, which writes the audit still waiting) and exit. For every process that
 * serves requests, the gateway included.
 */
export function drainOnSignals(
  name: string,
  server: RunningServer,
  cleanup: () => Promise<void> = async () => {},
) {
  const shutdown = async (signal: string) => {
    rootLogger.info({ service: name, signal }, 'draining');
    await server.stop();
    await cleanup();
    process.exit(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
