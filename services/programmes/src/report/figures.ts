import { loaderOfLists } from '@kdn/platform';
import type { PrismaClient } from '@kdn/prisma/programmes';

/** The reports' loaders of a request. */
export function reportLoaders(db: PrismaClient) {
  return {
    reportsOfProgramme: loaderOfLists(
      (programmeIds: string[]) =>
        db.progressReport.findMany({
          where: { programmeId: { in: programmeIds } },
          orderBy: [{ dueOn: 'asc' }, { kind: 'asc' }],
        }),
      (report) => report.programmeId,
    ),
    assessmentsOfReport: loaderOfLists(
      (reportIds: string[]) =>
        db.areaAssessment.findMany({ where: { reportId: { in: reportIds } }, orderBy: { area: 'asc' } }),
      (assessment) => assessment.reportId,
    ),
  };
}
