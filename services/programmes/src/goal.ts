import { field } from '@kdn/platform';
import type { ProgrammeGoal as GoalRecord } from '@kdn/prisma/programmes';
import { z } from 'zod';
import { visibleMeasures } from './access.ts';
import { builder } from './builder.ts';
import { Measure } from './measure.ts';
import { familyOfRecord, Programme, programmeOf } from './programme.ts';

export const ProgrammeGoal = builder.objectRef<GoalRecord>('ProgrammeGoal');

ProgrammeGoal.implement({
  description:
    'A goal of a programme (цель), concrete by construction: what should change, the indicator that shows it ' +
    'and the day it is due. Resolution No. 2 (2012) found abstract, vague goals in 2011 programmes.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of the goal.' }),
    programme: t.field({
      type: Programme,
      description: 'The programme the goal belongs to.',
      resolve: (goal, _args, { loaders }) => programmeOf(goal, loaders),
    }),
    title: t.exposeString('title', {
      description: 'What should change, e.g. «Регулярное посещение школы».',
      personalData: { family: familyOfRecord },
    }),
    indicator: t.exposeString('indicator', {
      description:
        'How achievement is measured (показатель), e.g. «пропуски без уважительной причины: 0 в месяц».',
      personalData: { family: familyOfRecord },
    }),
    targetDate: t.field({
      type: 'Date',
      description: 'The day by which the goal is to be achieved, inside the programme’s period.',
      resolve: (goal) => goal.targetDate,
    }),
    measures: t.field({
      type: [Measure],
      description: 'The measures that serve the goal, by deadline; for an agency, those assigned to it.',
      resolve: async (goal, _args, { loaders, access }) =>
        visibleMeasures(access, await loaders.measuresOfGoal.load(goal.id)),
    }),
  }),
});

export const ProgrammeGoalInput = builder.inputType('ProgrammeGoalInput', {
  description: 'A concrete goal of a new programme.',
  fields: (t) => ({
    title: t.string({ description: 'What should change.' }),
    indicator: t.string({
      required: false,
      description:
        'Required: how achievement is measured. Optional in the schema only so that a goal without it is ' +
        'refused with a message naming this field.',
    }),
    targetDate: t.field({
      type: 'Date',
      required: false,
      description:
        'Required: by when, inside the programme’s period. Optional in the schema only so that a goal ' +
        'without it is refused with a message naming this field.',
    }),
  }),
});

const abstract = 'a goal without a measurable indicator and a target date is abstract and is refused';

export const goalSchema = z.object({
  title: field.text(300),
  indicator: field.text(500, `is required: ${abstract}`),
  targetDate: z.date({ error: `is required: ${abstract}` }),
});
