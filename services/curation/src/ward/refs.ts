import type { Ward as WardRecord } from '@kdn/prisma/curation';
import { builder } from '../builder.ts';

export const Ward = builder.objectRef<WardRecord>('Ward');
