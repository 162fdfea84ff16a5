import type { AgencyKind } from '@kdn/prisma/agencies';
import type {
  ChangeDecision,
  ChangeKind,
  LifeArea,
  MeasureCategory,
  MeasureStatus,
  ProgrammeStatus,
  ReportKind,
  SituationAssessment,
} from '@kdn/prisma/programmes';
import { agencies } from './agencies.ts';
import type { FamilySpec } from './family-spec.ts';
import {
  addDays,
  addMonths,
  daysBetween,
  demoEnd,
  earlier,
  fraction,
  later,
  type MeetingDay,
  meetingOnOrAfter,
} from './programmes-calendar.ts';
import {
  areaNames,
  executionReports,
  failureReasons,
  fallbackKind,
  goals as goalTemplates,
  problemsOf,
  replacementMeasure,
} from './programmes-catalogue.ts';

export interface PlannedGoal {
  title: string;
  indicator: string;
  area: LifeArea;
  targetDate: string;
}

export interface PlannedMeasure {
  goal: number;
  title: string;
  category: MeasureCategory;
  agencyKey: string;
  deadline: string;
  priority: boolean;
  status: MeasureStatus;
  executedOn?: string;
  executionReport?: string;
  failedOn?: string;
  failureReason?: string;
  excludedOn?: string;
}

export type ProposedMeasure = Pick<
  PlannedMeasure,
  'goal' | 'title' | 'category' | 'agencyKey' | 'deadline' | 'priority'
>;

export interface PlannedChange {
  kind: ChangeKind;
  /** The measure reprioritised or excluded, or the one an accepted addition created. */
  measure?: number;
  priority?: boolean;
  proposal?: ProposedMeasure;
  proposedOn: string;
  rationale: string;
  decision: ChangeDecision;
  decidedOn?: string;
}

export interface PlannedReview {
  heldOn: string;
  familyInvited: boolean;
  familyAttended: boolean;
  outcome: string;
}

export interface PlannedReport {
  kind: ReportKind;
  dueOn: string;
  submittedOn?: string;
  overall?: SituationAssessment;
  assessments: Array<{ area: LifeArea; assessment: SituationAssessment }>;
  summary?: string;
  proposals?: string;
}

export interface ProgrammePlan {
  family: FamilySpec;
  number: string;
  periodFrom: string;
  periodTo: string;
  status: ProgrammeStatus;
  approvedOn?: string;
  completedOn?: string;
  goals: PlannedGoal[];
  measures: PlannedMeasure[];
  reviews: PlannedReview[];
  changes: PlannedChange[];
  reports: PlannedReport[];
}

/** The dates that bound what a programme's plan records. */
interface Timeline {
  key: string;
  periodFrom: string;
  /** The day outcomes are recorded up to: the programme's completion, or the demo's end. */
  limit: string;
  /** Every measure is due by then: a week before completion, or the period's end. */
  lastDeadline: string;
  /** Whether the programme is completed by `limit`, so every measure has its outcome. */
  completing: boolean;
}

/** Nine-month programmes: Zaitsev's results were heard late, in November; Kovalev's final report is overdue. */
const nineMonthProgrammes = new Set(['kirovsky/zaitsev', 'kirovsky/kovalev']);
const resultsHeardOn: Record<string, string> = { 'kirovsky/zaitsev': '2011-11-03' };
/** Curators' proposals made after the last meeting of January 2012, awaiting the working group. */
const awaitingReview = new Set(['kirovsky/osipova', 'zheleznodorozhny/sorokina']);
/** The seminars on goal-setting and reporting of November–December 2011 (Resolution No. 2). */
const seminarsHeld = '2011-11-01';

/**
 * A family's programme (МИПСР) from its registration to the demo's end: drafted on registration,
 * approved at the centre's next meeting a week on, reviewed at the meeting after each quarterly
 * report, corrected at the first review in about half the cases, completed when the commission heard
 * the results (clause 6.4), the day the registration was closed.
 */
