import {
  type Database,
  districtFigures,
  figuresByKey,
  loaderByKey,
  loaderOfLists,
  type RequestContext,
} from '@kdn/platform';
import type { PrismaClient } from '@kdn/prisma/programmes';
import { checklists, emptyChecklist } from './checklist.ts';
import { noOutcomes, type OutcomeParams, programmeOutcomes } from './programme-outcomes.ts';
import type { References } from './references.ts';

export type ProgrammesDatabase = Database<PrismaClient>;

export interface ProgrammesContext extends RequestContext {
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

/** One set of batching loaders per request: each entity, relation or figure is one statement per fetch. */
export function createLoaders(db: PrismaClient) {
  return {
    programme: loaderByKey(
      (ids: string[]) => db.programme.findMany({ where: { id: { in: ids } } }),
      (programme) => programme.id,
    ),
    programmesOfFamily: loaderOfLists(
      (familyIds: string[]) =>
        db.programme.findMany({ where: { familyId: { in: familyIds } }, orderBy: { periodFrom: 'desc' } }),
      (programme) => programme.familyId,
    ),
    programmesOfCurator: loaderOfLists(
      (curatorIds: string[]) =>
        db.programme.findMany({ where: { curatorId: { in: curatorIds } }, orderBy: { periodFrom: 'desc' } }),
      (programme) => programme.curatorId,
    ),
    programmesApprovedAt: loaderOfLists(
      (meetingIds: string[]) =>
        db.programme.findMany({ where: { approvedAtId: { in: meetingIds } }, orderBy: { number: 'asc' } }),
      (programme) => filteredOn(programme.approvedAtId),
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
      (agencyIds: string[]) =>
        db.measure.findMany({
          where: { agencyId: { in: agencyIds }, excludedOn: null },
          orderBy: [...inDeadlineOrder],
        }),
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
      (centreIds: string[]) =>
        db.workingGroupMeeting.findMany({
          where: { resourceCentreId: { in: centreIds } },
          orderBy: [{ heldOn: 'asc' }, { id: 'asc' }],
        }),
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
      (codes, params: OutcomeParams) => programmeOutcomes(db, codes, params),
      noOutcomes,
    ),
    checklist: figuresByKey(
      (centreIds, params: OutcomeParams) => checklists(db, centreIds, params),
      emptyChecklist,
    ),
  };
}
