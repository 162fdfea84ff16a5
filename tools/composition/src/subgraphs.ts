import { agenciesService } from '@kdn/agencies';
import { curationService } from '@kdn/curation';
import type { SubgraphService } from '@kdn/platform';
import { programmesService } from '@kdn/programmes';
import { registryService } from '@kdn/registry';

/** Every subgraph of the supergraph, in the order they start (each may check references with those before it). */
export const subgraphServices: SubgraphService[] = [
  agenciesService,
  registryService,
  curationService,
  programmesService,
] as SubgraphService[];