export function planProgramme(
  family: FamilySpec,
  calendar: readonly MeetingDay[],
  number: string,
): ProgrammePlan {
  const key = `${family.district}/${family.key}`;
  const approval = meetingOnOrAfter(calendar, addDays(family.registration.openedOn, 7));
  const periodFrom = approval?.heldOn ?? addDays(family.registration.openedOn, 14);
  const periodTo = addDays(addMonths(periodFrom, nineMonthProgrammes.has(key) ? 9 : 12), -1);
  const closing = family.registration.closing;
  const completedOn = closing && closing.closedOn <= demoEnd ? closing.closedOn : resultsHeardOn[key];
  const timeline: Timeline = {
    key,
    periodFrom,
    limit: completedOn ?? demoEnd,
    lastDeadline: completedOn ? addDays(completedOn, -7) : periodTo,
    completing: completedOn !== undefined,
  };

  const problems = problemsOf(family);
  const goals: PlannedGoal[] = [];
  const measures: PlannedMeasure[] = [];
  problems.forEach((problem, goalIndex) => {
    const template = goalTemplates[problem];
    const deadlines = template.measures.map((measure) => {
      const deadline = deadlineOf(timeline, measure.months);
      const agencyKey = agencyOf(family, measure.agencyKind);
      measures.push({
        goal: goalIndex,
        title: measure.title,
        category: measure.category,
        agencyKey,
        deadline,
        priority: measure.priority ?? false,
        ...(approval
          ? outcomeOf(timeline, measures.length, measure.category, agencyKey, deadline)
          : { status: 'PLANNED' as const }),
      });
      return deadline;
    });
    goals.push({
      title: template.title,
      indicator: template.indicator,
      area: template.area,
      targetDate: earlier(periodTo, addDays(deadlines.reduce(later), 30)),
    });
  });

  const interimDue = [3, 6, 9]
    .map((months) => addDays(addMonths(periodFrom, months), -1))
    .filter((dueOn) => dueOn < periodTo && (!completedOn || dueOn < completedOn));
  const reviewDays = approval
    ? interimDue
        .map((dueOn) => meetingOnOrAfter(calendar, dueOn)?.heldOn)
        .filter((day): day is string => day !== undefined && (!completedOn || day < completedOn))
    : [];

  const changes = approval && reviewDays[0] ? correct(timeline, family, measures, reviewDays[0]) : [];
  if (approval && awaitingReview.has(key)) changes.push(pendingProposal(family, measures));
  const reapproved = changes.find((change) => change.decidedOn)?.decidedOn;

  const reviews: PlannedReview[] = approval
    ? [approvalReview(key, approval.heldOn), ...reviewDays.map((day) => review(key, day, day === reapproved))]
    : [];
  const reports = [
    ...interimDue.map((dueOn, index) => interimReport(timeline, family, goals, dueOn, index, !!approval)),
    finalReport(family, goals, periodTo, completedOn),
  ];

  return {
    family,
    number,
    periodFrom,
    periodTo,
    status: !approval
      ? 'DRAFT'
      : completedOn
        ? 'COMPLETED'
        : awaitingReview.has(key)
          ? 'UNDER_REVIEW'
          : 'APPROVED',
    ...(approval ? { approvedOn: reapproved ?? approval.heldOn } : {}),
    ...(completedOn ? { completedOn } : {}),
    goals,
    measures,
    reviews,
    changes,
    reports,
  };
}

/** `months` after the start; in a programme cut short, squeezed into the time it had. */
function deadlineOf({ periodFrom, lastDeadline }: Timeline, months: number): string {
  const natural = daysBetween(periodFrom, addDays(addMonths(periodFrom, months), -1));
  const room = daysBetween(periodFrom, lastDeadline) / daysBetween(periodFrom, addMonths(periodFrom, 6));
  return addDays(periodFrom, Math.floor(natural * Math.min(1, room)));
}

