import { badInput, field, forbidden, isoDate, isUuid, parseInput, present, transaction } from '@kdn/platform';
import type {
  WorkingGroupMeeting as MeetingRecord,
  Prisma,
  PrismaClient,
  MeetingReview as ReviewRecord,
} from '@kdn/prisma/programmes';
import { z } from 'zod';
import { readsProtocolText } from './access.ts';
import { builder } from './builder.ts';
import { ProgrammeChange } from './change.ts';
import type { ProgrammesContext } from './context.ts';
import { Agency, District, ResourceCentre } from './external.ts';
import { familyOfRecord, Programme, programmeOf, visibleMeeting } from './programme.ts';
import type { References } from './references.ts';
import { assertAgencyInCity } from './rules/responsible-agency.ts';
import { distinct, unlessTaken } from './validation.ts';

export const WorkingGroupMeeting = builder.objectRef<MeetingRecord>('WorkingGroupMeeting');
export const MeetingReview = builder.objectRef<ReviewRecord>('MeetingReview');

WorkingGroupMeeting.implement({
  description:
    'A meeting of the interagency working group (заседание МРГ) at a resource centre, recorded with a numbered ' +
    'protocol: who attended, what was decided, which programmes were reviewed. The protocol is the district ' +
    'commission’s (and integrators’ that read cases); others see a family’s reviews only.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of the meeting.' }),
    resourceCentre: t.field({
      type: ResourceCentre,
      nullable: true,
      description: 'The resource centre that hosted the meeting and keeps its protocol.',
      resolve: (meeting) => ({ id: meeting.resourceCentreId }),
    }),
    district: t.field({
      type: District,
      nullable: true,
      description: 'The district of the resource centre.',
      resolve: (meeting) => ({ code: meeting.districtCode }),
    }),
    heldOn: t.field({ type: 'Date', description: 'The day of the meeting.', resolve: (m) => m.heldOn }),
    protocolNumber: t.exposeString('protocolNumber', {
      description: 'Number of the protocol (протокол заседания), unique at the resource centre.',
    }),
    attendingAgencies: t.field({
      type: [Agency],
      description: 'The agencies whose specialists attended.',
      resolve: (meeting) => meeting.attendingAgencyIds.map((id) => ({ id })),
    }),
    decisions: t.string({
      description:
        'What the meeting decided, as the protocol records it. Personal data of the families reviewed: the ' +
        'commission and integrators allowed personal data read it, and every read is audited.',
      extensions: { personalData: 'full' },
      resolve: protocolText,
    }),
    reviews: t.field({
      type: [MeetingReview],
      description: 'The programmes reviewed, each with whether the family was invited and came.',
      resolve: (meeting, _args, { loaders }) => loaders.reviewsOfMeeting.load(meeting.id),
    }),
    changesDecided: t.field({
      type: [ProgrammeChange],
      description: 'The programme changes decided at the meeting (clause 3.4).',
      resolve: (meeting, _args, { loaders }) => loaders.changesDecidedAt.load(meeting.id),
    }),
    programmesApproved: t.field({
      type: [Programme],
      description: 'The programmes whose latest approval was given at this meeting.',
      resolve: (meeting, _args, { loaders }) => loaders.programmesApprovedAt.load(meeting.id),
    }),
  }),
});

MeetingReview.implement({
  description:
    'A programme reviewed at a working-group meeting. Families are invited to learn their programme there ' +
    '(clause 2.1; Resolution No. 2 counts it as good practice).',
  fields: (t) => ({
    meeting: t.field({
      type: WorkingGroupMeeting,
      nullable: true,
      description:
        'The meeting; null for those who do not see the district’s protocols (a curator, an agency).',
      resolve: (review, _args, { loaders, access }) =>
        visibleMeeting(present(loaders.meeting.load(review.meetingId), 'meeting'), access),
    }),
    programme: t.field({
      type: Programme,
      description: 'The programme reviewed.',
      resolve: (review, _args, { loaders }) => programmeOf(review, loaders),
    }),
    familyInvited: t.exposeBoolean('familyInvited', { description: 'Whether the family was invited.' }),
    familyAttended: t.exposeBoolean('familyAttended', { description: 'Whether the family came.' }),
    outcome: t.exposeString('outcome', {
      nullable: true,
      description: 'What the meeting concluded about the programme.',
      personalData: { family: familyOfRecord },
    }),
  }),
});

