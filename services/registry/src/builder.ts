import { createSubgraphBuilder } from '@kdn/platform';
import type { RegistryContext } from './context.ts';

export const builder = createSubgraphBuilder<RegistryContext>();
