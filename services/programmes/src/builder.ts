import { createSubgraphBuilder } from '@kdn/platform';
import type { ProgrammesContext } from './context.ts';

export const builder = createSubgraphBuilder<ProgrammesContext>();
