import type { ProgrammeGoal as GoalRecord } from '@kdn/prisma/programmes';
import { builder } from '../builder.ts';

export const ProgrammeGoal = builder.objectRef<GoalRecord>('ProgrammeGoal');
