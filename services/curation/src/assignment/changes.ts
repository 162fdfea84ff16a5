/**
 * Who curates a family, changed only by the commission's resolutions: assignment (clause 1.2),
 * replacement (clause 1.9) and the end of the work (clause 6.4). Each change is one transaction
 * that first bumps the ward's version, which serialises changes to one family: of two at once, the
 * second waits, then finds the version changed (`CONFLICT`) or the first one's result.
 */
import {
  type Access,
  badInput,
  forbidden,
  isoDate,
  publish,
  transaction,
  updateAtVersion,
} from '@kdn/platform';
import type { Prisma, PrismaClient, ReplacementReason } from '@kdn/prisma/curation';
import type { RegisterDirectory, RegistrationOnDay } from '../register/remote.ts';
import { requireWritingCases, requireWritingCasesOf } from './access.ts';

type Transaction = Prisma.TransactionClient;

interface Resolution {
  number: string;
  date: Date;
}

export interface AssignInput {
  familyId: string;
  curatorId: string;
  resolution: Resolution;
}

export interface ReplaceInput extends AssignInput, WardVersion {
  reason: ReplacementReason;
  note?: string | null | undefined;
}

export interface WardVersion {
  familyId: string;
  version: number;
}

export interface EndInput extends WardVersion {
  endedOn: Date;
  results: string;
}

/** Clause 1.2: a curator is assigned to a family when it is on the register, by resolution. */
export async function assignCurator(
  db: PrismaClient,
  register: RegisterDirectory,
  access: Access,
  input: AssignInput,
) {
  const registration = await registrationToAssignOn(register, access, input);
  const day = input.resolution.date;
  return transaction(db, async (tx) => {
    await tx.ward.upsert({
      where: { familyId: input.familyId },
      create: { familyId: input.familyId },
      update: { version: { increment: 1 } },
    });
    const [latest] = await tx.curatorAssignment.findMany({
      where: { familyId: input.familyId },
      orderBy: { startedOn: 'desc' },
      take: 1,
    });
    if (latest && latest.endedOn === null) {
      throw badInput(
        'input.familyId',
        `the family has had a curator since ${isoDate(latest.startedOn)}: replace them instead (clause 1.9)`,
      );
    }
    if (latest?.endedOn && day < latest.endedOn) {
      throw badInput(
        'input.resolution.date',
        `must not be before the previous assignment ended on ${isoDate(latest.endedOn)}`,
      );
    }
    const agencyId = await lockCuratorTakingWards(tx, input.curatorId, registration.districtCode);
    const assignment = await openAssignment(tx, input, registration);
    await publish(tx, 'curation', [
      {
        type: 'CuratorAssigned',
        effectiveOn: assignment.startedOn,
        familyId: assignment.familyId,
        districtCode: assignment.districtCode,
        payload: {
          assignmentId: assignment.id,
          registrationId: assignment.registrationId,
          curatorId: assignment.curatorId,
          agencyId,
          districtCode: assignment.districtCode,
          startedOn: assignment.startedOn,
        },
      },
    ]);
    return assignment;
  });
}

/** Clause 1.9: the old assignment ends and the new one starts on the resolution's day, for one of five reasons. */
export async function replaceCurator(
  db: PrismaClient,
  register: RegisterDirectory,
  access: Access,
  input: ReplaceInput,
) {
  const registration = await registrationToAssignOn(register, access, input);
  const day = input.resolution.date;
  return transaction(db, async (tx) => {
    const current = await bumpWardWithCurator(tx, input.familyId, input.version);
    if (current.curatorId === input.curatorId) {
      throw badInput('input.curatorId', 'is already the family’s curator');
    }
    if (day <= current.startedOn) {
      throw badInput(
        'input.resolution.date',
        `must be after the current curator was assigned on ${isoDate(current.startedOn)}`,
      );
    }
    await refuseVisitsFrom(tx, current.id, day, 'input.resolution.date');
    const agencyId = await lockCuratorTakingWards(tx, input.curatorId, registration.districtCode);
    await tx.curatorAssignment.update({
      where: { id: current.id },
      data: {
        endedOn: day,
        endKind: 'REPLACED',
        replacementReason: input.reason,
        endNote: input.note ?? null,
      },
    });
    const assignment = await openAssignment(tx, input, registration);
    await publish(tx, 'curation', [
      {
        type: 'CuratorReplaced',
        effectiveOn: day,
        familyId: assignment.familyId,
        districtCode: assignment.districtCode,
        payload: {
          endedAssignmentId: current.id,
          formerCuratorId: current.curatorId,
          assignmentId: assignment.id,
          registrationId: assignment.registrationId,
          curatorId: assignment.curatorId,
          agencyId,
          districtCode: assignment.districtCode,
          replacedOn: day,
          reason: input.reason,
        },
      },
    ]);
    return assignment;
  });
}

