import {
  type Access,
  badInput,
  field,
  isoDate,
  type PersonalDataOptions,
  parseInput,
  present,
  today,
  transaction,
} from '@kdn/platform';
import {
  type CuratorAssignment as AssignmentRecord,
  type PrismaClient,
  VisitKind,
  type Visit as VisitRecord,
} from '@kdn/prisma/curation';
import { z } from 'zod';
import { isActiveOn } from './active-assignments.ts';
import type { AgencyDirectory } from './agency-directory.ts';
import { CuratorAssignment, familyOfAssignment } from './assignment.ts';
import { builder } from './builder.ts';
import type { CurationContext } from './context.ts';
import { Curator } from './curator.ts';
import type { HomeVisitMonth as HomeVisitMonthShape } from './home-visits.ts';
import { Agency, Family } from './references.ts';

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

export const Visit = builder.objectRef<VisitRecord>('Visit');

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
      loaders.homeVisitMonths.load({ id: assignment.id, day: asOf ?? today() }),
  }),
  lastHomeVisitOn: t.field({
    type: 'Date',
    nullable: true,
    description: 'The day of the last home or interagency visit up to the given day; null when none yet.',
    args: { asOf: t.arg({ type: 'Date', required: false, description: 'The day; today when omitted.' }) },
    resolve: async (assignment, { asOf }, { loaders }) =>
      (await loaders.homeVisitStatus.load({ id: assignment.id, day: asOf ?? today() }))?.lastHomeVisit ??
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
      return (await loaders.homeVisitStatus.load({ id: assignment.id, day }))?.dueBy ?? null;
    },
  }),
  overdue: t.boolean({
    description: 'Whether the assignment holds on the given day and its home visit was due before it.',
    args: { asOf: t.arg({ type: 'Date', required: false, description: 'The day; today when omitted.' }) },
    resolve: async (assignment, { asOf }, { loaders }) => {
      const day = asOf ?? today();
      if (!isActiveOn(assignment, day)) return false;
      const status = await loaders.homeVisitStatus.load({ id: assignment.id, day });
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
    assignmentId: t.id({ description: 'The assignment the visit was made under.' }),
    curatorId: t.id({ description: 'The curator recording the visit: the assignment’s curator.' }),
    visitedOn: t.field({
      type: 'Date',
      description: 'The day of the visit, within the assignment, not in the future.',
    }),
    kind: t.field({ type: VisitKindEnum, description: 'What kind of visit.' }),
    participatingAgencyIds: t.idList({
      required: false,
      description: 'The other agencies whose specialists took part; at least one for an interagency visit.',
    }),
    discussed: t.string({ description: 'What was discussed.' }),
    recommendations: t.string({ required: false, description: 'Recommendations given.' }),
    situationNote: t.string({ required: false, description: 'How the family’s situation was found.' }),
  }),
});

const recordVisitSchema = z
  .object({
    assignmentId: field.id(),
    curatorId: field.id(),
    visitedOn: field.pastDate(),
    kind: z.enum(VisitKind),
    participatingAgencyIds: z
      .array(field.id())
      .max(20, 'must name at most 20 agencies')
      .refine((ids) => new Set(ids).size === ids.length, 'names an agency twice')
      .nullish()
      .transform((ids) => ids ?? []),
    discussed: field.text(4000),
    recommendations: field.text(4000).nullish(),
    situationNote: field.text(4000).nullish(),
  })
  // clause 4.2: an interagency visit is made with specialists of other agencies
  .refine((input) => input.kind !== 'INTERAGENCY' || input.participatingAgencyIds.length > 0, {
    path: ['participatingAgencyIds'],
    message: 'must name the agencies taking part in an interagency visit',
  });

builder.mutationField('recordVisit', (t) =>
  t.field({
    type: Visit,
    description:
      'Records a curator’s visit to their ward (clauses 2.3, 4.2): the curator itself, for its current ward, or the ' +
      'commission of the ward’s district.',
    args: { input: t.arg({ type: RecordVisitInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { db, agencies, access }) =>
      recordVisit(db, agencies, access, parseInput(recordVisitSchema, input)),
  }),
);

/** A curator records the visits it made itself to its current wards; the commission records any of its district. */
function recordsVisit(access: Access, assignment: AssignmentRecord, curatorId: string): boolean {
  const own = access.principal.role === 'CURATOR' && access.principal.curatorId === curatorId;
  if (own && assignment.curatorId === curatorId && isActiveOn(assignment, today())) return true;
  return access.writesCasesOf(assignment.districtCode);
}

async function recordVisit(
  db: PrismaClient,
  agencies: AgencyDirectory,
  access: Access,
  { assignmentId, curatorId, participatingAgencyIds, ...visit }: z.output<typeof recordVisitSchema>,
) {
  const curatorItself = access.principal.role === 'CURATOR' && access.principal.curatorId === curatorId;
  access.require(access.writesCasesSomewhere() || curatorItself, 'recording a visit another curator made');
  const participants = await agencies.lookUp(participatingAgencyIds);
  return transaction(db, async (tx) => {
    const found = await tx.curatorAssignment.findUnique({ where: { id: assignmentId } });
    if (!found) throw badInput('input.assignmentId', 'no assignment with this id');
    // A share lock on the ward: a replacement or end of the assignment waits for this visit, and then sees it.
    await tx.$queryRaw`SELECT 1 FROM "Ward" WHERE "familyId" = ${found.familyId}::uuid FOR SHARE`;
    const assignment = await tx.curatorAssignment.findUniqueOrThrow({ where: { id: assignmentId } });
    access.require(recordsVisit(access, assignment, curatorId), 'recording a visit to a ward not your own');
    // A visit is the patronage of the assignment's curator over their ward (clause 2.3), while it lasts.
    if (curatorId !== assignment.curatorId) {
      throw badInput('input.curatorId', 'is not the curator of this assignment');
    }
    if (visit.visitedOn < assignment.startedOn) {
      throw badInput(
        'input.visitedOn',
        `must not be before the assignment started on ${isoDate(assignment.startedOn)}`,
      );
    }
    if (assignment.endedOn && visit.visitedOn >= assignment.endedOn) {
      throw badInput(
        'input.visitedOn',
        `must be before the assignment ended on ${isoDate(assignment.endedOn)}`,
      );
    }
    participants.forEach((agency, index) => {
      const path = `input.participatingAgencyIds[${index}]`;
      if (!agency) throw badInput(path, 'no agency with this id');
      if (agency.districtCode !== assignment.districtCode) {
        throw badInput(path, `is an agency of another district (${agency.districtCode})`);
      }
    });
    return tx.visit.create({
      data: {
        ...visit,
        assignmentId,
        curatorId,
        familyId: assignment.familyId,
        participatingAgencyIds,
        recommendations: visit.recommendations ?? null,
        situationNote: visit.situationNote ?? null,
      },
    });
  });
}
