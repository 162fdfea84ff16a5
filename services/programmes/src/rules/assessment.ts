import type { LifeArea, SituationAssessment } from '@kdn/prisma/programmes';
import type { z } from 'zod';

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