/** Clause 6.4: the work is over; the curator has presented its results to the commission. */
export async function endAssignment(db: PrismaClient, access: Access, input: EndInput) {
  requireWritingCases(access);
  return transaction(db, async (tx) => {
    const current = await bumpWardWithCurator(tx, input.familyId, input.version);
    // Refused after the version bump, which the transaction then rolls back: nothing is written.
    requireWritingCasesOf(access, current.districtCode);
    if (input.endedOn <= current.startedOn) {
      throw badInput(
        'input.endedOn',
        `must be after the assignment started on ${isoDate(current.startedOn)}`,
      );
    }
    await refuseVisitsFrom(tx, current.id, input.endedOn, 'input.endedOn');
    const ended = await tx.curatorAssignment.update({
      where: { id: current.id },
      data: { endedOn: input.endedOn, endKind: 'WORK_COMPLETED', endNote: input.results },
    });
    await publish(tx, 'curation', [
      {
        type: 'AssignmentEnded',
        effectiveOn: input.endedOn,
        familyId: ended.familyId,
        districtCode: ended.districtCode,
        payload: {
          assignmentId: ended.id,
          registrationId: ended.registrationId,
          curatorId: ended.curatorId,
          districtCode: ended.districtCode,
          endedOn: input.endedOn,
          endKind: 'WORK_COMPLETED',
        },
      },
    ]);
    return ended;
  });
}

/**
 * Minors the commission put on the register after the curator was assigned (the registry's
 * `addMinorToRegistration`) join the current assignment, each from the day they were put on it:
 * the ward is the minor and (or) the family (clause 1.1).
 */
export async function syncAssignedMinors(
  db: PrismaClient,
  register: RegisterDirectory,
  access: Access,
  input: WardVersion,
) {
  requireWritingCases(access);
  const current = await db.curatorAssignment.findFirst({
    where: { familyId: input.familyId, endedOn: null },
  });
  if (!current) throw badInput('input.familyId', 'the family has no curator now');
  requireWritingCasesOf(access, current.districtCode);
  const minors = await register.minorsOf(current.registrationId);
  if (!minors) throw new Error(`the registry has no registration ${current.registrationId}`);
  return transaction(db, async (tx) => {
    // The version the client read still holds, so the current assignment is the one read above.
    const assignment = await bumpWardWithCurator(tx, input.familyId, input.version);
    await tx.assignedMinor.createMany({
      data: minors.map((minor) => ({ assignmentId: assignment.id, ...minor })),
      skipDuplicates: true,
    });
    return assignment;
  });
}

/**
 * The family's registration on the resolution's day, refused unless the user writes the cases of its
 * district. The registry is asked on the user's behalf: it shows a principal limited to a district
 * only that district's families.
 */
async function registrationToAssignOn(
  register: RegisterDirectory,
  access: Access,
  { familyId, resolution }: AssignInput,
): Promise<RegistrationOnDay> {
  requireWritingCases(access);
  const day = resolution.date;
  const family = await register.familyOn(familyId, day);
  if (family.status === 'unknown-family') {
    if (access.principal.districtCode !== null) throw forbidden('No family of your district has this id');
    throw badInput('input.familyId', 'no family with this id');
  }
  if (family.status === 'not-on-register') {
    throw badInput(
      'input.familyId',
      `the family is not on the register on ${isoDate(day)} (clause 1.2: a curator is assigned to a registered family)`,
    );
  }
  requireWritingCasesOf(access, family.districtCode);
  return family;
}

/** Bumps the ward's version from the one the client read, and returns its active assignment. */
async function bumpWardWithCurator(tx: Transaction, familyId: string, version: number) {
  await updateAtVersion(
    () => tx.ward.updateMany({ where: { familyId, version }, data: { version: { increment: 1 } } }),
    async () => (await tx.ward.count({ where: { familyId } })) > 0,
    { field: 'input.familyId', what: 'ward' },
  );
  const current = await tx.curatorAssignment.findFirst({ where: { familyId, endedOn: null } });
  if (!current) throw badInput('input.familyId', 'the family has no curator now: assign one');
  return current;
}

/**
 * Checks the curator can take the ward, and holds a share lock on their row until the transaction
 * ends, so that deactivating them (which updates the row) waits and then sees the new ward. Answers
 * the curator's agency.
 */
async function lockCuratorTakingWards(tx: Transaction, curatorId: string, districtCode: string) {
  const [curator] = await tx.$queryRaw<Array<{ active: boolean; districtCode: string; agencyId: string }>>`
    SELECT active, "districtCode", "agencyId" FROM "Curator" WHERE id = ${curatorId}::uuid FOR SHARE`;
  if (!curator) throw badInput('input.curatorId', 'no curator with this id');
  if (!curator.active) throw badInput('input.curatorId', 'the curator is no longer active');
  if (curator.districtCode !== districtCode) {
    // Curators come from agencies of the prevention system (clause 1.3) of the ward's own district
    // (this platform's rule: Resolution No. 2 shows each district's curators from its own agencies).
    throw badInput('input.curatorId', `the curator works in another district (${curator.districtCode})`);
  }
  return curator.agencyId;
}

async function refuseVisitsFrom(tx: Transaction, assignmentId: string, day: Date, field: string) {
  const last = await tx.visit.findFirst({
    where: { assignmentId, visitedOn: { gte: day } },
    orderBy: { visitedOn: 'desc' },
  });
  if (last) {
    throw badInput(field, `must be after the curator’s last visit, on ${isoDate(last.visitedOn)}`);
  }
}

function openAssignment(tx: Transaction, input: AssignInput, registration: RegistrationOnDay) {
  return tx.curatorAssignment.create({
    data: {
      familyId: input.familyId,
      registrationId: registration.registrationId,
      curatorId: input.curatorId,
      districtCode: registration.districtCode,
      resolutionNumber: input.resolution.number,
      resolutionDate: input.resolution.date,
      startedOn: input.resolution.date,
      minors: { createMany: { data: registration.minors } },
    },
  });
}
