import { badInput } from '@kdn/platform';
import type { ProgrammeStatus } from '@kdn/prisma/programmes';

/**
 * The legal moves of a programme. A draft is approved at a working-group meeting; a curator's
 * proposal (clause 3.4) puts it under review until a meeting decides and approves it again; the final
 * report to the commission (clause 6.4) completes an approved programme. The closing of the family's
 * registration ends any programme not completed (ENDED_OFF_REGISTER, `case-events.ts`), never a
 * mutation: no move leads there or out of it.
 */
const next: Record<ProgrammeStatus, readonly ProgrammeStatus[]> = {
  DRAFT: ['APPROVED'],
  APPROVED: ['UNDER_REVIEW', 'COMPLETED'],
  UNDER_REVIEW: ['APPROVED'],
  COMPLETED: [],
  ENDED_OFF_REGISTER: [],
};

/** The statuses a programme never leaves. */
export const ended: readonly ProgrammeStatus[] = ['COMPLETED', 'ENDED_OFF_REGISTER'];

export function assertTransition(from: ProgrammeStatus, to: ProgrammeStatus, field: string): void {
  if (!next[from].includes(to)) {
    throw badInput(field, `the programme is ${from} and cannot become ${to}`);
  }
}

/** The statuses in which measures are carried out and reports are written: approved, reviewed or not. */
export const inForce: readonly ProgrammeStatus[] = ['APPROVED', 'UNDER_REVIEW'];

export function assertInForce(status: ProgrammeStatus, field: string): void {
  if (!inForce.includes(status)) {
    throw badInput(
      field,
      status === 'DRAFT'
        ? 'the programme is still a DRAFT: nothing is carried out, reported or changed before a working-group meeting approves it'
        : status === 'ENDED_OFF_REGISTER'
          ? 'the programme ended when the family’s registration was closed (ENDED_OFF_REGISTER)'
          : 'the programme is COMPLETED',
    );
  }
}
