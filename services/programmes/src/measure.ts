import { field, isUuid, present, type SubgraphTypes, today } from '@kdn/platform';
import { MeasureCategory, type Measure as MeasureRecord } from '@kdn/prisma/programmes';
import { z } from 'zod';
import { familyRefOf, seesCaseOf, seesMeasure } from './access.ts';
import { builder } from './builder.ts';
import { ProgrammeChange } from './change.ts';
import type { ProgrammesContext } from './context.ts';
import { MeasureCategoryEnum, MeasureStatusEnum, MeasureTimelinessEnum } from './enums.ts';
import { Agency } from './external.ts';
import { ProgrammeGoal } from './goal.ts';
import { familyOfRecord, Programme, programmeOf } from './programme.ts';
import { measureTimeliness } from './rules/timeliness.ts';

export const Measure = builder.objectRef<MeasureRecord>('Measure');

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
    goal: t.field({
      type: ProgrammeGoal,
      description: 'The goal the measure serves.',
      resolve: (measure, _args, { loaders }) => present(loaders.goal.load(measure.goalId), 'goal'),
    }),
    title: t.exposeString('title', {
      description: 'What is to be done.',
      // The wording is what the agency carrying the measure out needs.
      personalData: { family: familyOfRecord, needs: 'minimal' },
    }),
    category: t.field({
      type: MeasureCategoryEnum,
      description: 'What kind of help it is.',
      resolve: (measure) => measure.category,
    }),
    agency: t.field({
      type: Agency,
      nullable: true,
      description: 'The agency responsible for carrying it out (ответственный исполнитель).',
      resolve: (measure) => ({ id: measure.agencyId }),
    }),
    deadline: t.field({
      type: 'Date',
      description: 'By when it is to be done (срок исполнения), inside the programme’s period.',
      resolve: (measure) => measure.deadline,
    }),
    priority: t.exposeBoolean('priority', {
      description: 'Whether it belongs to the priority plan (план первоочередных мероприятий).',
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

type InputFields = PothosSchemaTypes.InputFieldBuilder<
  PothosSchemaTypes.ExtendDefaultTypes<SubgraphTypes<ProgrammesContext>>,
  'InputObject'
>;

/** The fields of a new measure, in a new programme or in a proposed change. */
export function measureInputFields(t: InputFields) {
  return {
    title: t.string({ description: 'What is to be done, concretely.' }),
    category: t.field({ type: MeasureCategoryEnum, description: 'What kind of help it is.' }),
    agencyId: t.id({
      description: 'The responsible agency: of the programme’s district or another district of its city.',
    }),
    deadline: t.field({ type: 'Date', description: 'By when, inside the programme’s period.' }),
    priority: t.boolean({
      required: false,
      description: 'Whether it belongs to the priority plan; false when omitted.',
    }),
  };
}

export const newMeasureSchema = {
  title: field.text(300),
  category: z.enum(MeasureCategory),
  agencyId: field.id(),
  deadline: z.date(),
  priority: z
    .boolean()
    .nullish()
    .transform((priority) => priority ?? false),
};
