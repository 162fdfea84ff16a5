import { badInput, isoDate } from '@kdn/platform';
import type { ProgrammeStatus } from '@kdn/prisma/programmes';
import type { z } from 'zod';

/**
 * The legal moves of a programme. A draft is approved at a working-group meeting; a curator's
 * proposal (clause 3.4) puts it under review until a meeting decides and approves it again; the final
 * report to the commission (clause 6.4) completes an approved programme. The closing of the family's
 * registration ends any programme not completed (ENDED_OFF_REGISTER, `reactions.ts`), never a
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

/** A programme's period, both days included. */
export interface Period {
  periodFrom: Date;
  periodTo: Date;
}

export function isWithin(day: Date, { periodFrom, periodTo }: Period): boolean {
  return periodFrom <= day && day <= periodTo;
}

export function outsidePeriod(period: Period): string {
  return `must be within the programme’s period, ${isoDate(period.periodFrom)} to ${isoDate(period.periodTo)}`;
}

/**
 * Whether a deadline stopped falling due because the programme ended off the register (its family's
 * registration closed, `Programme.endedOn`) by `asOf`: a deadline on or after the end day was never
 * missed; one before it was, and stays so.
 */
export function noLongerDue(deadline: Date, endedOn: Date | null, asOf: Date): boolean {
  return endedOn !== null && endedOn <= asOf && endedOn <= deadline;
}

/** A programme's plan as drafted: its period, goals, measures and interim reports' due dates. */
export interface Plan extends Period {
  goals: Array<{ targetDate: Date }>;
  measures: Array<{ goal: number; deadline: Date; priority: boolean }>;
  reportDueDates: Date[];
}

/**
 * A plan that can be carried out: goals and deadlines inside the period, every measure serving a
 * goal and every goal served by a measure, and a priority plan (план первоочередных мероприятий).
 * Resolution No. 2 found programmes with abstract goals and unfeasible measures in 2011.
 */
export function checkPlan(input: Plan, ctx: z.RefinementCtx) {
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  if (input.periodTo <= input.periodFrom) return issue(['periodTo'], 'must be after periodFrom');
  const inPeriod = outsidePeriod(input);
  input.measures.forEach((measure, index) => {
    if (!input.goals[measure.goal])
      issue(['measures', index, 'goal'], 'is not the position of a goal of the programme');
    if (!isWithin(measure.deadline, input)) issue(['measures', index, 'deadline'], inPeriod);
  });
  input.goals.forEach((goal, index) => {
    if (!isWithin(goal.targetDate, input)) issue(['goals', index, 'targetDate'], inPeriod);
    if (!input.measures.some((measure) => measure.goal === index)) {
      issue(['goals', index], 'no measure serves this goal: a goal needs measures to be achieved');
    }
  });
  if (!input.measures.some((measure) => measure.priority)) {
    issue(
      ['measures'],
      'must put at least one measure in the priority plan (план первоочередных мероприятий)',
    );
  }
  input.reportDueDates.forEach((dueOn, index) => {
    const previous = input.reportDueDates[index - 1];
    if (dueOn < input.periodFrom || dueOn >= input.periodTo) {
      issue(
        ['reportDueDates', index],
        'must be within the programme’s period and before its last day, when the final report is due',
      );
    } else if (previous && dueOn <= previous) {
      issue(['reportDueDates', index], 'must be after the previous due date');
    }
  });
}
