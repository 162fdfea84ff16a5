import { calendarDate } from '@kdn/platform';
import type { Prisma, PrismaClient } from '@kdn/prisma/programmes';
import { agencies, type DistrictCode } from './agencies.ts';
import { families } from './families.ts';
import type { FamilySpec } from './family-spec.ts';
import * as ids from './ids.ts';
import { demoEnd, type MeetingDay, meetingCalendar } from './programmes-calendar.ts';
import {
  type PlannedMeasure,
  type ProgrammePlan,
  type ProposedMeasure,
  planProgramme,
} from './programmes-plan.ts';

export interface ProgrammesRows {
  meetings: Array<Prisma.WorkingGroupMeetingCreateManyInput & { attendingAgencyIds: string[] }>;
  programmes: Array<Prisma.ProgrammeCreateManyInput & { id: string }>;
  goals: Prisma.ProgrammeGoalCreateManyInput[];
  measures: Prisma.MeasureCreateManyInput[];
  changes: Prisma.ProgrammeChangeCreateManyInput[];
  reviews: Prisma.MeetingReviewCreateManyInput[];
  reports: Prisma.ProgressReportCreateManyInput[];
  assessments: Prisma.AreaAssessmentCreateManyInput[];
}

/** The demo families' programmes with measures by agency, working-group meetings and progress reports. */
export async function loadProgrammes(db: PrismaClient): Promise<void> {
  const rows = programmesRows(families);
  await db.$transaction([
    db.workingGroupMeeting.createMany({ data: rows.meetings }),
    db.programme.createMany({ data: rows.programmes }),
    db.programmeCuratorTerm.createMany({
      data: rows.programmes.map((programme) => ({
        programmeId: programme.id,
        curatorId: programme.curatorId,
        startedOn: programme.periodFrom,
      })),
    }),
    db.programmeGoal.createMany({ data: rows.goals }),
    db.measure.createMany({ data: rows.measures }),
    db.programmeChange.createMany({ data: rows.changes }),
    db.meetingReview.createMany({ data: rows.reviews }),
    db.progressReport.createMany({ data: rows.reports }),
    db.areaAssessment.createMany({ data: rows.assessments }),
  ]);
}

/**
 * A programme for every family registered from January 2011 to the demo's end, numbered in each
 * district by year in the order of registration, and the meetings of both resource centres.
 */
export function programmePlans(specs: readonly FamilySpec[]): ProgrammePlan[] {
  const calendars = new Map<DistrictCode, MeetingDay[]>();
  const calendarOf = (district: DistrictCode) => {
    const calendar = calendars.get(district) ?? meetingCalendar(district);
    calendars.set(district, calendar);
    return calendar;
  };
  const numbered = new Map<string, number>();
  return specs
    .filter(({ registration }) => registration.openedOn >= '2011-01-01' && registration.openedOn <= demoEnd)
    .sort(
      (a, b) => a.registration.openedOn.localeCompare(b.registration.openedOn) || a.key.localeCompare(b.key),
    )
    .map((family) => {
      const year = family.registration.openedOn.slice(0, 4);
      const sequence = (numbered.get(`${family.district}/${year}`) ?? 0) + 1;
      numbered.set(`${family.district}/${year}`, sequence);
      return planProgramme(family, calendarOf(family.district), `ИПР-${sequence}/${year}`);
    });
}

const date = (iso: string | undefined) => (iso ? calendarDate(iso) : null);

