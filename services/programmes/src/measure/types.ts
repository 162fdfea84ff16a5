import { field, isUuid, present, type SubgraphTypes, today } from '@kdn/platform';
import { MeasureStatus } from '@kdn/prisma/programmes';
import { z } from 'zod';
import { builder } from '../builder.ts';
import { ProgrammeChange } from '../change/refs.ts';
import type { ProgrammesContext } from '../context.ts';
import { ProgrammeGoal } from '../goal/refs.ts';
import { familyOfRecord, familyRefOf, seesCaseOf } from '../programme/access.ts';
import { programmeOf } from '../programme/figures.ts';
import { Programme } from '../programme/refs.ts';
import { Agency } from '../shared/refs.ts';
import { seesMeasure } from './access.ts';
import { updateMeasure } from './changes.ts';
import type { PlannedMeasure } from './figures.ts';
import { Measure, MeasureCategoryEnum, ProposedMeasure } from './refs.ts';
import { checkOutcome, measureTimeliness, type measureTimelinessValues, type Outcome } from './rules.ts';

const MeasureStatusEnum = builder.enumType(MeasureStatus, {
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

const MeasureTimelinessEnum = builder.enumType('MeasureTimeliness', {
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

type Types = PothosSchemaTypes.ExtendDefaultTypes<SubgraphTypes<ProgrammesContext>>;

/**
 * The fields of a measure's plan, the same in a programme's measure and in a measure a change
 * proposes; each description says what is, or what would be.
 */
function planFields<Shape extends PlannedMeasure & { programmeId: string }>(
  t: PothosSchemaTypes.ObjectFieldBuilder<Types, Shape>,
  says: Record<keyof Omit<PlannedMeasure, 'goalId' | 'agencyId'> | 'goal' | 'agency', string>,
) {
  return {
    goal: t.field({
      type: ProgrammeGoal,
      description: says.goal,
      resolve: (measure, _args, { loaders }) => present(loaders.goal.load(measure.goalId), 'goal'),
    }),
    title: t.string({
      description: says.title,
      // The wording is what the agency carrying the measure out needs.
      personalData: { family: familyOfRecord, needs: 'minimal' },
      resolve: (measure) => measure.title,
    }),
    category: t.field({
      type: MeasureCategoryEnum,
      description: says.category,
      resolve: (measure) => measure.category,
    }),
    agency: t.field({
      type: Agency,
      nullable: true,
      description: says.agency,
      resolve: (measure) => ({ id: measure.agencyId }),
    }),
    deadline: t.field({ type: 'Date', description: says.deadline, resolve: (measure) => measure.deadline }),
    priority: t.boolean({ description: says.priority, resolve: (measure) => measure.priority }),
  };
}

Measure.implement({
  description:
    'A measure of a programme (мероприятие): what is to be done, by which agency, by when, and what came of it.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of the measure.' }),
    programme: t.field({
      type: Programme,
      description: 'The programme the measure belongs to.',
      resolve: (measure, _args, { loaders }) => programmeOf(measure, loaders),
    }),
    ...planFields(t, {
      goal: 'The goal the measure serves.',
      title: 'What is to be done.',
      category: 'What kind of help it is.',
      agency: 'The agency responsible for carrying it out (ответственный исполнитель).',
      deadline: 'By when it is to be done (срок исполнения), inside the programme’s period.',
      priority: 'Whether it belongs to the priority plan (план первоочередных мероприятий).',
    }),
    status: t.field({
      type: MeasureStatusEnum,
      description: 'What became of it.',
      resolve: (measure) => measure.status,
    }),
    executedOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'The day it was done; set when DONE.',
      resolve: (measure) => measure.executedOn,
    }),
    executionReport: t.exposeString('executionReport', {
      nullable: true,
      description: 'What was done (отчёт об исполнении); set when DONE.',
      // The agency's own account of its measure: it writes it and reads it back.
      personalData: { family: familyOfRecord, needs: 'minimal' },
    }),
    failedOn: t.field({
      type: 'Date',
      nullable: true,
      description:
        'The day the failure or refusal was established; set when NOT_EXECUTED or REFUSED_BY_AGENCY.',
      resolve: (measure) => measure.failedOn,
    }),
    failureReason: t.exposeString('failureReason', {
      nullable: true,
      description:
        'Why it was not done or was refused: what the curator may report to the commission (clause 4.6).',
      personalData: { family: familyOfRecord, needs: 'minimal' },
    }),
    excludedOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'The day a working-group meeting excluded it from the programme (clause 3.4).',
      resolve: (measure) => measure.excludedOn,
    }),
    timeliness: t.field({
      type: MeasureTimelinessEnum,
      description:
        'The measure against its deadline at the end of the given day: on time, late, overdue, …; one due on or ' +
        'after the day its programme ended off the register is no longer due.',
      args: { asOf: t.arg({ type: 'Date', required: false, description: 'The day; today when omitted.' }) },
      resolve: async (measure, { asOf }, { loaders }) =>
        measureTimeliness(measure, asOf ?? today(), (await programmeOf(measure, loaders)).endedOn),
    }),
    changes: t.field({
      type: [ProgrammeChange],
      description: 'Proposed and decided changes concerning this measure (clause 3.4).',
      resolve: (measure, _args, { loaders }) => loaders.changesOfMeasure.load(measure.id),
    }),
    version: t.exposeInt('version', {
      description: 'Changes with every update; send it back to record progress.',
    }),
  }),
});

