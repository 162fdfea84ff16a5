import { field, inputRule, type PersonalDataOptions, present, today } from '@kdn/platform';
import { VisitKind, type Visit as VisitRecord } from '@kdn/prisma/curation';
import { z } from 'zod';
import { Agency } from '../agency/refs.ts';
import { familyOfAssignment } from '../assignment/access.ts';
import { isActiveOn } from '../assignment/figures.ts';
import { CuratorAssignment } from '../assignment/refs.ts';
import { builder } from '../builder.ts';
import type { CurationContext } from '../context.ts';
import { Curator } from '../curator/refs.ts';
import { Family } from '../register/refs.ts';
import { type NewVisit, recordVisit } from './changes.ts';
import type { HomeVisitMonth as HomeVisitMonthShape } from './figures.ts';

const VisitKindEnum = builder.enumType(VisitKind, {
  name: 'VisitKind',
  description: 'Kinds of visits to a ward (патронаж).',
  values: {
    HOME: {
      description: 'The curator’s visit to the ward’s home (посещение по месту жительства, clause 2.3).',
    },
    INTERAGENCY: {
      description:
        'An interagency visit to the ward’s home with specialists of other agencies (межведомственное посещение, clause 4.2).',
    },
    OTHER: { description: 'Any other meeting with the ward: at school, at the agency, by invitation.' },
  },
});

const Visit = builder.objectRef<VisitRecord>('Visit');

/**
 * What was said and found on a visit is the family's personal data: read only with full access to
 * its case, never by the agencies that see the visits of their curators' wards to follow them.
 */
const visitContent: PersonalDataOptions<VisitRecord, CurationContext> = {
  needs: 'full',
  // The visit's assignment is seen whenever the visit is: loaded with the others asked in the same tick.
  family: async (visit, { loaders }) =>
    familyOfAssignment(await present(loaders.assignment.load(visit.assignmentId), 'assignment')),
};

Visit.implement({
  description:
    'A curator’s visit to a ward (патронаж): what was discussed and recommended, and how the family was found.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of the visit.' }),
    assignment: t.field({
      type: CuratorAssignment,
      description: 'The assignment the visit was made under.',
      resolve: (visit, _args, { loaders }) =>
        present(loaders.assignment.load(visit.assignmentId), 'assignment'),
    }),
    curator: t.field({
      type: Curator,
      nullable: true,
      description:
        'The curator who made the visit; null when you may not see them (a curator sees only itself).',
      resolve: (visit, _args, { loaders }) => loaders.curator.load(visit.curatorId),
    }),
    family: t.field({
      type: Family,
      nullable: true,
      description: 'The family visited.',
      resolve: (visit) => ({ id: visit.familyId }),
    }),
    visitedOn: t.field({
      type: 'Date',
      description: 'The day of the visit.',
      resolve: (visit) => visit.visitedOn,
    }),
    kind: t.field({
      type: VisitKindEnum,
      description: 'What kind of visit.',
      resolve: (visit) => visit.kind,
    }),
    participatingAgencies: t.field({
      type: [Agency],
      nullable: true,
      description: 'The other agencies whose specialists took part.',
      resolve: (visit) => visit.participatingAgencyIds.map((id) => ({ id })),
    }),
    discussed: t.exposeString('discussed', {
      personalData: visitContent,
      description: 'What was discussed (профилактическая беседа).',
    }),
    recommendations: t.exposeString('recommendations', {
      nullable: true,
      personalData: visitContent,
      description: 'Recommendations given for resolving the difficult situation.',
    }),
    situationNote: t.exposeString('situationNote', {
      nullable: true,
      personalData: visitContent,
      description: 'How the curator found the family’s situation (мониторинг, clause 2.9).',
    }),
  }),
});

const HomeVisitMonth = builder.objectRef<HomeVisitMonthShape>('HomeVisitMonth').implement({
  description:
    'A calendar month of an assignment with the home visits made in it (clause 2.3: at least one).',
  fields: (t) => ({
    month: t.field({
      type: 'Date',
      description: 'The first day of the month.',
      resolve: (month) => month.month,
    }),
    homeVisits: t.exposeInt('homeVisits', { description: 'Home and interagency visits made in the month.' }),
    visited: t.boolean({
      description: 'Whether the month had a home visit.',
      resolve: (month) => month.homeVisits > 0,
    }),
  }),
});

