import {
  ChangeDecision,
  ChangeKind,
  LifeArea,
  MeasureCategory,
  MeasureStatus,
  ProgrammeEndReason,
  ProgrammeStatus,
  ReportKind,
  SituationAssessment,
} from '@kdn/prisma/programmes';
import { builder } from './builder.ts';
import type { measureTimelinessValues, reportTimelinessValues } from './rules/timeliness.ts';

/**
 * The subgraph's enums, each value with the Russian term agencies use: the resolution found that
 * different agencies understood the terms differently, so the API states them once.
 */
export const ProgrammeStatusEnum = builder.enumType(ProgrammeStatus, {
  name: 'ProgrammeStatus',
  description:
    'Where a programme (МИПСР) stands: DRAFT → APPROVED ⇄ UNDER_REVIEW, APPROVED → COMPLETED; any but COMPLETED → ' +
    'ENDED_OFF_REGISTER when the family leaves the register.',
  values: {
    DRAFT: { description: 'Drafted, not yet approved by the working group (проект программы).' },
    APPROVED: { description: 'Approved at a working-group meeting and being carried out (утверждена).' },
    UNDER_REVIEW: {
      description:
        'Changes the curator proposed await the working group’s decision (clause 3.4; на корректировке).',
    },
    COMPLETED: {
      description: 'Finished: the results were presented to the commission (clause 6.4; завершена).',
    },
    ENDED_OFF_REGISTER: {
      description:
        'Ended on the day the commission closed the family’s registration (снятие с учёта), before the results ' +
        'were presented: the programme is for a family on the register, so a family taken off it has none in ' +
        'force from that day (`endedOn`, `endReason`). Its undone measures and reports not yet due by then stop ' +
        'falling due (NO_LONGER_DUE); nothing is changed in it any more (прекращена в связи со снятием с учёта).',
    },
  },
});

export const ProgrammeEndReasonEnum = builder.enumType(ProgrammeEndReason, {
  name: 'ProgrammeEndReason',
  description:
    'Why the family’s registration was closed, which ended its programme (основание снятия с учёта).',
  values: {
    SITUATION_IMPROVED: {
      description: 'The situation improved: the work achieved its goals (исправление положения).',
    },
    MOVED_AWAY: { description: 'The family moved out of the district (смена места жительства).' },
    CAME_OF_AGE: { description: 'The minor came of age (достижение совершеннолетия).' },
    CHILDREN_PLACED_IN_CARE: {
      description: 'The children were removed from the family and placed in care.',
    },
    OTHER: { description: 'Another reason, stated in the registry’s closing note.' },
  },
});

export const MeasureCategoryEnum = builder.enumType(MeasureCategory, {
  name: 'MeasureCategory',
  description: 'What kind of help a measure gives (направление мероприятия).',
  values: {
    SOCIAL: { description: 'Social work and everyday help (социальные).' },
    PSYCHOLOGICAL: { description: 'Psychological help and counselling (психологические).' },
    EDUCATIONAL: { description: 'Schooling and upbringing (педагогические).' },
    MEDICAL: { description: 'Medical help and treatment (медицинские).' },
    LEGAL: { description: 'Legal help and prevention of offences (правовые, профилактические).' },
    LEISURE_SPORT: { description: 'Leisure, culture and sport (досуговые, спортивные).' },
    EMPLOYMENT: { description: 'Work for the parents or the teenagers (трудоустройство).' },
    SOCIAL_SUPPORT_BENEFITS: {
      description: 'Help with the documents for social support measures (оформление МСП).',
    },
    OTHER: { description: 'Any other measure.' },
  },
});

export const MeasureStatusEnum = builder.enumType(MeasureStatus, {
  name: 'MeasureStatus',
  description: 'What became of a measure (статус исполнения мероприятия).',
  values: {
    PLANNED: { description: 'Planned, not started (запланировано).' },
    IN_PROGRESS: { description: 'Being carried out (выполняется).' },
    DONE: { description: 'Carried out, with the date and the execution report (выполнено).' },
    NOT_EXECUTED: {
      description:
        'The responsible agency did not carry it out (не исполнено); the curator may inform the commission (clause 4.6).',
    },
    REFUSED_BY_AGENCY: {
      description:
        'The responsible agency refused to carry it out (отказ в содействии); the curator may inform the commission (clause 4.6).',
    },
  },
});

