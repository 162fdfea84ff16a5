import { field, today } from '@kdn/platform';
import {
  type AreaAssessment as AssessmentRecord,
  LifeArea,
  ReportKind,
  SituationAssessment,
} from '@kdn/prisma/programmes';
import { z } from 'zod';
import { builder } from '../builder.ts';
import { familyOfRecord } from '../programme/access.ts';
import { programmeOf } from '../programme/figures.ts';
import { Programme } from '../programme/refs.ts';
import { Curator } from '../shared/refs.ts';
import { distinct } from '../shared/rules.ts';
import { submitReport } from './changes.ts';
import { ProgressReport } from './refs.ts';
import { checkOverall, reportTimeliness, type reportTimelinessValues } from './rules.ts';

const ReportKindEnum = builder.enumType(ReportKind, {
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

const ReportTimelinessEnum = builder.enumType('ReportTimeliness', {
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

const SituationAssessmentEnum = builder.enumType(SituationAssessment, {
  name: 'SituationAssessment',
  description: 'How the family’s situation changed since the previous report (динамика).',
  values: {
    IMPROVED: { description: 'Improved (положительная динамика).' },
    UNCHANGED: { description: 'Unchanged (без изменений).' },
    WORSENED: { description: 'Worsened (отрицательная динамика).' },
  },
});

const LifeAreaEnum = builder.enumType(LifeArea, {
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

const AreaAssessment = builder.objectRef<AssessmentRecord>('AreaAssessment').implement({
  description: 'How one area of the family’s life changed, in the curator’s report.',
  fields: (t) => ({
    area: t.field({ type: LifeAreaEnum, description: 'The area of life.', resolve: (a) => a.area }),
    assessment: t.field({
      type: SituationAssessmentEnum,
      description: 'How it changed.',
      resolve: (a) => a.assessment,
    }),
  }),
});

ProgressReport.implement({
  description:
    'A report of the curator in the established form: the family’s dynamics and the measures’ effectiveness ' +
    '(clause 3.4), or the final results presented to the commission (clause 6.4). Scheduled with its due date ' +
    'when the programme is drafted, so that late and missing reports show (Resolution No. 2: documents came late ' +
    'and not in the established form).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of the report.' }),
    programme: t.field({
      type: Programme,
      description: 'The programme reported on.',
      resolve: (report, _args, { loaders }) => programmeOf(report, loaders),
    }),
    kind: t.field({ type: ReportKindEnum, description: 'Interim or final.', resolve: (r) => r.kind }),
    dueOn: t.field({ type: 'Date', description: 'The day it is due.', resolve: (r) => r.dueOn }),
    submittedOn: t.field({
      type: 'Date',
      nullable: true,
      description:
        'The day it was submitted; for the final report, presented to the commission. Null until then.',
      resolve: (report) => report.submittedOn,
    }),
    timeliness: t.field({
      type: ReportTimelinessEnum,
      description:
        'The report against its due date at the end of the given day; one due on or after the day its programme ' +
        'ended off the register is no longer due.',
      args: { asOf: t.arg({ type: 'Date', required: false, description: 'The day; today when omitted.' }) },
      resolve: async (report, { asOf }, { loaders }) =>
        reportTimeliness(report, asOf ?? today(), (await programmeOf(report, loaders)).endedOn),
    }),
    curator: t.field({
      type: Curator,
      nullable: true,
      description:
        'The curator who submitted it: the programme’s curator on the day it was submitted (clause 1.9).',
      resolve: (report) => (report.curatorId ? { id: report.curatorId } : null),
    }),
    overallAssessment: t.field({
      type: SituationAssessmentEnum,
      nullable: true,
      description: 'How the family’s situation changed overall.',
      personalData: { family: familyOfRecord },
      resolve: (report) => report.overallAssessment,
    }),
    assessments: t.field({
      type: [AreaAssessment],
      description: 'How each assessed area of the family’s life changed.',
      personalData: { family: familyOfRecord },
      resolve: (report, _args, { loaders }) => loaders.assessmentsOfReport.load(report.id),
    }),
    summary: t.exposeString('summary', {
      nullable: true,
      description: 'The family’s dynamics and the measures’ effectiveness, in the curator’s words.',
      personalData: { family: familyOfRecord },
    }),
    proposals: t.exposeString('proposals', {
      nullable: true,
      description: 'The curator’s proposals: changes to the programme, or the further work (clause 6.4).',
      personalData: { family: familyOfRecord },
    }),
    version: t.exposeInt('version', { description: 'Changes with every update; send it back to submit.' }),
  }),
});

const AreaAssessmentInput = builder.inputType('AreaAssessmentInput', {
  description: 'How one area of the family’s life changed.',
  fields: (t) => ({
    area: t.field({ type: LifeAreaEnum, description: 'The area of life.' }),
    assessment: t.field({ type: SituationAssessmentEnum, description: 'How it changed.' }),
  }),
});

interface Assessments {
  overallAssessment: SituationAssessment;
  assessments: Array<{ area: LifeArea; assessment: SituationAssessment }>;
}

// The established form: an overall assessment, each assessed area of life, and a summary, never free
// text alone (Resolution No. 2: information reached the centre not in the established form).
const SubmitReportInput = builder.inputType('SubmitProgressReportInput', {
  description: 'A scheduled report, submitted in the established form.',
  fields: (t) => ({
    id: t.id({ validate: field.id(), description: 'The scheduled report.' }),
    version: t.int({
      validate: field.version(),
      description: 'The version last read; a stale one is refused with `CONFLICT`.',
    }),
    submittedOn: t.field({
      type: 'Date',
      validate: field.pastDate(),
      description: 'The day it is submitted; not in the future.',
    }),
    overallAssessment: t.field({
      type: SituationAssessmentEnum,
      description: 'How the situation changed overall.',
    }),
    assessments: t.field({
      type: [AreaAssessmentInput],
      validate: z
        .array(z.custom<{ area: LifeArea }>())
        .min(1, 'must assess at least one area of the family’s life')
        .superRefine(distinct((a) => a.area, 'assesses this area twice', ['area'])),
      description: 'Each assessed area once, one at least.',
    }),
    summary: t.string({
      validate: field.text(5000),
      description: 'The family’s dynamics and the measures’ effectiveness.',
    }),
    proposals: t.string({
      required: false,
      validate: field.text(5000),
      description: 'Proposals; required in the final report (clause 6.4).',
    }),
  }),
  validate: z.custom<Assessments>().superRefine(checkOverall),
});

builder.mutationField('submitProgressReport', (t) =>
  t.field({
    type: ProgressReport,
    description:
      'Submits a scheduled report. Submitting the final report presents the results to the commission and ' +
      'completes the programme (clause 6.4).',
    args: { input: t.arg({ type: SubmitReportInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { db, access }) => submitReport(db, access, input),
  }),
);
