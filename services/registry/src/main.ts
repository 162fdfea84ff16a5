import { runSubgraph } from '@kdn/platform';
import { registryService } from './service.ts';

await runSubgraph(registryService);
