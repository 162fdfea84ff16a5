import { present } from '@kdn/platform';
import type { ProgrammeChange as ChangeRecord, MeasureCategory } from '@kdn/prisma/programmes';
import { seesMeasure } from './access.ts';
import { builder } from './builder.ts';
import { ChangeDecisionEnum, ChangeKindEnum, MeasureCategoryEnum } from './enums.ts';
import { Agency, Curator } from './external.ts';
import { ProgrammeGoal } from './goal.ts';
import { Measure } from './measure.ts';
import { WorkingGroupMeeting } from './meeting.ts';
import { familyOfRecord, Programme, programmeOf, visibleMeeting } from './programme.ts';

export const ProgrammeChange = builder.objectRef<ChangeRecord>('ProgrammeChange');

/** The measure a MEASURE_ADDED or AGENCY_INVOLVED change brings into the programme. */
interface ProposedMeasureShape {
  goalId: string;
  title: string;
  category: MeasureCategory;
  agencyId: string;
  deadline: Date;
  priority: boolean;
}

export function proposedMeasureOf(change: ChangeRecord): ProposedMeasureShape | null {
  const { goalId, measureTitle, measureCategory, agencyId, measureDeadline, priority } = change;
  if (!goalId || !measureTitle || !measureCategory || !agencyId || !measureDeadline) return null;
  return {
    goalId,
    title: measureTitle,
    category: measureCategory,
    agencyId,
    deadline: measureDeadline,
    priority: priority ?? false,
  };
}

const ProposedMeasure = builder
  .objectRef<ProposedMeasureShape & { programmeId: string }>('ProposedMeasure')
  .implement({
    description: 'The new measure a change proposes to include (clause 3.4).',
    fields: (t) => ({
      goal: t.field({
        type: ProgrammeGoal,
        description: 'The goal it would serve.',
        resolve: (measure, _args, { loaders }) => present(loaders.goal.load(measure.goalId), 'goal'),
      }),
      title: t.exposeString('title', {
        description: 'What is to be done.',
        personalData: { family: familyOfRecord, needs: 'minimal' },
      }),
      category: t.field({
        type: MeasureCategoryEnum,
        description: 'What kind of help.',
        resolve: (m) => m.category,
      }),
      agency: t.field({
        type: Agency,
        nullable: true,
        description: 'The agency that would be responsible.',
        resolve: (measure) => ({ id: measure.agencyId }),
      }),
      deadline: t.field({ type: 'Date', description: 'By when.', resolve: (measure) => measure.deadline }),
      priority: t.exposeBoolean('priority', { description: 'Whether it would join the priority plan.' }),
    }),
  });

ProgrammeChange.implement({
  description:
    'A change to a programme (изменение программы) the curator proposes to the working group, and its decision ' +
    '(clause 3.4). An accepted change is applied to the programme in the same transaction as the decision.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of the change.' }),
    programme: t.field({
      type: Programme,
      description: 'The programme to change.',
      resolve: (change, _args, { loaders }) => programmeOf(change, loaders),
    }),
    kind: t.field({
      type: ChangeKindEnum,
      description: 'Which of the four changes.',
      resolve: (c) => c.kind,
    }),
    measure: t.field({
      type: Measure,
      nullable: true,
      description:
        'The measure concerned: the one reprioritised or excluded, or the one included once the change was accepted.',
      resolve: async (change, _args, { loaders, access }) => {
        const measure = change.measureId ? await loaders.measure.load(change.measureId) : null;
        return measure && seesMeasure(access, measure) ? measure : null;
      },
    }),
    priority: t.boolean({
      nullable: true,
      description: 'For PRIORITY_CHANGED: whether the measure is to be in the priority plan.',
      resolve: (change) => (change.kind === 'PRIORITY_CHANGED' ? change.priority : null),
    }),
    proposedMeasure: t.field({
      type: ProposedMeasure,
      nullable: true,
      description: 'For MEASURE_ADDED and AGENCY_INVOLVED: the measure proposed.',
      resolve: (change) => {
        const proposed = proposedMeasureOf(change);
        return proposed && { ...proposed, programmeId: change.programmeId };
      },
    }),
    proposedBy: t.field({
      type: Curator,
      nullable: true,
      description: 'The curator who proposed it: the programme’s curator at the time.',
      resolve: (change) => ({ id: change.proposedById }),
    }),
    proposedOn: t.field({
      type: 'Date',
      description: 'The day it was proposed.',
      resolve: (c) => c.proposedOn,
    }),
    rationale: t.exposeString('rationale', {
      description: 'Why: the family’s dynamics and the measures’ effectiveness that call for it.',
      personalData: { family: familyOfRecord },
    }),
    decision: t.field({
      type: ChangeDecisionEnum,
      description: 'What the working group decided.',
      resolve: (change) => change.decision,
    }),
    meeting: t.field({
      type: WorkingGroupMeeting,
      nullable: true,
      description:
        'The meeting that decided; null while proposed, and for those who do not see its protocol.',
      resolve: (change, _args, { loaders, access }) =>
        change.meetingId ? visibleMeeting(loaders.meeting.load(change.meetingId), access) : null,
    }),
  }),
});
