import { existsSync } from 'node:fs';
import path from 'node:path';
import { drainOnSignals, portOf, repositoryRoot, subgraphUrlsFromEnv } from '@kdn/platform';
import { startGateway } from './gateway.ts';

const milliseconds = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);

/** The dashboard's operations; production runs only these unless `REQUIRE_SAFELIST=false`. */
const manifestPath =
  process.env.SAFELIST_MANIFEST ?? path.join(repositoryRoot, 'dashboard/persisted-operations.json');
const required = (process.env.REQUIRE_SAFELIST ?? String(process.env.NODE_ENV === 'production')) === 'true';

const gateway = await startGateway({
  port: portOf('gateway'),
  subgraphUrls: subgraphUrlsFromEnv(),
  subgraphTimeoutMs: milliseconds('SUBGRAPH_TIMEOUT_MS'),
  requestTimeoutMs: milliseconds('GATEWAY_TIMEOUT_MS'),
  ...(required || existsSync(manifestPath) ? { safelist: { manifestPath, required } } : {}),
});
drainOnSignals('gateway', gateway);
