import { field, forbidden, isUuid, present } from '@kdn/platform';
import type { WorkingGroupMeeting as MeetingRecord } from '@kdn/prisma/programmes';
import { z } from 'zod';
import { builder } from '../builder.ts';
import { ProgrammeChange } from '../change/refs.ts';
import type { ProgrammesContext } from '../context.ts';
import { familyOfRecord } from '../programme/access.ts';
import { programmeOf } from '../programme/figures.ts';
import { Programme } from '../programme/refs.ts';
import { Agency, District, ResourceCentre } from '../shared/refs.ts';
import { distinct } from '../shared/rules.ts';
import { readsProtocolText, visibleMeeting } from './access.ts';
import { recordMeeting } from './changes.ts';
import { MeetingReview, WorkingGroupMeeting } from './refs.ts';

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

interface Review {
  programmeId: string;
  familyInvited: boolean;
  familyAttended: boolean;
}

const MeetingReviewInput = builder.inputType('MeetingReviewInput', {
  description: 'A programme reviewed at the meeting.',
  fields: (t) => ({
    programmeId: t.id({ validate: field.id(), description: 'The programme.' }),
    familyInvited: t.boolean({ description: 'Whether the family was invited.' }),
    familyAttended: t.boolean({ description: 'Whether the family came.' }),
    outcome: t.string({
      required: false,
      validate: field.text(2000),
      description: 'What the meeting concluded about the programme.',
    }),
  }),
  validate: z.custom<Review>().refine((review) => review.familyInvited || !review.familyAttended, {
    path: ['familyAttended'],
    message: 'a family that was not invited cannot be recorded as attending',
  }),
});

const RecordMeetingInput = builder.inputType('RecordWorkingGroupMeetingInput', {
  description: 'The protocol of a working-group meeting.',
  fields: (t) => ({
    resourceCentreId: t.id({ validate: field.id(), description: 'The resource centre that hosted it.' }),
    heldOn: t.field({
      type: 'Date',
      validate: field.pastDate(),
      description: 'The day of the meeting; not in the future.',
    }),
    protocolNumber: t.string({
      validate: field.text(50),
      description: 'Number of the protocol, not yet used at the centre.',
    }),
    attendingAgencyIds: t.idList({
      validate: z
        .array(field.id())
        .min(1, 'must name at least one agency')
        .max(50, 'must name at most 50 agencies')
        .superRefine(distinct((id) => id, 'lists this agency twice')),
      description: 'The agencies whose specialists attended, each once.',
    }),
    decisions: t.string({ validate: field.text(5000), description: 'What was decided.' }),
    reviews: t.field({
      type: [MeetingReviewInput],
      validate: z
        .array(z.custom<Review>())
        .max(100, 'must list at most 100 programmes')
        .superRefine(distinct((review) => review.programmeId, 'lists this programme twice', ['programmeId'])),
      description: 'The programmes reviewed, each once.',
    }),
  }),
});

builder.mutationField('recordWorkingGroupMeeting', (t) =>
  t.field({
    type: WorkingGroupMeeting,
    description: 'Records a working-group meeting from its protocol, with the programmes it reviewed.',
    args: { input: t.arg({ type: RecordMeetingInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { db, references, access }) => recordMeeting(db, references, access, input),
  }),
);