export function programmesRows(specs: readonly FamilySpec[]): ProgrammesRows {
  const plans = programmePlans(specs);
  const rows: ProgrammesRows = {
    meetings: [],
    programmes: [],
    goals: [],
    measures: [],
    changes: [],
    reviews: [],
    reports: [],
    assessments: [],
  };
  const meetingAt = new Map<string, string>();
  for (const district of ['kirovsky', 'zheleznodorozhny'] as const) {
    for (const day of meetingCalendar(district).filter((d) => d.heldOn <= demoEnd)) {
      const id = ids.meetingId(district, day.protocolNumber);
      meetingAt.set(`${district}/${day.heldOn}`, id);
      rows.meetings.push({
        id,
        districtCode: district,
        resourceCentreId: ids.resourceCentreId(district),
        heldOn: calendarDate(day.heldOn),
        protocolNumber: day.protocolNumber,
        ...minutesOf(district, day.heldOn, plans),
      });
    }
  }
  const meeting = (district: DistrictCode, heldOn: string) => {
    const id = meetingAt.get(`${district}/${heldOn}`);
    if (!id) throw new Error(`no meeting in ${district} on ${heldOn}`);
    return id;
  };

  for (const plan of plans) {
    const { family, number } = plan;
    const district = family.district;
    const programmeId = ids.programmeId(district, number);
    const curatorId = ids.curatorId(family.curator.agency, family.curator.curator.fullName);
    const goalId = (ordinal: number) => ids.programmeGoalId(district, number, ordinal);
    const measureId = (ordinal: number) => ids.measureId(district, number, ordinal);
    rows.programmes.push({
      id: programmeId,
      number,
      registrationId: ids.registrationId(district, family.key, family.registration.openedOn),
      familyId: ids.familyId(district, family.key),
      districtCode: district,
      resourceCentreId: ids.resourceCentreId(district),
      curatorId,
      periodFrom: calendarDate(plan.periodFrom),
      periodTo: calendarDate(plan.periodTo),
      status: plan.status,
      approvedAtId: plan.approvedOn ? meeting(district, plan.approvedOn) : null,
      completedOn: date(plan.completedOn),
    });
    plan.goals.forEach((goal, ordinal) => {
      rows.goals.push({
        id: goalId(ordinal),
        programmeId,
        title: goal.title,
        indicator: goal.indicator,
        targetDate: calendarDate(goal.targetDate),
        ordinal,
      });
    });
    plan.measures.forEach((measure, ordinal) => {
      rows.measures.push({
        id: measureId(ordinal),
        programmeId,
        goalId: goalId(measure.goal),
        ...measureFields(measure),
        status: measure.status,
        executedOn: date(measure.executedOn),
        executionReport: measure.executionReport ?? null,
        failedOn: date(measure.failedOn),
        failureReason: measure.failureReason ?? null,
        excludedOn: date(measure.excludedOn),
      });
    });
    plan.changes.forEach((change, ordinal) => {
      const proposal = change.proposal ? proposalFields(change.proposal, goalId) : {};
      rows.changes.push({
        id: ids.programmeChangeId(district, number, ordinal),
        programmeId,
        kind: change.kind,
        measureId: change.measure === undefined ? null : measureId(change.measure),
        priority: change.priority ?? null,
        ...proposal,
        proposedById: curatorId,
        proposedOn: calendarDate(change.proposedOn),
        rationale: change.rationale,
        meetingId: change.decidedOn ? meeting(district, change.decidedOn) : null,
        decision: change.decision,
      });
    });
    for (const review of plan.reviews) {
      rows.reviews.push({
        meetingId: meeting(district, review.heldOn),
        programmeId,
        familyInvited: review.familyInvited,
        familyAttended: review.familyAttended,
        outcome: review.outcome,
      });
    }
    for (const report of plan.reports) {
      const reportId = ids.progressReportId(district, number, report.kind, report.dueOn);
      rows.reports.push({
        id: reportId,
        programmeId,
        kind: report.kind,
        dueOn: calendarDate(report.dueOn),
        submittedOn: date(report.submittedOn),
        curatorId: report.submittedOn ? curatorId : null,
        overallAssessment: report.overall ?? null,
        summary: report.summary ?? null,
        proposals: report.proposals ?? null,
      });
      rows.assessments.push(...report.assessments.map((assessment) => ({ reportId, ...assessment })));
    }
  }
  return rows;
}

function measureFields(measure: PlannedMeasure | ProposedMeasure) {
  return {
    title: measure.title,
    category: measure.category,
    agencyId: ids.agencyId(measure.agencyKey),
    deadline: calendarDate(measure.deadline),
    priority: measure.priority,
  };
}

function proposalFields(proposal: ProposedMeasure, goalId: (ordinal: number) => string) {
  const { title, category, agencyId, deadline, priority } = measureFields(proposal);
  return {
    goalId: goalId(proposal.goal),
    agencyId,
    measureTitle: title,
    measureCategory: category,
    measureDeadline: deadline,
    priority,
  };
}

/** What a meeting's protocol records: who attended and what was decided, from the programmes it dealt with. */
function minutesOf(district: DistrictCode, heldOn: string, plans: readonly ProgrammePlan[]) {
  const here = plans.filter((plan) => plan.family.district === district);
  const numbers = (selected: ProgrammePlan[]) => selected.map((plan) => plan.number).join(', ');
  const reviewed = here.filter((plan) => plan.reviews.some((review) => review.heldOn === heldOn));
  const approved = reviewed.filter((plan) => plan.reviews[0]?.heldOn === heldOn);
  const heard = reviewed.filter((plan) => !approved.includes(plan));
  const corrected = here.filter((plan) => plan.changes.some((change) => change.decidedOn === heldOn));
  const decisions = [
    approved.length > 0 ? `Утверждены программы ${numbers(approved)}.` : '',
    heard.length > 0 ? `Заслушана информация кураторов о динамике по программам ${numbers(heard)}.` : '',
    corrected.length > 0
      ? `Приняты решения об изменении программ ${numbers(corrected)} (п. 3.4 Положения о кураторе случая).`
      : '',
  ].filter(Boolean);
  const keys = new Set([`${district}/centre`, `${district}/police`]);
  for (const plan of reviewed) for (const measure of plan.measures) keys.add(measure.agencyKey);
  if (reviewed.length === 0) keys.add(`${district}/guardianship`);
  return {
    attendingAgencyIds: [...keys].filter((key) => agencies.has(key)).map(ids.agencyId),
    decisions:
      decisions.join(' ') ||
      'Обсуждены сроки и форма представления информации в РМЦ; обмен опытом кураторов случая.',
  };
}
