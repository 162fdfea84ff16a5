import type { LifeArea, ProgressReport, SituationAssessment } from '@kdn/prisma/programmes';
import type { z } from 'zod';
import { noLongerDue } from '../programme/rules.ts';

/**
 * The report's overall assessment must follow from its areas: no IMPROVED without an area that
 * improved, no WORSENED without one that worsened. The resolution asked for analytic reports that
 * weigh qualitative change in the family; an overall verdict the areas do not support is not that.
 */
export function checkOverall(
  report: {
    overallAssessment: SituationAssessment;
    assessments: Array<{ area: LifeArea; assessment: SituationAssessment }>;
  },
  ctx: z.RefinementCtx,
): void {
  const { overallAssessment, assessments } = report;
  if (overallAssessment !== 'UNCHANGED' && !assessments.some((a) => a.assessment === overallAssessment)) {
    ctx.addIssue({
      code: 'custom',
      path: ['overallAssessment'],
      message: `is ${overallAssessment} but no area of the family’s life is assessed ${overallAssessment}`,
    });
  }
}

/** A report against its due date, derived as a measure's timeliness is (`measure/rules.ts`). */
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
