import type {
  WorkingGroupMeeting as MeetingRecord,
  MeetingReview as ReviewRecord,
} from '@kdn/prisma/programmes';
import { builder } from '../builder.ts';

export const WorkingGroupMeeting = builder.objectRef<MeetingRecord>('WorkingGroupMeeting');
export const MeetingReview = builder.objectRef<ReviewRecord>('MeetingReview');
