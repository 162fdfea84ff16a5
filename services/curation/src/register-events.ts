/**
 * Curation's reactions to the registry's events: the register decides who is a ward, so a closing
 * ends the family's curator assignment from the closing day. Each reaction converges: applied
 * again (a replay, `reconcile --repair`) it changes nothing more.
 */
import { type DomainEvent, publish, type Reactions } from '@kdn/platform';
import type { Prisma } from '@kdn/prisma/curation';

type Transaction = Prisma.TransactionClient;

/**
 * A registration closed on a day is not open that day (as the register counts it), so the family's
 * assignment ends on that day, by the closing resolution: the family leaves caseloads and overdue
 * visits from that day, and the curator's access to its personal data ends with the assignment
 * (clause 3.1). An assignment that would have started on or after the closing never held.
 */
async function endAssignmentsOnClosing(
  tx: Transaction,
  event: DomainEvent<'registry', 'RegistrationClosed'>,
) {
  const { registrationId, closedOn, resolution } = event.payload;
  const ended = await tx.$queryRaw<
    Array<{ id: string; familyId: string; curatorId: string; districtCode: string; endedOn: Date }>
  >`
    UPDATE "CuratorAssignment"
       SET "endedOn" = GREATEST("startedOn", ${closedOn}::date),
           "endKind" = 'REGISTRATION_CLOSED',
           "endResolutionNumber" = ${resolution.number},
           "endResolutionDate" = ${resolution.date}::date,
           "replacementReason" = NULL
     WHERE "registrationId" = ${registrationId}::uuid
       AND ("endedOn" IS NULL OR "endedOn" > GREATEST("startedOn", ${closedOn}::date))
    RETURNING id, "familyId", "curatorId", "districtCode", "endedOn"`;
  if (ended.length === 0) return;
  // A client that read the ward before the closing gets a CONFLICT, not a change on a closed case.
  await tx.ward.updateMany({
    where: { familyId: event.familyId ?? '' },
    data: { version: { increment: 1 } },
  });
  await publish(
    tx,
    'curation',
    ended.map((assignment) => ({
      type: 'AssignmentEnded' as const,
      effectiveOn: assignment.endedOn,
      familyId: assignment.familyId,
      districtCode: assignment.districtCode,
      payload: {
        assignmentId: assignment.id,
        registrationId,
        curatorId: assignment.curatorId,
        districtCode: assignment.districtCode,
        endedOn: assignment.endedOn,
        endKind: 'REGISTRATION_CLOSED' as const,
      },
    })),
  );
}

export const registerReactions: Reactions<Transaction, 'registry'> = {
  RegistrationClosed: endAssignmentsOnClosing,
};
