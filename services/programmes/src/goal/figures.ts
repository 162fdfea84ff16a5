import { loaderByKey, loaderOfLists } from '@kdn/platform';
import type { PrismaClient } from '@kdn/prisma/programmes';

/** The goals' loaders of a request. */
export function goalLoaders(db: PrismaClient) {
  return {
    goal: loaderByKey(
      (ids: string[]) => db.programmeGoal.findMany({ where: { id: { in: ids } } }),
      (goal) => goal.id,
    ),
    goalsOfProgramme: loaderOfLists(
      (programmeIds: string[]) =>
        db.programmeGoal.findMany({
          where: { programmeId: { in: programmeIds } },
          orderBy: { ordinal: 'asc' },
        }),
      (goal) => goal.programmeId,
    ),
  };
}
