import { runSubgraph } from '@kdn/platform';
import { curationService } from './service.ts';

await runSubgraph(curationService);