builder.objectField(ResourceCentre, 'meetings', (t) =>
  t.field({
    type: [WorkingGroupMeeting],
    nullable: true,
    description:
      'Working-group meetings held at the centre, oldest first: its protocols, recorded and counted. For the ' +
      'district’s commission and integrators that read cases; empty for others.',
    args: {
      from: t.arg({ type: 'Date', required: false, description: 'Only meetings on or after this day.' }),
      to: t.arg({ type: 'Date', required: false, description: 'Only meetings on or before this day.' }),
    },
    resolve: async (centre, { from, to }, { loaders }) => {
      if (!isUuid(centre.id)) return [];
      const meetings = await loaders.meetingsOfCentre.load(centre.id);
      return meetings.filter((meeting) => (!from || meeting.heldOn >= from) && (!to || meeting.heldOn <= to));
    },
  }),
);

builder.queryField('workingGroupMeeting', (t) =>
  t.field({
    type: WorkingGroupMeeting,
    nullable: true,
    description:
      'One working-group meeting by identifier; null when there is none, or its protocol is not yours.',
    args: { id: t.arg.id({ description: 'The meeting’s identifier.' }) },
    resolve: (_root, { id }, { loaders, access }) =>
      isUuid(id) ? visibleMeeting(loaders.meeting.load(id), access) : null,
  }),
);

/**
 * The protocol's text speaks of every family the meeting reviewed: read only by those who read their
 * personal data whole, and audited as a read of each (clause 3.1 of the curator regulation).
 */
async function protocolText(
  meeting: MeetingRecord,
  _args: object,
  { access, audit, loaders }: ProgrammesContext,
) {
  if (!readsProtocolText(access)) {
    throw forbidden('WorkingGroupMeeting.decisions is personal data of the families the meeting reviewed');
  }
  for (const { familyId } of await loaders.familiesReviewedAt.load(meeting.id)) {
    audit.read({ familyId }, 'WorkingGroupMeeting.decisions');
  }
  return meeting.decisions;
}

/**
 * The meeting's review of a programme, which approving the programme or deciding one of its changes
 * needs: a working group decides only on what it reviewed.
 */
export async function reviewAt(tx: Prisma.TransactionClient, meetingId: string, programmeId: string) {
  const review = await tx.meetingReview.findUnique({
    where: { meetingId_programmeId: { meetingId, programmeId } },
    include: { meeting: true },
  });
  if (review) return review;
  const held = await tx.workingGroupMeeting.count({ where: { id: meetingId } });
  throw badInput(
    'input.meetingId',
    held ? 'the meeting did not review this programme' : 'no meeting with this id',
  );
}

const MeetingReviewInput = builder.inputType('MeetingReviewInput', {
  description: 'A programme reviewed at the meeting.',
  fields: (t) => ({
    programmeId: t.id({ description: 'The programme.' }),
    familyInvited: t.boolean({ description: 'Whether the family was invited.' }),
    familyAttended: t.boolean({ description: 'Whether the family came.' }),
    outcome: t.string({ required: false, description: 'What the meeting concluded about the programme.' }),
  }),
});

const RecordMeetingInput = builder.inputType('RecordWorkingGroupMeetingInput', {
  description: 'The protocol of a working-group meeting.',
  fields: (t) => ({
    resourceCentreId: t.id({ description: 'The resource centre that hosted it.' }),
    heldOn: t.field({ type: 'Date', description: 'The day of the meeting; not in the future.' }),
    protocolNumber: t.string({ description: 'Number of the protocol, not yet used at the centre.' }),
    attendingAgencyIds: t.idList({ description: 'The agencies whose specialists attended, each once.' }),
    decisions: t.string({ description: 'What was decided.' }),
    reviews: t.field({ type: [MeetingReviewInput], description: 'The programmes reviewed, each once.' }),
  }),
});

