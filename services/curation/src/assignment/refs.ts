import type { CuratorAssignment as AssignmentRecord } from '@kdn/prisma/curation';
import { builder } from '../builder.ts';

export const CuratorAssignment = builder.objectRef<AssignmentRecord>('CuratorAssignment');