export const MeasureTimelinessEnum = builder.enumType('MeasureTimeliness', {
  description: 'A measure against its deadline on a given day; derived from its dates, never stored.',
  values: {
    NOT_DUE: { description: 'Not done yet and the deadline has not passed (в работе, срок не истёк).' },
    OVERDUE: { description: 'The deadline has passed and it is not done (просрочено).' },
    DONE_ON_TIME: { description: 'Done by the deadline (выполнено в срок).' },
    DONE_LATE: { description: 'Done after the deadline (выполнено с нарушением срока).' },
    NOT_EXECUTED: { description: 'Recorded as not carried out by the agency (не исполнено).' },
    REFUSED_BY_AGENCY: { description: 'Recorded as refused by the agency (отказ органа).' },
    EXCLUDED: { description: 'Excluded from the programme by the working group (исключено).' },
    NO_LONGER_DUE: {
      description:
        'Not done, and the programme ended off the register on or before its deadline (ENDED_OFF_REGISTER): it ' +
        'stopped falling due and is not overdue (снято в связи со снятием семьи с учёта).',
    },
  } satisfies Record<(typeof measureTimelinessValues)[number], { description: string }>,
});

export const ChangeKindEnum = builder.enumType(ChangeKind, {
  name: 'ChangeKind',
  description: 'The four changes to a programme a curator may propose to the working group (clause 3.4).',
  values: {
    PRIORITY_CHANGED: {
      description: 'A measure moves into or out of the priority plan (изменение приоритета).',
    },
    MEASURE_EXCLUDED: { description: 'A measure is excluded (исключение мероприятия из программы).' },
    MEASURE_ADDED: { description: 'A new measure is included (включение нового мероприятия).' },
    AGENCY_INVOLVED: {
      description:
        'An agency not yet in the programme is brought in with the measure it takes on ' +
        '(привлечение субъекта системы профилактики).',
    },
  },
});

export const ChangeDecisionEnum = builder.enumType(ChangeDecision, {
  name: 'ChangeDecision',
  description: 'What the working group decided on a proposed change.',
  values: {
    PROPOSED: { description: 'Proposed by the curator, awaiting a meeting (предложено).' },
    ACCEPTED: { description: 'Accepted at a meeting and applied to the programme (принято).' },
    REJECTED: { description: 'Rejected at a meeting (отклонено).' },
  },
});

export const ReportKindEnum = builder.enumType(ReportKind, {
  name: 'ReportKind',
  description: 'Which report of the curator it is.',
  values: {
    INTERIM: {
      description:
        'Information on the family’s dynamics and the measures’ effectiveness (информация о динамике, clause 3.4).',
    },
    FINAL: {
      description:
        'The results presented to the commission at the programme’s end, with proposals (итоги, clause 6.4).',
    },
  },
});

export const ReportTimelinessEnum = builder.enumType('ReportTimeliness', {
  description: 'A report against its due date on a given day; derived from its dates, never stored.',
  values: {
    NOT_DUE: { description: 'Not submitted and not yet due.' },
    OVERDUE: { description: 'Past due and not submitted (не представлен в срок).' },
    SUBMITTED_ON_TIME: { description: 'Submitted by the due date (представлен в срок).' },
    SUBMITTED_LATE: { description: 'Submitted after the due date (представлен с опозданием).' },
    NO_LONGER_DUE: {
      description:
        'Not submitted, and the programme ended off the register on or before its due date (ENDED_OFF_REGISTER): ' +
        'no longer owed.',
    },
  } satisfies Record<(typeof reportTimelinessValues)[number], { description: string }>,
});

export const SituationAssessmentEnum = builder.enumType(SituationAssessment, {
  name: 'SituationAssessment',
  description: 'How the family’s situation changed since the previous report (динамика).',
  values: {
    IMPROVED: { description: 'Improved (положительная динамика).' },
    UNCHANGED: { description: 'Unchanged (без изменений).' },
    WORSENED: { description: 'Worsened (отрицательная динамика).' },
  },
});

export const LifeAreaEnum = builder.enumType(LifeArea, {
  name: 'LifeArea',
  description: 'An area of the family’s life a report assesses (сфера жизнедеятельности).',
  values: {
    FAMILY_RELATIONS: {
      description: 'Relations in the family, between parents and children (детско-родительские отношения).',
    },
    CHILD_CARE: { description: 'Care and supervision of the children (уход, присмотр).' },
    EDUCATION: { description: 'Schooling and attendance (обучение, посещаемость).' },
    HEALTH: { description: 'Health, addictions included (здоровье).' },
    EMPLOYMENT: { description: 'The parents’ work and income (занятость родителей).' },
    HOUSING: { description: 'Housing and living conditions (жилищно-бытовые условия).' },
    LEISURE: {
      description: 'The minors’ leisure and leading interests (досуг, занятость детей).',
    },
    LAW_ABIDANCE: { description: 'Offences and law-abiding behaviour (правопорядок).' },
  },
});
