import { portOf, subgraphUrlsFromEnv } from '@kdn/platform';
import { startGateway } from './gateway.ts';

const milliseconds = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);

await startGateway({
  port: portOf('gateway'),
  subgraphUrls: subgraphUrlsFromEnv(),
  subgraphTimeoutMs: milliseconds('SUBGRAPH_TIMEOUT_MS'),
  requestTimeoutMs: milliseconds('GATEWAY_TIMEOUT_MS'),
});
