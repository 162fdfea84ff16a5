import {
  type Access,
  type Database,
  districtFigures,
  figuresByKey,
  loaderByKey,
  loaderOfLists,
  type SubgraphContext,
} from '@kdn/platform';
import type { Prisma, PrismaClient, Programme as ProgrammeRecord } from '@kdn/prisma/programmes';
import { measureRows, meetingRows, programmeRows } from './access.ts';
import { checklists, emptyChecklist } from './checklist.ts';
import { curatorTermsOf } from './curator-history.ts';
import {
  noOutcomes,
  type OutcomeParams,
  type OutcomeQuery,
  programmeOutcomes,
} from './programme-outcomes.ts';
import type { References } from './references.ts';

export type ProgrammesDatabase = Database<PrismaClient>;

export interface ProgrammesContext extends SubgraphContext {
  db: PrismaClient;
  references: References;
  loaders: ProgrammesLoaders;
}

export type ProgrammesLoaders = ReturnType<typeof createLoaders>;

/** The key of a row found by a nullable column it was filtered on, which is never null in the rows found. */
function filteredOn(key: string | null): string {
  return key ?? '';
}

const inDeadlineOrder = [{ deadline: 'asc' }, { id: 'asc' }] as const;

/**
 * One set of batching loaders per request: each entity, relation or figure is one statement per fetch.
 * The lists a request starts from (a family's, a curator's, an agency's, a centre's) hold only the rows
 * `access` allows, filtered in the statement; the rest are reached from a record already allowed.
 */
export function createLoaders(db: PrismaClient, access: Access) {
  const programme = loaderByKey(
    (ids: string[]) => db.programme.findMany({ where: { id: { in: ids } } }),
    (programme: ProgrammeRecord) => programme.id,
  );
  /** Programmes found in a list are at hand for their goals', measures' and reports' policy checks. */
  const known = (programmes: ProgrammeRecord[]) => {
    for (const found of programmes) programme.prime(found.id, found);
    return programmes;
  };
  const allowedProgrammes = async (where: Prisma.ProgrammeWhereInput) => {
    const rows = programmeRows(await access.familyRows());
    return rows
      ? known(await db.programme.findMany({ where: { AND: [rows, where] }, orderBy: { periodFrom: 'desc' } }))
      : [];
  };
  return {
    programme,
    programmesOfFamily: loaderOfLists(
      (familyIds: string[]) => allowedProgrammes({ familyId: { in: familyIds } }),
      (programme) => programme.familyId,
    ),
    programmesOfCurator: loaderOfLists(
      (curatorIds: string[]) => allowedProgrammes({ curatorId: { in: curatorIds } }),
      (programme) => programme.curatorId,
    ),
    programmesApprovedAt: loaderOfLists(
      async (meetingIds: string[]) =>
        known(
          await db.programme.findMany({
            where: { approvedAtId: { in: meetingIds } },
            orderBy: { number: 'asc' },
          }),
        ),
      (programme) => filteredOn(programme.approvedAtId),
    ),
    /** The district of a family's newest programme, for the audit: whose commission may read it. */
    districtOfFamily: loaderByKey(
      (familyIds: string[]) =>
        db.programme.findMany({
          where: { familyId: { in: familyIds } },
          distinct: ['familyId'],
          orderBy: [{ familyId: 'asc' }, { periodFrom: 'desc' }],
          select: { familyId: true, districtCode: true },
        }),
      (programme) => programme.familyId,
    ),
    /** The families whose programmes a meeting reviewed: those its protocol speaks of. */
    familiesReviewedAt: loaderOfLists(
      (meetingIds: string[]) =>
        db.$queryRaw<Array<{ meetingId: string; familyId: string }>>`
          SELECT r."meetingId", p."familyId"
            FROM "MeetingReview" r JOIN "Programme" p ON p.id = r."programmeId"
           WHERE r."meetingId" = ANY(${meetingIds}::uuid[])`,
      (review) => review.meetingId,
    ),
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
        const rows = await measureRows(access);
        return rows
          ? db.measure.findMany({
              where: { AND: [rows, { agencyId: { in: agencyIds }, excludedOn: null }] },
              orderBy: [...inDeadlineOrder],
            })
          : [];
      },
      (measure) => measure.agencyId,
    ),
    changesOfProgramme: loaderOfLists(
      (programmeIds: string[]) =>
        db.programmeChange.findMany({
          where: { programmeId: { in: programmeIds } },
          orderBy: [{ proposedOn: 'asc' }, { id: 'asc' }],
        }),
      (change) => change.programmeId,
    ),
    changesOfMeasure: loaderOfLists(
      (measureIds: string[]) =>
        db.programmeChange.findMany({
          where: { measureId: { in: measureIds } },
          orderBy: [{ proposedOn: 'asc' }, { id: 'asc' }],
        }),
      (change) => filteredOn(change.measureId),
    ),
    changesDecidedAt: loaderOfLists(
      (meetingIds: string[]) =>
        db.programmeChange.findMany({
          where: { meetingId: { in: meetingIds } },
          orderBy: [{ proposedOn: 'asc' }, { id: 'asc' }],
        }),
      (change) => filteredOn(change.meetingId),
    ),
    meeting: loaderByKey(
      (ids: string[]) => db.workingGroupMeeting.findMany({ where: { id: { in: ids } } }),
      (meeting) => meeting.id,
    ),
    meetingsOfCentre: loaderOfLists(
      async (centreIds: string[]) => {
        const rows = await meetingRows(access);
        return rows
          ? db.workingGroupMeeting.findMany({
              where: { AND: [rows, { resourceCentreId: { in: centreIds } }] },
              orderBy: [{ heldOn: 'asc' }, { id: 'asc' }],
            })
          : [];
      },
      (meeting) => meeting.resourceCentreId,
    ),
    reviewsOfMeeting: loaderOfLists(
      (meetingIds: string[]) =>
        db.meetingReview.findMany({
          where: { meetingId: { in: meetingIds } },
          orderBy: { programmeId: 'asc' },
        }),
      (review) => review.meetingId,
    ),
    reviewsOfProgramme: loaderOfLists(
      (programmeIds: string[]) =>
        db.meetingReview.findMany({
          where: { programmeId: { in: programmeIds } },
          orderBy: [{ meeting: { heldOn: 'asc' } }, { meetingId: 'asc' }],
        }),
      (review) => review.programmeId,
    ),
    curatorTermsOfProgramme: loaderOfLists(
      (programmeIds: string[]) => curatorTermsOf(db, programmeIds),
      (term) => term.programmeId,
    ),
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
    programmeOutcomes: districtFigures(
      (codes, params: OutcomeQuery) => programmeOutcomes(db, codes, params),
      noOutcomes,
    ),
    checklist: figuresByKey(
      (centreIds, params: OutcomeParams) => checklists(db, centreIds, params),
      emptyChecklist,
    ),
  };
}
