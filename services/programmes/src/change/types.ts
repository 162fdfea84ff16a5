import { field } from '@kdn/platform';
import { ChangeDecision, ChangeKind } from '@kdn/prisma/programmes';
import { z } from 'zod';
import { builder } from '../builder.ts';
import { seesMeasure } from '../measure/access.ts';
import { Measure, measureInputFields, ProposedMeasure, withPriorityDefault } from '../measure/refs.ts';
import { visibleMeeting } from '../meeting/access.ts';
import { WorkingGroupMeeting } from '../meeting/refs.ts';
import { familyOfRecord } from '../programme/access.ts';
import { programmeOf } from '../programme/figures.ts';
import { Programme } from '../programme/refs.ts';
import { Curator } from '../shared/refs.ts';
import { decideChange, proposeChange } from './changes.ts';
import { proposedMeasureOf } from './figures.ts';
import { ProgrammeChange } from './refs.ts';
import { checkKind, type Proposal } from './rules.ts';

const ChangeKindEnum = builder.enumType(ChangeKind, {
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

const ChangeDecisionEnum = builder.enumType(ChangeDecision, {
  name: 'ChangeDecision',
  description: 'What the working group decided on a proposed change.',
  values: {
    PROPOSED: { description: 'Proposed by the curator, awaiting a meeting (предложено).' },
    ACCEPTED: { description: 'Accepted at a meeting and applied to the programme (принято).' },
    REJECTED: { description: 'Rejected at a meeting (отклонено).' },
  },
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

const ProposedMeasureInput = withPriorityDefault(
  builder.inputType('ProposedMeasureInput', {
    description: 'A measure to include in an approved programme.',
    fields: (t) => ({
      goalId: t.id({ validate: field.id(), description: 'The programme’s goal it serves.' }),
      ...measureInputFields(t),
    }),
  }),
);

const ProposeChangeInput = builder.inputType('ProposeProgrammeChangeInput', {
  description: 'A change the curator proposes to the working group (clause 3.4).',
  fields: (t) => ({
    programmeId: t.id({ validate: field.id(), description: 'The programme, APPROVED or UNDER_REVIEW.' }),
    kind: t.field({ type: ChangeKindEnum, description: 'Which of the four changes.' }),
    proposedOn: t.field({
      type: 'Date',
      validate: field.pastDate(),
      description: 'The day it is proposed, inside the programme’s period.',
    }),
    rationale: t.string({
      validate: field.text(2000),
      description: 'Why: the family’s dynamics and the measures’ effectiveness.',
    }),
    measureId: t.id({
      required: false,
      validate: field.id(),
      description: 'For PRIORITY_CHANGED and MEASURE_EXCLUDED: an open measure.',
    }),
    priority: t.boolean({ required: false, description: 'For PRIORITY_CHANGED: the new priority.' }),
    measure: t.field({
      type: ProposedMeasureInput,
      required: false,
      description: 'For MEASURE_ADDED and AGENCY_INVOLVED: the measure to include.',
    }),
  }),
  validate: z.custom<Proposal>().superRefine(checkKind),
});

const DecideChangeInput = builder.inputType('DecideProgrammeChangeInput', {
  description: 'The working group’s decision on a proposed change.',
  fields: (t) => ({
    changeId: t.id({ validate: field.id(), description: 'The change, still PROPOSED.' }),
    meetingId: t.id({
      validate: field.id(),
      description: 'The meeting that decided; it must have reviewed the programme.',
    }),
    decision: t.field({
      type: ChangeDecisionEnum,
      validate: z.enum(['ACCEPTED', 'REJECTED'], { error: 'must be ACCEPTED or REJECTED' }),
      description: 'ACCEPTED or REJECTED.',
    }),
  }),
});

builder.mutationFields((t) => ({
  proposeProgrammeChange: t.field({
    type: ProgrammeChange,
    description:
      'The curator proposes a change to an approved programme (clause 3.4); the programme is UNDER_REVIEW until decided.',
    args: { input: t.arg({ type: ProposeChangeInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { db, references, access }) => proposeChange(db, references, access, input),
  }),
  decideProgrammeChange: t.field({
    type: ProgrammeChange,
    description: 'Records the working group’s decision on a change; an accepted change is applied at once.',
    args: { input: t.arg({ type: DecideChangeInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { db, access }) => decideChange(db, access, input),
  }),
}));
