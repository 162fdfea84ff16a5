import { setTimeout as sleep } from 'node:timers/promises';
import type { AgenciesDatabase } from '@kdn/agencies/context';
import { subgraphServices } from '@kdn/composition/subgraphs';
import type { CurationDatabase } from '@kdn/curation/context';
import { loadDemo } from '@kdn/demo';
import { startGateway } from '@kdn/gateway';
import {
  type Database,
  type RunningService,
  type SubgraphName,
  type SubgraphUrls,
  serveService,
} from '@kdn/platform';
import { createTestDatabases } from '@kdn/platform/testing';
import type { ProgrammesDatabase } from '@kdn/programmes/context';
import type { RegistryDatabase } from '@kdn/registry/context';

interface Databases {
  agencies: AgenciesDatabase;
  registry: RegistryDatabase;
  curation: CurationDatabase;
  programmes: ProgrammesDatabase;
}

/**
 * The platform as a client meets it: every subgraph and the gateway, each on its own loopback port,
 * talking real HTTP, over fresh databases (in-memory PGlite, or PostgreSQL when `DATABASE_URL` is set).
 */
export async function startStack({ demo = false } = {}) {
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  const databases = await createTestDatabases(subgraphServices.map((service) => service.name));
  const opened = await Promise.all(
    subgraphServices.map(
      async (service) =>
        [service.name, await service.openDatabase(databases.locationOf(service.name))] as const,
    ),
  );
  const db = Object.fromEntries(opened) as unknown as Databases;
  if (demo) {
    await loadDemo({
      agencies: db.agencies.client,
      registry: db.registry.client,
      curation: db.curation.client,
      programmes: db.programmes.client,
    });
  }

  // Filled in as each subgraph starts; contexts read it per request, so later peers are seen too.
  const peers = {} as SubgraphUrls;
  const servers = {} as Record<SubgraphName, RunningService>;
  for (const service of subgraphServices) {
    const server = await serveService(service, db[service.name] as Database<unknown>, { port: 0, peers });
    servers[service.name] = server;
    peers[service.name] = server.url;
  }
  const gateway = await startGateway({ port: 0, subgraphUrls: peers, subgraphTimeoutMs: 15_000 });

  const subgraph = <Name extends SubgraphName>(name: Name) => ({ url: peers[name], db: db[name] });

  /** Whether every consumer's cursor has reached the last event each of its producers has committed. */
  async function everyCommittedEventPassed(): Promise<boolean> {
    for (const [name, server] of Object.entries(servers) as Array<[SubgraphName, RunningService]>) {
      for (const producer of server.events?.producers ?? []) {
        const [last] = await db[producer].client.$queryRawUnsafe<Array<{ position: string }>>(
          'SELECT seq::text AS position FROM "DomainEvent" ORDER BY seq DESC LIMIT 1',
        );
        if (!last) continue;
        const [cursor] = await db[name].client.$queryRawUnsafe<Array<{ position: string }>>(
          'SELECT position FROM "EventCursor" WHERE producer = $1',
          producer,
        );
        if (!isAtOrAfter(cursor?.position, last.position)) return false;
      }
    }
    return true;
  }
  return {
    gateway: gateway.url,
    agencies: subgraph('agencies'),
    registry: subgraph('registry'),
    curation: subgraph('curation'),
    programmes: subgraph('programmes'),
    /**
     * Applies every event written so far, and the events the reactions write in turn, in every
     * consumer: after it, the federation is consistent (each consumer also applies them by itself,
     * within about a second).
     */
    async settle() {
      // On PostgreSQL a producer serves an event only once it is older than every transaction running
      // in the cluster, other suites' included: a pass that applies nothing is not yet the end while a
      // consumer's cursor is short of an event its producer has committed.
      const deadline = Date.now() + 15_000;
      for (let pass = 0; ; pass += 1) {
        let applied = 0;
        for (const server of Object.values(servers)) applied += (await server.events?.catchUp()) ?? 0;
        if (applied === 0 && (await everyCommittedEventPassed())) return;
        if (pass >= 10 && Date.now() > deadline) throw new Error('events still flowing after 15 s');
        if (applied === 0) await sleep(20);
      }
    },
    /** A subgraph's consumer of its peers' events. */
    eventsOf(name: 'curation' | 'programmes') {
      const consumer = servers[name].events;
      if (!consumer) throw new Error(`${name} consumes no events`);
      return consumer;
    },
    /** Stops one subgraph while the rest keep serving. */
    stopSubgraph: (name: SubgraphName) => servers[name].stop(),
    async stop() {
      for (const server of [gateway, ...Object.values(servers)]) await server.stop().catch(() => {});
      await Promise.all(Object.values(db).map((database: Database<unknown>) => database.close()));
      await databases.drop();
    },
  };
}

export type Stack = Awaited<ReturnType<typeof startStack>>;

function isAtOrAfter(position: string | undefined, other: string): boolean {
  if (!position) return false;
  return BigInt(position) >= BigInt(other);
}