builder.objectFields(CuratorAssignment, (t) => ({
  visits: t.field({
    type: [Visit],
    description: 'The visits made under the assignment, the latest first.',
    resolve: (assignment, _args, { loaders }) => loaders.visitsOfAssignment.load(assignment.id),
  }),
  homeVisitMonths: t.field({
    type: [HomeVisitMonth],
    description:
      'Every calendar month of the assignment up to the given day (today by default), each with its home visits: ' +
      'a month without one is a month missed (clause 2.3).',
    args: { asOf: t.arg({ type: 'Date', required: false, description: 'The day; today when omitted.' }) },
    resolve: (assignment, { asOf }, { loaders }) =>
      loaders.homeVisitMonths.load({ key: assignment.id, params: asOf ?? today() }),
  }),
  lastHomeVisitOn: t.field({
    type: 'Date',
    nullable: true,
    description: 'The day of the last home or interagency visit up to the given day; null when none yet.',
    args: { asOf: t.arg({ type: 'Date', required: false, description: 'The day; today when omitted.' }) },
    resolve: async (assignment, { asOf }, { loaders }) =>
      (await loaders.homeVisitStatus.load({ key: assignment.id, params: asOf ?? today() }))?.lastHomeVisit ??
      null,
  }),
  homeVisitDueBy: t.field({
    type: 'Date',
    nullable: true,
    description:
      'The day the next home visit is due by, as of the given day: the last day of the month after the last home ' +
      'visit’s month, or of the assignment’s first month before any. Null when the assignment does not hold that day.',
    args: { asOf: t.arg({ type: 'Date', required: false, description: 'The day; today when omitted.' }) },
    resolve: async (assignment, { asOf }, { loaders }) => {
      const day = asOf ?? today();
      if (!isActiveOn(assignment, day)) return null;
      return (await loaders.homeVisitStatus.load({ key: assignment.id, params: day }))?.dueBy ?? null;
    },
  }),
  overdue: t.boolean({
    description: 'Whether the assignment holds on the given day and its home visit was due before it.',
    args: { asOf: t.arg({ type: 'Date', required: false, description: 'The day; today when omitted.' }) },
    resolve: async (assignment, { asOf }, { loaders }) => {
      const day = asOf ?? today();
      if (!isActiveOn(assignment, day)) return false;
      const status = await loaders.homeVisitStatus.load({ key: assignment.id, params: day });
      return status !== null && status.dueBy < day;
    },
  }),
}));

builder.objectField(Family, 'visits', (t) =>
  t.field({
    type: [Visit],
    nullable: true,
    description: 'Every visit to the family by its curators, the latest first.',
    resolve: (family, _args, { loaders }) => loaders.visitsOfFamily.load(family.id),
  }),
);

const RecordVisitInput = builder.inputType('RecordVisitInput', {
  description: 'A visit the curator made to their ward.',
  fields: (t) => ({
    assignmentId: t.id({ validate: field.id(), description: 'The assignment the visit was made under.' }),
    curatorId: t.id({
      validate: field.id(),
      description: 'The curator recording the visit: the assignment’s curator.',
    }),
    visitedOn: t.field({
      type: 'Date',
      validate: field.pastDate(),
      description: 'The day of the visit, within the assignment, not in the future.',
    }),
    kind: t.field({ type: VisitKindEnum, description: 'What kind of visit.' }),
    participatingAgencyIds: t.idList({
      required: false,
      validate: z
        .array(field.id())
        .max(20, 'must name at most 20 agencies')
        .refine((ids) => new Set(ids).size === ids.length, 'names an agency twice'),
      description: 'The other agencies whose specialists took part; at least one for an interagency visit.',
    }),
    discussed: t.string({ validate: field.text(4000), description: 'What was discussed.' }),
    recommendations: t.string({
      required: false,
      validate: field.text(4000),
      description: 'Recommendations given.',
    }),
    situationNote: t.string({
      required: false,
      validate: field.text(4000),
      description: 'How the family’s situation was found.',
    }),
  }),
  // clause 4.2: an interagency visit is made with specialists of other agencies
  validate: inputRule<NewVisit>(
    'participatingAgencyIds',
    'must name the agencies taking part in an interagency visit',
    (input) => input.kind !== 'INTERAGENCY' || Boolean(input.participatingAgencyIds?.length),
  ),
});

builder.mutationField('recordVisit', (t) =>
  t.field({
    type: Visit,
    description:
      'Records a curator’s visit to their ward (clauses 2.3, 4.2): the curator itself, for its current ward, or the ' +
      'commission of the ward’s district.',
    args: { input: t.arg({ type: RecordVisitInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { db, agencies, access }) => recordVisit(db, agencies, access, input),
  }),
);
