import { visibleMeasures } from '../measure/access.ts';
import { Measure } from '../measure/refs.ts';
import { familyOfRecord } from '../programme/access.ts';
import { programmeOf } from '../programme/figures.ts';
import { Programme } from '../programme/refs.ts';
import { ProgrammeGoal } from './refs.ts';

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
