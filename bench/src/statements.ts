import { subgraphServices } from '@kdn/composition/subgraphs';
import { startGateway } from '@kdn/gateway';
import {
  type Database,
  type RunningServer,
  type SubgraphName,
  type SubgraphUrls,
  serveService,
} from '@kdn/platform';
import { graphqlData } from '@kdn/platform/testing';
import type { Operation } from './operations.ts';
import type { Samples } from './samples.ts';

export type StatementCounts = Partial<Record<SubgraphName, number>>;

/**
 * SQL statements per request, counted by the platform's own counter on each subgraph's database
 * connection (`Database.statementCount`): the subgraphs and the gateway run in this process for the
 * pass, each operation is sent a few times with different records, and the counts are averaged.
 * BEGIN and COMMIT are not counted; every query Prisma sends is.
 */
export async function countStatements(
  url: string,
  operations: Operation[],
  samples: Samples,
  repeats = 3,
): Promise<Map<string, StatementCounts>> {
  return inProcessFederation(url, async ({ gatewayUrl, databases }) => {
    const counts = new Map<string, StatementCounts>();
    for (const operation of operations) {
      const before = new Map([...databases].map(([name, db]) => [name, db.statementCount()]));
      for (let index = 0; index < repeats; index += 1) {
        await graphqlData(gatewayUrl, operation.query, operation.variables(samples, 1000 + index));
      }
      const perRequest: StatementCounts = {};
      for (const [name, db] of databases) {
        const sent = db.statementCount() - (before.get(name) ?? 0);
        if (sent > 0) perRequest[name] = Math.round((sent / repeats) * 10) / 10;
      }
      counts.set(operation.name, perRequest);
    }
    return counts;
  });
}

export interface InProcessFederation {
  gatewayUrl: string;
  peers: SubgraphUrls;
  databases: Map<SubgraphName, Database<unknown>>;
}

/**
 * The four subgraphs and the gateway in this process on ports of their own, each subgraph on its
 * database connection, for `work`; stopped after. `consume: false` starts no consumer of events.
 */
export async function inProcessFederation<Result>(
  url: string,
  work: (federation: InProcessFederation) => Promise<Result>,
  { consume = true }: { consume?: boolean } = {},
): Promise<Result> {
  const databases = new Map<SubgraphName, Database<unknown>>();
  const servers: RunningServer[] = [];
  const peers = {} as SubgraphUrls;
  try {
    for (const service of subgraphServices) {
      const database = await service.openDatabase({ kind: 'postgres', url, schema: service.name });
      databases.set(service.name, database);
      const server = await serveService(service, database, { port: 0, peers, consume });
      servers.push(server);
      peers[service.name] = server.url;
    }
    const gateway = await startGateway({ port: 0, subgraphUrls: peers, subgraphTimeoutMs: 60_000 });
    servers.push(gateway);
    return await work({ gatewayUrl: gateway.url, peers, databases });
  } finally {
    for (const server of servers.reverse()) await server.stop().catch(() => {});
    await Promise.all([...databases.values()].map((db) => db.close()));
  }
}
