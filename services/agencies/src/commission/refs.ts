import type { Commission as CommissionRecord } from '@kdn/prisma/agencies';
import { builder } from '../builder.ts';

export const Commission = builder.objectRef<CommissionRecord>('Commission');
