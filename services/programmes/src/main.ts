import { runSubgraph } from '@kdn/platform';
import { programmesService } from './service.ts';

await runSubgraph(programmesService);