ProposedMeasure.implement({
  description: 'The new measure a change proposes to include (clause 3.4).',
  fields: (t) =>
    planFields(t, {
      goal: 'The goal it would serve.',
      title: 'What is to be done.',
      category: 'What kind of help.',
      agency: 'The agency that would be responsible.',
      deadline: 'By when.',
      priority: 'Whether it would join the priority plan.',
    }),
});

builder.objectField(Agency, 'measures', (t) =>
  t.field({
    type: [Measure],
    nullable: true,
    description:
      'The programme measures the agency is responsible for, by deadline; excluded ones left out. Those of the ' +
      'families whose case you see; an agency’s user sees its own agency’s only.',
    args: {
      status: t.arg({
        type: MeasureStatusEnum,
        required: false,
        description: 'Only measures in this status.',
      }),
    },
    resolve: async (agency, { status }, { loaders }) => {
      if (!isUuid(agency.id)) return [];
      const measures = await loaders.measuresOfAgency.load(agency.id);
      return status ? measures.filter((measure) => measure.status === status) : measures;
    },
  }),
);

builder.queryField('measure', (t) =>
  t.field({
    type: Measure,
    nullable: true,
    description: 'One measure by identifier; null when there is none, or when it is not yours to see.',
    args: { id: t.arg.id({ description: 'The measure’s identifier.' }) },
    resolve: async (_root, { id }, { loaders, access }) => {
      const measure = isUuid(id) ? await loaders.measure.load(id) : null;
      if (!measure || !seesMeasure(access, measure)) return null;
      const programme = await programmeOf(measure, loaders);
      return (await seesCaseOf(access, familyRefOf(programme))) ? measure : null;
    },
  }),
);

/**
 * A measure's progress as the responsible agency reports it: started, done with its report, or not
 * executed or refused with the reason the curator may take to the commission (clause 4.6).
 */
const UpdateMeasureInput = builder.inputType('UpdateMeasureInput', {
  description: 'Progress of a measure: its new status with the outcome that status needs.',
  fields: (t) => ({
    id: t.id({ validate: field.id(), description: 'The measure.' }),
    version: t.int({
      validate: field.version(),
      description: 'The version last read; a stale one is refused with `CONFLICT`.',
    }),
    status: t.field({ type: MeasureStatusEnum, description: 'The new status; it moves forward only.' }),
    executedOn: t.field({
      type: 'Date',
      required: false,
      validate: field.pastDate(),
      description: 'For DONE: the day it was done.',
    }),
    executionReport: t.string({
      required: false,
      validate: field.text(2000),
      description: 'For DONE: what was done.',
    }),
    failedOn: t.field({
      type: 'Date',
      required: false,
      validate: field.pastDate(),
      description: 'For NOT_EXECUTED and REFUSED_BY_AGENCY: the day the failure or refusal was established.',
    }),
    failureReason: t.string({
      required: false,
      validate: field.text(2000),
      description: 'For NOT_EXECUTED and REFUSED_BY_AGENCY: why (clause 4.6).',
    }),
  }),
  validate: z.custom<Outcome>().superRefine(checkOutcome),
});

builder.mutationField('updateMeasure', (t) =>
  t.field({
    type: Measure,
    description:
      'Records a measure’s progress: started, done with its report, not executed or refused with the reason.',
    args: { input: t.arg({ type: UpdateMeasureInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { db, access }) => updateMeasure(db, access, input),
  }),
);
