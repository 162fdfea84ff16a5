import { portOf, subgraphUrlsFromEnv } from '@kdn/platform';
import { startGateway } from './gateway.ts';

await startGateway({ port: portOf('gateway'), subgraphUrls: subgraphUrlsFromEnv() });
