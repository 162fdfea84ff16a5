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
] as const;
export type MeasureTimeliness = (typeof measureTimelinessValues)[number];

export function measureTimeliness(
  measure: Pick<Measure, 'status' | 'deadline' | 'executedOn' | 'failedOn' | 'excludedOn'>,
  asOf: Date,
): MeasureTimeliness {
  if (measure.executedOn && measure.executedOn <= asOf) {
    return measure.executedOn <= measure.deadline ? 'DONE_ON_TIME' : 'DONE_LATE';
  }
  if (measure.failedOn && measure.failedOn <= asOf) {
    return measure.status === 'REFUSED_BY_AGENCY' ? 'REFUSED_BY_AGENCY' : 'NOT_EXECUTED';
  }
  if (measure.excludedOn && measure.excludedOn <= asOf) return 'EXCLUDED';
  return measure.deadline < asOf ? 'OVERDUE' : 'NOT_DUE';
}

export const reportTimelinessValues = ['NOT_DUE', 'OVERDUE', 'SUBMITTED_ON_TIME', 'SUBMITTED_LATE'] as const;
export type ReportTimeliness = (typeof reportTimelinessValues)[number];

export function reportTimeliness(
  report: Pick<ProgressReport, 'dueOn' | 'submittedOn'>,
  asOf: Date,
): ReportTimeliness {
  if (report.submittedOn && report.submittedOn <= asOf) {
    return report.submittedOn <= report.dueOn ? 'SUBMITTED_ON_TIME' : 'SUBMITTED_LATE';
  }
  return report.dueOn < asOf ? 'OVERDUE' : 'NOT_DUE';
}