function agencyOf(family: FamilySpec, kind: AgencyKind): string {
  if (kind === 'EDUCATION' && agencies.get(family.curator.agency)?.kind === 'EDUCATION')
    return family.curator.agency;
  const candidates = [...agencies].filter(
    ([, agency]) => agency.districtCode === family.district && agency.kind === kind,
  );
  const [agencyKey] = candidates[Math.floor(fraction(family.key, kind) * candidates.length)] ?? [];
  if (!agencyKey) throw new Error(`no ${kind} agency in ${family.district}`);
  return agencyKey;
}

type Outcome = Pick<
  PlannedMeasure,
  'status' | 'executedOn' | 'executionReport' | 'failedOn' | 'failureReason'
>;

/**
 * What became of the programme's `ordinal`-th measure by the timeline's limit: mostly done on time,
 * some done late, some not executed or refused by the agency with the reason, a few still open past
 * the deadline (none in a completed programme).
 */
function outcomeOf(
  { key, periodFrom, limit, completing }: Timeline,
  ordinal: number,
  category: MeasureCategory,
  agencyKey: string,
  deadline: string,
): Outcome {
  const roll = fraction(key, ordinal, 'outcome');
  const spread = fraction(key, ordinal, 'days');
  const reasons = failureReasons[agencies.get(agencyKey)?.kind ?? 'OTHER'];
  const done = (executedOn: string): Outcome => ({
    status: 'DONE',
    executedOn,
    executionReport: executionReports[category],
  });
  const notExecuted = (failedOn: string): Outcome => ({
    status: 'NOT_EXECUTED',
    failedOn,
    failureReason: reasons.notExecuted,
  });
  if (deadline > limit) {
    return { status: roll < 0.5 && addDays(periodFrom, 30) <= limit ? 'IN_PROGRESS' : 'PLANNED' };
  }
  if (roll < 0.6) return done(later(periodFrom, addDays(deadline, -Math.floor(spread * 10))));
  if (roll < 0.75) {
    const executedOn = addDays(deadline, 5 + Math.floor(spread * 25));
    if (executedOn <= limit) return done(executedOn);
    return completing ? done(limit) : { status: 'IN_PROGRESS' };
  }
  if (roll < 0.84) return notExecuted(earlier(limit, addDays(deadline, 1 + Math.floor(spread * 13))));
  if (roll < 0.92) {
    return {
      status: 'REFUSED_BY_AGENCY',
      failedOn: later(periodFrom, addDays(deadline, -Math.floor(spread * 20))),
      failureReason: reasons.refused,
    };
  }
  return completing ? notExecuted(earlier(limit, addDays(deadline, 7))) : { status: 'IN_PROGRESS' };
}

const isOpenOn = (measure: PlannedMeasure, day: string) =>
  !measure.excludedOn && (measure.executedOn ?? measure.failedOn ?? '9999-12-31') > day;

/**
 * The corrections the curator proposes a few days before the first review and the meeting decides
 * (clause 3.4): a failed or refused measure handed to another agency, an open measure moved into the
 * priority plan, sometimes one excluded. About half the programmes are corrected.
 */
