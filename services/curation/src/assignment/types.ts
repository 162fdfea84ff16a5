import { defineResolution, field, inputRule, isUuid, present, today } from '@kdn/platform';
import {
  type AssignedMinor as AssignedMinorRecord,
  AssignmentEnd,
  ReplacementReason,
} from '@kdn/prisma/curation';
import { Agency } from '../agency/refs.ts';
import { builder } from '../builder.ts';
import type { CurationLoaders } from '../context.ts';
import { Curator } from '../curator/refs.ts';
import { District } from '../district/refs.ts';
import { Family, Minor, Registration } from '../register/refs.ts';
import { Ward } from '../ward/refs.ts';
import { familyOfAssignment } from './access.ts';
import {
  assignCurator,
  endAssignment,
  type ReplaceInput,
  replaceCurator,
  syncAssignedMinors,
} from './changes.ts';
import { isActiveOn } from './figures.ts';
import { CuratorAssignment } from './refs.ts';

const Resolution = defineResolution(builder);

const ResolutionInput = builder.inputType('ResolutionInput', {
  description: 'A commission’s resolution.',
  fields: (t) => ({
    number: t.string({ validate: field.text(50), description: 'Number of the resolution.' }),
    date: t.field({ type: 'Date', validate: field.pastDate(), description: 'Date of the resolution.' }),
  }),
});

const ReplacementReasonEnum = builder.enumType(ReplacementReason, {
  name: 'ReplacementReason',
  description: 'The only grounds on which a curator may be replaced (замена куратора, clause 1.9).',
  values: {
    SOCIAL_PROTECTION_PETITION: {
      description:
        'Petition of the social protection centre: the curator has no authority with the ward or organises the work poorly.',
    },
    CURATOR_PETITION: { description: 'The curator’s own reasoned petition (обоснованное ходатайство).' },
    WARD_REQUEST: { description: 'Request of the minor or the family.' },
    PROBLEM_CHANGED: { description: 'The specifics of the ward’s problems changed.' },
    STAFF_CHANGE: { description: 'A change of staff (изменение кадрового состава).' },
  },
});

const AssignmentEndEnum = builder.enumType(AssignmentEnd, {
  name: 'AssignmentEnd',
  description: 'How an assignment of a curator ended.',
  values: {
    REPLACED: { description: 'Another curator was assigned in this one’s place (clause 1.9).' },
    WORK_COMPLETED: {
      description:
        'The individual work ended and the curator presented its results to the commission (clause 6.4).',
    },
    REGISTRATION_CLOSED: {
      description:
        'The commission took the family off the register: the assignment ends on the closing day, by the closing resolution.',
    },
  },
});

const AssignedMinor = builder.objectRef<AssignedMinorRecord>('AssignedMinor').implement({
  description: 'A minor of the ward named in an assignment, from the day they were put on the register.',
  fields: (t) => ({
    minor: t.field({
      type: Minor,
      nullable: true,
      description: 'The minor.',
      resolve: (entry) => ({ id: entry.minorId }),
    }),
    addedOn: t.field({
      type: 'Date',
      description: 'The day the minor was put on the register.',
      resolve: (entry) => entry.addedOn,
    }),
  }),
});

