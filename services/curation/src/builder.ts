import { createSubgraphBuilder } from '@kdn/platform';
import type { CurationContext } from './context.ts';

export const builder = createSubgraphBuilder<CurationContext>();
