import {
  type Access,
  assertVersionRead,
  badInput,
  field,
  isoDate,
  parseInput,
  transaction,
  updateAtVersion,
} from '@kdn/platform';
import type { PrismaClient } from '@kdn/prisma/programmes';
import { z } from 'zod';
import { builder } from './builder.ts';
import { reviewAt } from './meeting.ts';
import { Programme } from './programme.ts';
import { assertTransition } from './rules/programme-status.ts';

const ApproveProgrammeInput = builder.inputType('ApproveProgrammeInput', {
  description: 'A working-group meeting’s approval of a draft, or of a programme again after its review.',
  fields: (t) => ({
    programmeId: t.id({ description: 'The programme, DRAFT or UNDER_REVIEW with every change decided.' }),
    version: t.int({ description: 'The version last read; a stale one is refused with `CONFLICT`.' }),
    meetingId: t.id({
      description: 'The meeting that approved it; it reviewed the programme, the family invited.',
    }),
  }),
});

const approveSchema = z.object({ programmeId: field.id(), version: field.version(), meetingId: field.id() });

builder.mutationField('approveProgramme', (t) =>
  t.field({
    type: Programme,
    description:
      'Approves a programme at a working-group meeting: the draft comes into force, or a reviewed one again.',
    args: { input: t.arg({ type: ApproveProgrammeInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { db, access }) =>
      approveProgramme(db, access, parseInput(approveSchema, input)),
  }),
);

async function approveProgramme(
  db: PrismaClient,
  access: Access,
  { programmeId, version, meetingId }: z.output<typeof approveSchema>,
) {
  return transaction(db, async (tx) => {
    const programme = await tx.programme.findUnique({
      where: { id: programmeId },
      include: { approvedAt: true },
    });
    if (!programme) throw badInput('input.programmeId', 'no programme with this id');
    access.require(
      access.writesCasesOf(programme.districtCode),
      'approving the programmes of another district',
    );
    assertVersionRead(programme, version, 'programme');
    assertTransition(programme.status, 'APPROVED', 'input.programmeId');
    const [pending, lastDecision] = await Promise.all([
      tx.programmeChange.count({ where: { programmeId, decision: 'PROPOSED' } }),
      tx.workingGroupMeeting.findFirst({
        where: { changes: { some: { programmeId } } },
        orderBy: { heldOn: 'desc' },
      }),
    ]);
    if (pending > 0) {
      throw badInput(
        'input.programmeId',
        `${pending} proposed change(s) still await the working group’s decision`,
      );
    }
    const { meeting, familyInvited } = await reviewAt(tx, meetingId, programmeId);
    // Clause 2.1: the curator acquaints the family with its programme; Resolution No. 2 records that
    // families invited to the meetings understand the specialists' work better.
    if (!familyInvited) {
      throw badInput(
        'input.meetingId',
        'the family was not invited to the meeting that approves its programme',
      );
    }
    if (meeting.heldOn > programme.periodTo) {
      throw badInput(
        'input.meetingId',
        `was held after the programme’s period ended on ${isoDate(programme.periodTo)}`,
      );
    }
    for (const earlier of [programme.approvedAt, lastDecision]) {
      if (earlier && meeting.heldOn < earlier.heldOn) {
        throw badInput(
          'input.meetingId',
          `must not be held before ${isoDate(earlier.heldOn)}, when the programme was last approved or changed`,
        );
      }
    }
    await updateAtVersion(
      () =>
        tx.programme.updateMany({
          where: { id: programmeId, version },
          data: { status: 'APPROVED', approvedAtId: meetingId, version: { increment: 1 } },
        }),
      async () => true,
      { field: 'input.programmeId', what: 'programme' },
    );
    return tx.programme.findUniqueOrThrow({ where: { id: programmeId } });
  });
}
