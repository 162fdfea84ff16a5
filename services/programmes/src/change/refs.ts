import type { ProgrammeChange as ChangeRecord } from '@kdn/prisma/programmes';
import { builder } from '../builder.ts';

export const ProgrammeChange = builder.objectRef<ChangeRecord>('ProgrammeChange');
