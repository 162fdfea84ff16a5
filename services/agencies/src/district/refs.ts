import type { District as DistrictRecord } from '@kdn/prisma/agencies';
import { builder } from '../builder.ts';

export const District = builder.objectRef<DistrictRecord>('District');
