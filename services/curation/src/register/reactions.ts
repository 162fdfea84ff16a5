/**
 * Curation's reactions to the registry's events: the register decides who is a ward and which of
 * its minors count, so curation follows it from the day each change takes effect. Each reaction
 * converges: applied again (a replay, `reconcile --repair`) it changes nothing more.
 */
import { type DomainEvent, publish, type Reactions } from '@kdn/platform';
import type { Prisma } from '@kdn/prisma/curation';

type Transaction = Prisma.TransactionClient;

/** Clause 1.2: a curator is assigned at registration; until then the family waits, and is listed. */
async function noteRegistration(tx: Transaction, event: DomainEvent<'registry', 'FamilyRegistered'>) {
  const { registrationId, districtCode, openedOn } = event.payload;
  await tx.$executeRaw`
    INSERT INTO "RegisterEntry" ("registrationId", "familyId", "districtCode", "openedOn")
    VALUES (${registrationId}::uuid, ${event.familyId}::uuid, ${districtCode}, ${openedOn}::date)
    ON CONFLICT ("registrationId") DO UPDATE SET "openedOn" = EXCLUDED."openedOn"`;
}

/**
 * A minor put on an open registration joins the assignments of that registration that hold on or
 * after the day, counted until they turn 18 (clause 1.1: the ward is the minor and (or) the family).
 */
async function addMinorToWard(tx: Transaction, event: DomainEvent<'registry', 'MinorAddedToRegistration'>) {
  const { registrationId, minorId, addedOn, comesOfAgeOn } = event.payload;
  await tx.$executeRaw`
    INSERT INTO "AssignedMinor" ("assignmentId", "minorId", "addedOn", "countedUntil")
    SELECT a.id, ${minorId}::uuid, ${addedOn}::date, ${comesOfAgeOn}::date
      FROM "CuratorAssignment" a
     WHERE a."registrationId" = ${registrationId}::uuid
       AND (a."endedOn" IS NULL OR a."endedOn" > ${addedOn}::date)
    ON CONFLICT ("assignmentId", "minorId") DO UPDATE
       SET "countedUntil" = LEAST("AssignedMinor"."countedUntil", EXCLUDED."countedUntil")`;
}

/** A minor who left the register (or came of age) no longer counts in the ward from that day. */
async function takeMinorOffWard(tx: Transaction, event: DomainEvent<'registry', 'MinorLeftRegistration'>) {
  const { registrationId, minorId, leftOn } = event.payload;
  await tx.$executeRaw`
    UPDATE "AssignedMinor" m
       SET "countedUntil" = LEAST(m."countedUntil", ${leftOn}::date)
      FROM "CuratorAssignment" a
     WHERE a.id = m."assignmentId"
       AND a."registrationId" = ${registrationId}::uuid
       AND m."minorId" = ${minorId}::uuid
       AND (m."countedUntil" IS NULL OR m."countedUntil" > ${leftOn}::date)`;
}

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
  await tx.registerEntry.updateMany({ where: { registrationId }, data: { closedOn } });
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
  FamilyRegistered: noteRegistration,
  MinorAddedToRegistration: addMinorToWard,
  MinorLeftRegistration: takeMinorOffWard,
  RegistrationClosed: endAssignmentsOnClosing,
};
