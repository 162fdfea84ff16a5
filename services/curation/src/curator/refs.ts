import type { Curator as CuratorRecord } from '@kdn/prisma/curation';
import { builder } from '../builder.ts';

export const Curator = builder.objectRef<CuratorRecord>('Curator');
