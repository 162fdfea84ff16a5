import { runSubgraph } from '@kdn/platform';
import { agenciesService } from './service.ts';

await runSubgraph(agenciesService);
