import { loaderOfLists } from '@kdn/platform';
import type { ProgrammeChange as ChangeRecord, PrismaClient } from '@kdn/prisma/programmes';
import type { PlannedMeasure } from '../measure/figures.ts';
import { filteredOn } from '../programme/figures.ts';

const inProposalOrder = [{ proposedOn: 'asc' }, { id: 'asc' }] as const;

/** The changes' loaders of a request. */
export function changeLoaders(db: PrismaClient) {
  return {
    changesOfProgramme: loaderOfLists(
      (programmeIds: string[]) =>
        db.programmeChange.findMany({
          where: { programmeId: { in: programmeIds } },
          orderBy: [...inProposalOrder],
        }),
      (change) => change.programmeId,
    ),
    changesOfMeasure: loaderOfLists(
      (measureIds: string[]) =>
        db.programmeChange.findMany({
          where: { measureId: { in: measureIds } },
          orderBy: [...inProposalOrder],
        }),
      (change) => filteredOn(change.measureId),
    ),
    changesDecidedAt: loaderOfLists(
      (meetingIds: string[]) =>
        db.programmeChange.findMany({
          where: { meetingId: { in: meetingIds } },
          orderBy: [...inProposalOrder],
        }),
      (change) => filteredOn(change.meetingId),
    ),
  };
}

/** The measure a MEASURE_ADDED or AGENCY_INVOLVED change brings into the programme. */
export function proposedMeasureOf(change: ChangeRecord): PlannedMeasure | null {
  const { goalId, measureTitle, measureCategory, agencyId, measureDeadline, priority } = change;
  if (!goalId || !measureTitle || !measureCategory || !agencyId || !measureDeadline) return null;
  return {
    goalId,
    title: measureTitle,
    category: measureCategory,
    agencyId,
    deadline: measureDeadline,
    priority: priority ?? false,
  };
}