function correct(
  timeline: Timeline,
  family: FamilySpec,
  measures: PlannedMeasure[],
  meeting: string,
): PlannedChange[] {
  const { key } = timeline;
  if (fraction(key, 'corrected') >= 0.5) return [];
  const proposedOn = addDays(meeting, -3);
  const open = measures.filter(
    (measure) => isOpenOn(measure, meeting) && measure.deadline > addDays(meeting, 14),
  );
  const changes: PlannedChange[] = [];

  const failed = measures.find((measure) => measure.failedOn && measure.failedOn <= proposedOn);
  const deadline = earlier(addDays(meeting, 45), timeline.lastDeadline);
  if (failed && deadline >= meeting) {
    const kind = fallbackKind[agencies.get(failed.agencyKey)?.kind ?? 'OTHER'];
    const agencyKey = agencyOf(family, kind);
    const involved = measures.some((measure) => measure.agencyKey === agencyKey);
    const proposal = { ...replacementMeasure[kind], goal: failed.goal, agencyKey, deadline, priority: true };
    measures.push({
      ...proposal,
      ...outcomeOf(timeline, measures.length, proposal.category, agencyKey, deadline),
    });
    changes.push({
      kind: involved ? 'MEASURE_ADDED' : 'AGENCY_INVOLVED',
      measure: measures.length - 1,
      proposal,
      proposedOn,
      rationale: `Мероприятие «${failed.title}» не исполнено: ${failed.failureReason}. Предлагается поручить его другому субъекту профилактики.`,
      decision: 'ACCEPTED',
      decidedOn: meeting,
    });
  }

  const reprioritised = open.find((measure) => !measure.priority);
  if (reprioritised) {
    const accepted = fraction(key, 'priority accepted') >= 0.2;
    if (accepted) reprioritised.priority = true;
    changes.push({
      kind: 'PRIORITY_CHANGED',
      measure: measures.indexOf(reprioritised),
      priority: true,
      proposedOn,
      rationale: 'По итогам патронажа ситуация требует первоочередного исполнения мероприятия.',
      decision: accepted ? 'ACCEPTED' : 'REJECTED',
      decidedOn: meeting,
    });
  }

  const excluded = open.find((measure) => measure !== reprioritised);
  if (excluded && fraction(key, 'excluded') < 0.35) {
    delete excluded.executedOn;
    delete excluded.executionReport;
    delete excluded.failedOn;
    delete excluded.failureReason;
    Object.assign(excluded, { status: 'PLANNED', excludedOn: meeting });
    changes.push({
      kind: 'MEASURE_EXCLUDED',
      measure: measures.indexOf(excluded),
      proposedOn,
      rationale: 'Мероприятие утратило актуальность: потребность семьи закрыта другими мерами.',
      decision: 'ACCEPTED',
      decidedOn: meeting,
    });
  }
  return changes;
}

/** A proposal made after the last meeting of January 2012, for the February meeting to decide. */
function pendingProposal(family: FamilySpec, measures: PlannedMeasure[]): PlannedChange {
  const agencyKey = agencyOf(family, 'YOUTH');
  const involved = measures.some((measure) => measure.agencyKey === agencyKey);
  return {
    kind: involved ? 'MEASURE_ADDED' : 'AGENCY_INVOLVED',
    proposal: { ...replacementMeasure.YOUTH, goal: 0, agencyKey, deadline: '2012-03-30', priority: false },
    proposedOn: '2012-01-30',
    rationale: 'У подростка нет постоянного занятия после уроков; предлагается привлечь молодёжный центр.',
    decision: 'PROPOSED',
  };
}

function approvalReview(key: string, heldOn: string): PlannedReview {
  const familyAttended = fraction(key, heldOn, 'attended') < 0.85;
  return {
    heldOn,
    familyInvited: true,
    familyAttended,
    outcome: familyAttended
      ? 'Программа утверждена; семья ознакомлена с программой'
      : 'Программа утверждена; семья приглашена, но не явилась',
  };
}

function review(key: string, heldOn: string, corrected: boolean): PlannedReview {
  return {
    heldOn,
    familyInvited: true,
    familyAttended: fraction(key, heldOn, 'attended') < 0.7,
    outcome: `Заслушана информация куратора о динамике${corrected ? '; в программу внесены изменения' : ''}`,
  };
}

