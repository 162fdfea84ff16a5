import type { MeasureStatus } from '@kdn/prisma/programmes';
import type { z } from 'zod';

/** A measure moves forward only: once it has an outcome (done, not executed, refused) the outcome stands. */
const next: Record<MeasureStatus, readonly MeasureStatus[]> = {
  PLANNED: ['IN_PROGRESS', 'DONE', 'NOT_EXECUTED', 'REFUSED_BY_AGENCY'],
  IN_PROGRESS: ['DONE', 'NOT_EXECUTED', 'REFUSED_BY_AGENCY'],
  DONE: [],
  NOT_EXECUTED: [],
  REFUSED_BY_AGENCY: [],
};

export function canMove(from: MeasureStatus, to: MeasureStatus): boolean {
  return next[from].includes(to);
}

/** Open measures can still be carried out, reprioritised or excluded. */
export const openStatuses: readonly MeasureStatus[] = ['PLANNED', 'IN_PROGRESS'];

export interface Outcome {
  status: MeasureStatus;
  executedOn?: Date | null | undefined;
  executionReport?: string | null | undefined;
  failedOn?: Date | null | undefined;
  failureReason?: string | null | undefined;
}

const executionFields = ['executedOn', 'executionReport'] as const;
const failureFields = ['failedOn', 'failureReason'] as const;

/**
 * Which outcome fields a status needs and which it must not have: DONE needs the day and the
 * execution report; NOT_EXECUTED and REFUSED_BY_AGENCY need the day and the reason, which is what
 * the curator takes to the commission (clause 4.6); IN_PROGRESS has no outcome yet.
 */
export function checkOutcome(outcome: Outcome, ctx: z.RefinementCtx): void {
  const [needed, forbidden] =
    outcome.status === 'DONE'
      ? [executionFields, failureFields]
      : outcome.status === 'NOT_EXECUTED' || outcome.status === 'REFUSED_BY_AGENCY'
        ? [failureFields, executionFields]
        : [[], [...executionFields, ...failureFields]];
  for (const name of needed) {
    if (outcome[name] == null) {
      ctx.addIssue({ code: 'custom', path: [name], message: `is required for a ${outcome.status} measure` });
    }
  }
  for (const name of forbidden) {
    if (outcome[name] != null) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: `must be empty for a ${outcome.status} measure`,
      });
    }
  }
}
