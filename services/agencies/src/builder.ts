import { createSubgraphBuilder } from '@kdn/platform';
import type { AgenciesContext } from './context.ts';

export const builder = createSubgraphBuilder<AgenciesContext>();