function interimReport(
  { key, periodFrom, limit }: Timeline,
  family: FamilySpec,
  goals: PlannedGoal[],
  dueOn: string,
  index: number,
  inForce: boolean,
): PlannedReport {
  const scheduled = { kind: 'INTERIM' as const, dueOn, assessments: [] };
  if (!inForce || dueOn > limit) return scheduled;
  const late = fraction(key, dueOn, 'late') < (dueOn < seminarsHeld ? 0.35 : 0.08);
  const submittedOn = late
    ? addDays(dueOn, 3 + Math.floor(fraction(key, dueOn, 'delay') * 18))
    : later(periodFrom, addDays(dueOn, -Math.floor(fraction(key, dueOn, 'delay') * 4)));
  if (submittedOn > limit || (dueOn >= seminarsHeld && fraction(key, dueOn, 'missing') < 0.1))
    return scheduled;
  const overall = overallOf(key, family, dueOn, index);
  return {
    ...scheduled,
    submittedOn,
    ...assessed(key, dueOn, goals, overall),
    proposals: 'Продолжить реализацию программы; сведения об исполнении мероприятий представлены в РМЦ',
  };
}

/** Early reports mostly find the situation unchanged; later ones mostly improved; a few worsened. */
function overallOf(key: string, family: FamilySpec, dueOn: string, index: number): SituationAssessment {
  if (family.curator.agency === 'zheleznodorozhny/centre') return 'IMPROVED';
  const roll = fraction(key, dueOn, 'overall');
  const improved = index === 0 ? 0.4 : 0.6;
  return roll < improved ? 'IMPROVED' : roll < 0.9 ? 'UNCHANGED' : 'WORSENED';
}

/** The areas of the programme's goals, the first carrying the overall assessment. */
function assessed(key: string, day: string, goals: PlannedGoal[], overall: SituationAssessment) {
  const areas = [...new Set(goals.map((goal) => goal.area))];
  const assessments = areas.map((area, index) => ({
    area,
    assessment:
      index === 0 || overall === 'UNCHANGED' || fraction(key, day, area) < 0.5
        ? overall
        : ('UNCHANGED' as const),
  }));
  const changed = assessments.filter((a) => a.assessment !== 'UNCHANGED').map((a) => areaNames[a.area]);
  const summary =
    overall === 'IMPROVED'
      ? `Положительная динамика: ${changed.join(', ')}. Семья идёт на контакт, мероприятия исполняются.`
      : overall === 'WORSENED'
        ? `Отрицательная динамика: ${changed.join(', ')}. Семья уклоняется от взаимодействия со специалистами.`
        : 'Ситуация в семье без существенных изменений; рекомендации выполняются формально.';
  return { overall, assessments, summary };
}

const resultsOfClosing: Record<string, { overall: SituationAssessment; proposals: string }> = {
  SITUATION_IMPROVED: {
    overall: 'IMPROVED',
    proposals:
      'Цели программы достигнуты: снять семью с учёта, сохранить наблюдение школы в течение полугода',
  },
  MOVED_AWAY: {
    overall: 'UNCHANGED',
    proposals: 'Семья выбыла: передать сведения в комиссию по новому месту жительства',
  },
  CHILDREN_PLACED_IN_CARE: {
    overall: 'WORSENED',
    proposals:
      'Дети помещены в государственное учреждение: продолжить работу с матерью по восстановлению в правах',
  },
  CAME_OF_AGE: {
    overall: 'IMPROVED',
    proposals: 'Подопечная достигла совершеннолетия: рекомендовать содействие в трудоустройстве',
  },
};

/** Clause 6.4: the results presented to the commission when the programme ends, with proposals. */
function finalReport(
  family: FamilySpec,
  goals: PlannedGoal[],
  periodTo: string,
  completedOn: string | undefined,
): PlannedReport {
  const scheduled = { kind: 'FINAL' as const, dueOn: periodTo, assessments: [] };
  if (!completedOn) return scheduled;
  const results = resultsOfClosing[family.registration.closing?.reason ?? ''] ?? {
    overall: 'IMPROVED' as const,
    proposals: 'Продолжить работу по новой программе: закрепить занятость подростка',
  };
  return {
    ...scheduled,
    submittedOn: completedOn,
    ...assessed(`${family.district}/${family.key}`, completedOn, goals, results.overall),
    proposals: results.proposals,
  };
}
