import type { Measure, ProgressReport } from '@kdn/prisma/programmes';

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

/**
 * Whether a deadline stopped falling due because the programme ended off the register (its family's
 * registration closed, `Programme.endedOn`) by `asOf`: a deadline on or after the end day was never
 * missed; one before it was, and stays so.
 */
function noLongerDue(deadline: Date, endedOn: Date | null, asOf: Date): boolean {
  return endedOn !== null && endedOn <= asOf && endedOn <= deadline;
}

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

export const reportTimelinessValues = [
  'NOT_DUE',
  'OVERDUE',
  'SUBMITTED_ON_TIME',
  'SUBMITTED_LATE',
  'NO_LONGER_DUE',
] as const;
export type ReportTimeliness = (typeof reportTimelinessValues)[number];

export function reportTimeliness(
  report: Pick<ProgressReport, 'dueOn' | 'submittedOn'>,
  asOf: Date,
  endedOn: Date | null = null,
): ReportTimeliness {
  if (report.submittedOn && report.submittedOn <= asOf) {
    return report.submittedOn <= report.dueOn ? 'SUBMITTED_ON_TIME' : 'SUBMITTED_LATE';
  }
  if (noLongerDue(report.dueOn, endedOn, asOf)) return 'NO_LONGER_DUE';
  return report.dueOn < asOf ? 'OVERDUE' : 'NOT_DUE';
}
