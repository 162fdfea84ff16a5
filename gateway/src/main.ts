import { portOf, subgraphUrl } from '@kdn/platform';
import { startGateway } from './gateway.ts';

await startGateway({
  port: portOf('gateway'),
  subgraphUrls: { agencies: subgraphUrl('agencies'), registry: subgraphUrl('registry') },
});
