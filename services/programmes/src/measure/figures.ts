import { loaderByKey, loaderOfLists } from '@kdn/platform';
import type { MeasureCategory, Prisma, PrismaClient } from '@kdn/prisma/programmes';
import type { VisibleRows } from '../programme/figures.ts';

/** A measure as planned: in a programme, or proposed for one by a change. */
export interface PlannedMeasure {
  goalId: string;
  title: string;
  category: MeasureCategory;
  agencyId: string;
  deadline: Date;
  priority: boolean;
}

const inDeadlineOrder = [{ deadline: 'asc' }, { id: 'asc' }] as const;

/** The measures' loaders of a request; an agency's list holds the `visible` rows only. */
export function measureLoaders(db: PrismaClient, visible: VisibleRows<Prisma.MeasureWhereInput>) {
  return {
    measure: loaderByKey(
      (ids: string[]) => db.measure.findMany({ where: { id: { in: ids } } }),
      (measure) => measure.id,
    ),
    measuresOfProgramme: loaderOfLists(
      (programmeIds: string[]) =>
        db.measure.findMany({ where: { programmeId: { in: programmeIds } }, orderBy: [...inDeadlineOrder] }),
      (measure) => measure.programmeId,
    ),
    measuresOfGoal: loaderOfLists(
      (goalIds: string[]) =>
        db.measure.findMany({ where: { goalId: { in: goalIds } }, orderBy: [...inDeadlineOrder] }),
      (measure) => measure.goalId,
    ),
    measuresOfAgency: loaderOfLists(
      async (agencyIds: string[]) => {
        const rows = await visible();
        return rows
          ? db.measure.findMany({
              where: { AND: [rows, { agencyId: { in: agencyIds }, excludedOn: null }] },
              orderBy: [...inDeadlineOrder],
            })
          : [];
      },
      (measure) => measure.agencyId,
    ),
  };
}
