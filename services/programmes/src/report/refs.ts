import type { ProgressReport as ReportRecord } from '@kdn/prisma/programmes';
import { builder } from '../builder.ts';

export const ProgressReport = builder.objectRef<ReportRecord>('ProgressReport');