const recordMeetingSchema = z.object({
  resourceCentreId: field.id(),
  heldOn: field.pastDate(),
  protocolNumber: field.text(50),
  attendingAgencyIds: z
    .array(field.id())
    .min(1, 'must name at least one agency')
    .max(50, 'must name at most 50 agencies')
    .superRefine(distinct((id) => id, 'lists this agency twice')),
  decisions: field.text(5000),
  reviews: z
    .array(
      z
        .object({
          programmeId: field.id(),
          familyInvited: z.boolean(),
          familyAttended: z.boolean(),
          outcome: field.text(2000).nullish(),
        })
        .refine((review) => review.familyInvited || !review.familyAttended, {
          path: ['familyAttended'],
          message: 'a family that was not invited cannot be recorded as attending',
        }),
    )
    .max(100, 'must list at most 100 programmes')
    .superRefine(distinct((review) => review.programmeId, 'lists this programme twice', ['programmeId'])),
});

type RecordMeetingFields = z.output<typeof recordMeetingSchema>;

builder.mutationField('recordWorkingGroupMeeting', (t) =>
  t.field({
    type: WorkingGroupMeeting,
    description: 'Records a working-group meeting from its protocol, with the programmes it reviewed.',
    args: { input: t.arg({ type: RecordMeetingInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { db, references, access }) =>
      recordMeeting(db, references, access, parseInput(recordMeetingSchema, input)),
  }),
);

async function recordMeeting(
  db: PrismaClient,
  references: References,
  access: ProgrammesContext['access'],
  input: RecordMeetingFields,
) {
  const { resourceCentre, agencies } = await references.agencies({
    resourceCentreId: input.resourceCentreId,
    agencyIds: input.attendingAgencyIds,
  });
  if (!resourceCentre) throw badInput('input.resourceCentreId', 'no resource centre with this id');
  access.require(
    access.writesCasesOf(resourceCentre.districtCode),
    'recording the working-group meetings of another district',
  );
  agencies.forEach((agency, index) => {
    assertAgencyInCity(agency, resourceCentre.city, `input.attendingAgencyIds[${index}]`);
  });
  const taken = 'a protocol with this number is already recorded at the resource centre';
  return unlessTaken(
    () =>
      transaction(db, async (tx) => {
        const [recorded, programmes] = await Promise.all([
          tx.workingGroupMeeting.findUnique({
            where: {
              resourceCentreId_protocolNumber: {
                resourceCentreId: input.resourceCentreId,
                protocolNumber: input.protocolNumber,
              },
            },
          }),
          tx.programme.findMany({ where: { id: { in: input.reviews.map((review) => review.programmeId) } } }),
        ]);
        if (recorded) throw badInput('input.protocolNumber', `${taken} (${isoDate(recorded.heldOn)})`);
        const byId = new Map(programmes.map((programme) => [programme.id, programme]));
        input.reviews.forEach((review, index) => {
          const programme = byId.get(review.programmeId);
          const path = `input.reviews[${index}].programmeId`;
          if (!programme) throw badInput(path, 'no programme with this id');
          if (programme.resourceCentreId !== input.resourceCentreId) {
            throw badInput(path, 'the programme is organised by another resource centre');
          }
          if (programme.completedOn) {
            throw badInput(path, `the programme was completed on ${isoDate(programme.completedOn)}`);
          }
        });
        const { reviews, ...meeting } = input;
        return tx.workingGroupMeeting.create({
          data: {
            ...meeting,
            districtCode: resourceCentre.districtCode,
            reviews: {
              createMany: {
                data: reviews.map(({ outcome, ...review }) => ({ ...review, outcome: outcome ?? null })),
              },
            },
          },
          // The families reviewed, for the write's audit record.
          include: { reviews: { select: { programme: { select: { familyId: true } } } } },
        });
      }),
    'input.protocolNumber',
    taken,
  );
}