CuratorAssignment.implement({
  description:
    'A curator assigned to a ward by a commission resolution (закрепление куратора, clause 1.2), active from ' +
    '`startedOn` up to the day before `endedOn`.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of the assignment.' }),
    ward: t.field({
      type: Ward,
      description: 'The ward.',
      resolve: (assignment, _args, { loaders }) => present(loaders.ward.load(assignment.familyId), 'ward'),
    }),
    family: t.field({
      type: Family,
      nullable: true,
      description: 'The family curated.',
      resolve: (assignment) => ({ id: assignment.familyId }),
    }),
    registration: t.field({
      type: Registration,
      nullable: true,
      description: 'The family’s registration the assignment was made on.',
      resolve: (assignment) => ({ id: assignment.registrationId }),
    }),
    district: t.field({
      type: District,
      nullable: true,
      description: 'The district whose commission keeps the family on its register.',
      resolve: (assignment) => ({ code: assignment.districtCode }),
    }),
    curator: t.field({
      type: Curator,
      nullable: true,
      description: 'The curator; null when you may not see them (a curator sees only itself).',
      resolve: (assignment, _args, { loaders }) => loaders.curator.load(assignment.curatorId),
    }),
    agency: t.field({
      type: Agency,
      nullable: true,
      description: 'The curator’s agency.',
      resolve: async (assignment, _args, { loaders }) => {
        const curator = await present(loaders.curatorOfRecord.load(assignment.curatorId), 'curator');
        return { id: curator.agencyId };
      },
    }),
    resolution: t.field({
      type: Resolution,
      description: 'The commission’s resolution that assigned the curator.',
      resolve: (assignment) => ({ number: assignment.resolutionNumber, date: assignment.resolutionDate }),
    }),
    startedOn: t.field({
      type: 'Date',
      description: 'The first day of the assignment.',
      resolve: (assignment) => assignment.startedOn,
    }),
    endedOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'The day it ended, the first day it no longer holds; null while it lasts.',
      resolve: (assignment) => assignment.endedOn,
    }),
    active: t.boolean({
      description: 'Whether the assignment holds on the given day (today by default).',
      args: { on: t.arg({ type: 'Date', required: false, description: 'The day; today when omitted.' }) },
      resolve: (assignment, { on }) => isActiveOn(assignment, on ?? today()),
    }),
    endKind: t.field({
      type: AssignmentEndEnum,
      nullable: true,
      description: 'How it ended; null while it lasts.',
      resolve: (assignment) => assignment.endKind,
    }),
    endResolution: t.field({
      type: Resolution,
      nullable: true,
      description: 'The resolution that took the family off the register, when that ended the assignment.',
      resolve: ({ endResolutionNumber: number, endResolutionDate: date }) =>
        number && date ? { number, date } : null,
    }),
    replacementReason: t.field({
      type: ReplacementReasonEnum,
      nullable: true,
      description:
        'Why the curator was replaced, when they were: the family’s request or its changed problems among them.',
      personalData: { family: familyOfAssignment, needs: 'full' },
      resolve: (assignment) => assignment.replacementReason,
    }),
    endNote: t.exposeString('endNote', {
      nullable: true,
      personalData: { family: familyOfAssignment, needs: 'full' },
      description:
        'On replacement, what grounded it; at the end of the work, the results presented and the proposals made.',
    }),
    minors: t.field({
      type: [AssignedMinor],
      description:
        'The minors of the ward the registration names, in the order they were put on the register.',
      resolve: (assignment, _args, { loaders }) => loaders.minorsOfAssignment.load(assignment.id),
    }),
  }),
});

builder.asEntity(CuratorAssignment, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, { loaders }) => (isUuid(id) ? loaders.assignment.load(id) : null),
});

builder.queryField('curatorAssignment', (t) =>
  t.field({
    type: CuratorAssignment,
    nullable: true,
    description: 'One assignment by identifier; null when there is none or you may not see it.',
    args: { id: t.arg.id({ description: 'The assignment’s identifier.' }) },
    resolve: (_root, { id }, { loaders }) => (isUuid(id) ? loaders.assignment.load(id) : null),
  }),
);

builder.objectFields(Family, (t) => ({
  curatorAssignments: t.field({
    type: [CuratorAssignment],
    nullable: true,
    description:
      'Every curator the family has had, the latest first: the history of assignments and replacements.',
    resolve: (family, _args, { loaders }) => loaders.assignmentsOfFamily.load(family.id),
  }),
  currentAssignment: t.field({
    type: CuratorAssignment,
    nullable: true,
    description: 'The assignment that holds on the given day (today by default); null when none does.',
    args: { asOf: t.arg({ type: 'Date', required: false, description: 'The day; today when omitted.' }) },
    resolve: (family, { asOf }, { loaders }) => assignmentOn(family.id, asOf ?? today(), loaders),
  }),
  currentCurator: t.field({
    type: Curator,
    nullable: true,
    description:
      'The family’s curator on the given day (today by default); null when it has none or you may not see them.',
    args: { asOf: t.arg({ type: 'Date', required: false, description: 'The day; today when omitted.' }) },
    resolve: async (family, { asOf }, { loaders }) => {
      const current = await assignmentOn(family.id, asOf ?? today(), loaders);
      return current ? loaders.curator.load(current.curatorId) : null;
    },
  }),
}));

async function assignmentOn(familyId: string, day: Date, loaders: CurationLoaders) {
  const assignments = await loaders.assignmentsOfFamily.load(familyId);
  return assignments.find((assignment) => isActiveOn(assignment, day)) ?? null;
}

builder.objectFields(Curator, (t) => ({
  assignments: t.field({
    type: [CuratorAssignment],
    description: 'The curator’s assignments, the latest first; only those holding on `activeOn` when given.',
    args: {
      activeOn: t.arg({
        type: 'Date',
        required: false,
        description: 'Only assignments holding on this day.',
      }),
    },
    resolve: async (curator, { activeOn }, { loaders }) => {
      const assignments = await loaders.assignmentsOfCurator.load(curator.id);
      return activeOn ? assignments.filter((assignment) => isActiveOn(assignment, activeOn)) : assignments;
    },
  }),
  wards: t.field({
    type: [Family],
    nullable: true,
    description: 'The families the curator curates on the given day (today by default).',
    args: { asOf: t.arg({ type: 'Date', required: false, description: 'The day; today when omitted.' }) },
    resolve: async (curator, { asOf }, { loaders }) =>
      (await loaders.assignmentsOfCurator.load(curator.id))
        .filter((assignment) => isActiveOn(assignment, asOf ?? today()))
        .map((assignment) => ({ id: assignment.familyId })),
  }),
}));

