import { badInput, loaderByKey, loaderOfLists } from '@kdn/platform';
import type { Prisma, PrismaClient } from '@kdn/prisma/programmes';
import type { VisibleRows } from '../programme/figures.ts';

/** The meetings' loaders of a request; a centre's list holds the `visible` rows only. */
export function meetingLoaders(db: PrismaClient, visible: VisibleRows<Prisma.WorkingGroupMeetingWhereInput>) {
  return {
    meeting: loaderByKey(
      (ids: string[]) => db.workingGroupMeeting.findMany({ where: { id: { in: ids } } }),
      (meeting) => meeting.id,
    ),
    meetingsOfCentre: loaderOfLists(
      async (centreIds: string[]) => {
        const rows = await visible();
        return rows
          ? db.workingGroupMeeting.findMany({
              where: { AND: [rows, { resourceCentreId: { in: centreIds } }] },
              orderBy: [{ heldOn: 'asc' }, { id: 'asc' }],
            })
          : [];
      },
      (meeting) => meeting.resourceCentreId,
    ),
    reviewsOfMeeting: loaderOfLists(
      (meetingIds: string[]) =>
        db.meetingReview.findMany({
          where: { meetingId: { in: meetingIds } },
          orderBy: { programmeId: 'asc' },
        }),
      (review) => review.meetingId,
    ),
    reviewsOfProgramme: loaderOfLists(
      (programmeIds: string[]) =>
        db.meetingReview.findMany({
          where: { programmeId: { in: programmeIds } },
          orderBy: [{ meeting: { heldOn: 'asc' } }, { meetingId: 'asc' }],
        }),
      (review) => review.programmeId,
    ),
    /** The families whose programmes a meeting reviewed: those its protocol speaks of. */
    familiesReviewedAt: loaderOfLists(
      (meetingIds: string[]) =>
        db.$queryRaw<Array<{ meetingId: string; familyId: string }>>`
          SELECT r."meetingId", p."familyId"
            FROM "MeetingReview" r JOIN "Programme" p ON p.id = r."programmeId"
           WHERE r."meetingId" = ANY(${meetingIds}::uuid[])`,
      (review) => review.meetingId,
    ),
  };
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
