import { badInput } from '@kdn/platform';
import type { Measure, MeasureStatus } from '@kdn/prisma/programmes';
import type { z } from 'zod';
import { noLongerDue } from '../programme/rules.ts';
import type { Place } from '../shared/remote.ts';

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

/**
 * Who may take on a measure or sit at a meeting: an agency of the programme's district or of any
 * other district of the same city. Clause 3.5 asks the curator to make the most of the city's
 * resources (a city gymnasium, another district's clinic), so the district is not a limit; another
 * city's agency cannot be held to a deadline by this city's commission, so the city is.
 */
export function assertAgencyInCity(agency: Place | null, city: string, field: string): void {
  if (!agency) throw badInput(field, 'no agency with this id');
  if (agency.city !== city) throw badInput(field, `the agency works in ${agency.city}, not in ${city}`);
}

/**
 * Deadlines kept and missed, derived on any day from the recorded dates and never stored: a measure
 * done late was overdue between its deadline and the day it was done. The resolution's complaint
 * that documents came late is answered by making lateness visible, not by trusting a flag.
 */
export const measureTimelinessValues = [
  'NOT_DUE',
  'OVERDUE',
  'DONE_ON_TIME',
  'DONE_LATE',
  'NOT_EXECUTED',
  'REFUSED_BY_AGENCY',
  'EXCLUDED',
  'NO_LONGER_DUE',
] as const;
export type MeasureTimeliness = (typeof measureTimelinessValues)[number];

export function measureTimeliness(
  measure: Pick<Measure, 'status' | 'deadline' | 'executedOn' | 'failedOn' | 'excludedOn'>,
  asOf: Date,
  endedOn: Date | null = null,
): MeasureTimeliness {
  if (measure.executedOn && measure.executedOn <= asOf) {
    return measure.executedOn <= measure.deadline ? 'DONE_ON_TIME' : 'DONE_LATE';
  }
  if (measure.failedOn && measure.failedOn <= asOf) {
    return measure.status === 'REFUSED_BY_AGENCY' ? 'REFUSED_BY_AGENCY' : 'NOT_EXECUTED';
  }
  if (measure.excludedOn && measure.excludedOn <= asOf) return 'EXCLUDED';
  if (noLongerDue(measure.deadline, endedOn, asOf)) return 'NO_LONGER_DUE';
  return measure.deadline < asOf ? 'OVERDUE' : 'NOT_DUE';
}
