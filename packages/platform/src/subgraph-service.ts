import type { GraphQLSchema } from 'graphql';
import { Access, type CaseLinks } from './access/access.ts';
import { AuditTrail } from './audit/audit-log.ts';
import { remoteCaseLinks } from './case-links.ts';
import { portOf, type SubgraphName, type SubgraphUrls, subgraphUrlsFromEnv } from './config.ts';
import type { RequestContext, SubgraphContext } from './context.ts';
import type { Database, DatabaseLocation } from './database.ts';
import type { Producer } from './events/catalogue.ts';
import { EventConsumer, type Subscriptions } from './events/consumer.ts';
import { httpEventFeed, serviceToken } from './events/feed-client.ts';
import { rootLogger } from './logger.ts';
import { type RunningServer, serveSubgraph } from './server.ts';
import type { SqlClient } from './sql-client.ts';

/** What each subgraph package exports: enough for its server entry, the test stack and the supergraph. */
export interface SubgraphService<Db extends Database<unknown> = Database<unknown>> {
  name: SubgraphName;
  schema: GraphQLSchema;
  openDatabase(location?: DatabaseLocation): Promise<Db>;
  /** Builds each request's context; `peers` says where the other subgraphs answer. */
  context(database: Db, peers: SubgraphUrls): (base: SubgraphContext) => SubgraphContext;
  /** The case links this subgraph owns, answered from its own tables; the others are asked of their owners. */
  caseLinks?(database: Db): Partial<CaseLinks>;
  /**
   * The peers' events this subgraph reacts to (`docs/events.md`), each reaction given a transaction
   * of the subgraph's own database.
   */
  subscriptions?(database: Db): Subscriptions<never>;
}

/** A subgraph serving requests and, if it subscribes to events, applying them. */
export interface RunningService extends RunningServer {
  /** Its consumer of peers' events; undefined when it subscribes to none. */
  events: EventConsumer<SqlClient> | undefined;
}

/**
 * Serves a subgraph on its port and starts its consumer of peers' events. `consume: false` serves
 * requests only (a test that drives the consumer itself, or a replica kept from applying events).
 */
export async function serveService<Db extends Database<unknown>>(
  service: SubgraphService<Db>,
  database: Db,
  { port, peers, consume = true }: { port: number; peers: SubgraphUrls; consume?: boolean },
): Promise<RunningService> {
  const context = service.context(database, peers);
  const ownLinks = service.caseLinks?.(database) ?? {};
  const events = eventConsumerOf(service, database, peers);
  const server = await serveSubgraph({
    name: service.name,
    schema: service.schema,
    port,
    context: (base: RequestContext) =>
      context({
        ...base,
        clientRequests: database.clientRequests,
        access: new Access(base.principal, { ...remoteCaseLinks(peers, base.authorization), ...ownLinks }),
        audit: new AuditTrail(database.audit, base.principal, base.requestId),
        ...(events ? { events } : {}),
      }),
    ready: () => database.ping(),
  });
  if (consume) events?.start();
  return {
    ...server,
    events,
    stop: async () => {
      await events?.stop();
      await server.stop();
    },
  };
}

/** The consumer of the events a service subscribes to, reading each producer through its API. */
export function eventConsumerOf<Db extends Database<unknown>>(
  service: SubgraphService<Db>,
  database: Db,
  peers: SubgraphUrls,
): EventConsumer<SqlClient> | undefined {
  const subscriptions = service.subscriptions?.(database);
  if (!subscriptions) return undefined;
  const token = serviceToken(service.name);
  // The reactions take the transactions of the service's own Prisma client, which is what `db` opens.
  return new EventConsumer<SqlClient>({
    service: service.name,
    db: database.client as ConstructorParameters<typeof EventConsumer<SqlClient>>[0]['db'],
    subscriptions: subscriptions as Subscriptions<SqlClient>,
    // Peers are read per request: a test stack fills them in as each subgraph starts.
    feedOf: (producer: Producer) => httpEventFeed(producer, () => peers[producer], token),
    log: rootLogger.child({ service: service.name, component: 'events' }),
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
