import { agenciesContext, schema as agenciesSchema, openAgenciesDatabase } from '@kdn/agencies';

import { loadDemo } from '@kdn/demo';
import { startGateway } from '@kdn/gateway';
import { type RunningServer, serveSubgraph } from '@kdn/platform';
import { createTestDatabases } from '@kdn/platform/testing';
import {
  agencyDirectoryAt,
  openRegistryDatabase,
  registryContext,
  schema as registrySchema,
} from '@kdn/registry';

/**
 * The platform as a client meets it: both subgraphs and the gateway, each on its own loopback port,
 * talking real HTTP, over fresh databases (in-memory PGlite, or PostgreSQL when `DATABASE_URL` is set).
 */
export async function startStack({ demo = false } = {}) {
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  const databases = await createTestDatabases(['agencies', 'registry']);
  const [agenciesDb, registryDb] = await Promise.all([
    openAgenciesDatabase(databases.locationOf('agencies')),
    openRegistryDatabase(databases.locationOf('registry')),
  ]);
  if (demo) await loadDemo({ agencies: agenciesDb.client, registry: registryDb.client });

  const agencies = await serveSubgraph({
    name: 'agencies',
    schema: agenciesSchema,
    port: 0,
    context: agenciesContext(agenciesDb),
  });
  const registry = await serveSubgraph({
    name: 'registry',
    schema: registrySchema,
    port: 0,
    context: registryContext(registryDb, agencyDirectoryAt(agencies.url)),
  });
  const gateway = await startGateway({
    port: 0,
    subgraphUrls: { agencies: agencies.url, registry: registry.url },
    subgraphTimeoutMs: 2000,
  });
  const running: RunningServer[] = [gateway, registry, agencies];

  return {
    gateway: gateway.url,
    agencies: { url: agencies.url, db: agenciesDb },
    registry: { url: registry.url, db: registryDb },
    /** Stops one subgraph while the rest keep serving. */
    stopSubgraph: (name: 'agencies' | 'registry') => (name === 'agencies' ? agencies : registry).stop(),
    async stop() {
      for (const server of running) await server.stop().catch(() => {});
      await Promise.all([agenciesDb.close(), registryDb.close()]);
      await databases.drop();
    },
  };
}

export type Stack = Awaited<ReturnType<typeof startStack>>;