const AssignCuratorInput = builder.inputType('AssignCuratorInput', {
  description: 'A commission’s resolution assigning a curator to a family on the register (clause 1.2).',
  fields: (t) => ({
    familyId: t.id({
      validate: field.id(),
      description: 'The family; it must be on the register on the resolution’s date.',
    }),
    curatorId: t.id({
      validate: field.id(),
      description: 'An active curator of an agency of the family’s district.',
    }),
    resolution: t.field({
      type: ResolutionInput,
      description: 'The resolution; its date is the assignment’s first day.',
    }),
  }),
});

const ReplaceCuratorInput = builder.inputType('ReplaceCuratorInput', {
  description: 'A commission’s resolution replacing a family’s curator (clause 1.9).',
  fields: (t) => ({
    familyId: t.id({ validate: field.id(), description: 'The family.' }),
    version: t.int({
      validate: field.version(),
      description: 'The ward’s version last read (`Family.ward.version`); a stale one gets `CONFLICT`.',
    }),
    curatorId: t.id({ validate: field.id(), description: 'The new curator.' }),
    reason: t.field({ type: ReplacementReasonEnum, description: 'Why the curator is replaced.' }),
    resolution: t.field({
      type: ResolutionInput,
      description: 'The resolution; on its date the old assignment ends and the new one starts.',
    }),
    note: t.string({
      required: false,
      validate: field.text(2000),
      description: 'What grounded the replacement; required for the curator’s own petition.',
    }),
  }),
  // clause 1.9: the curator's own petition must be reasoned
  validate: inputRule<ReplaceInput>(
    'note',
    'is required when the curator petitions: state the grounds',
    (input) => input.reason !== 'CURATOR_PETITION' || Boolean(input.note),
  ),
});

const EndCuratorAssignmentInput = builder.inputType('EndCuratorAssignmentInput', {
  description:
    'The end of the individual work with a ward, its results heard by the commission (clause 6.4).',
  fields: (t) => ({
    familyId: t.id({ validate: field.id(), description: 'The family.' }),
    version: t.int({
      validate: field.version(),
      description: 'The ward’s version last read; a stale one gets `CONFLICT`.',
    }),
    endedOn: t.field({
      type: 'Date',
      validate: field.pastDate(),
      description: 'The day the commission heard the results.',
    }),
    results: t.string({
      validate: field.text(4000),
      description: 'The results the curator presented, and their proposals.',
    }),
  }),
});

const SyncAssignedMinorsInput = builder.inputType('SyncAssignedMinorsInput', {
  description: 'A family whose registration has named more minors since its curator was assigned.',
  fields: (t) => ({
    familyId: t.id({ validate: field.id(), description: 'The family.' }),
    version: t.int({
      validate: field.version(),
      description: 'The ward’s version last read; a stale one gets `CONFLICT`.',
    }),
  }),
});

builder.mutationFields((t) => ({
  assignCurator: t.field({
    type: CuratorAssignment,
    description: 'Assigns a curator to a family on the register that has none (clause 1.2).',
    args: { input: t.arg({ type: AssignCuratorInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { db, register, access }) => assignCurator(db, register, access, input),
  }),
  replaceCurator: t.field({
    type: CuratorAssignment,
    description:
      'Replaces a family’s curator: ends the current assignment with the reason and opens the new one, at once.',
    args: { input: t.arg({ type: ReplaceCuratorInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { db, register, access }) => replaceCurator(db, register, access, input),
  }),
  syncAssignedMinors: t.field({
    type: CuratorAssignment,
    description:
      'Names in the family’s current assignment the minors its registration has gained since the curator was ' +
      'assigned (`addMinorToRegistration`), each from the day they were put on the register.',
    args: { input: t.arg({ type: SyncAssignedMinorsInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { db, register, access }) => syncAssignedMinors(db, register, access, input),
  }),
  endCuratorAssignment: t.field({
    type: CuratorAssignment,
    description: 'Ends the current assignment of a family’s curator when the work is completed (clause 6.4).',
    args: { input: t.arg({ type: EndCuratorAssignmentInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { db, access }) => endAssignment(db, access, input),
  }),
}));
