import {
  type Access,
  assertVersionRead,
  badInput,
  comingOfAge,
  isoDate,
  publish,
  transaction,
  updateAtVersion,
} from '@kdn/platform';
import type { ClosingReason, FamilyComposition, Prisma, PrismaClient, Sex } from '@kdn/prisma/registry';
import { requireWritesCases } from '../family/access.ts';
import { identityKey, type MinorIdentity } from '../minor/figures.ts';
import type { AgencyDirectory } from './remote.ts';

interface MinorFields extends MinorIdentity {
  sex: Sex;
}

interface Resolution {
  number: string;
  date: Date;
}

/** A commission's resolution putting a family and its minors on the register (`registerFamily`). */
export interface FamilyRegistration {
  districtCode: string;
  commissionId: string;
  resolution: Resolution;
  grounds: string;
  address: string;
  composition: FamilyComposition;
  socialPassport: Prisma.SocialPassportCreateWithoutFamilyInput;
  minors: MinorFields[];
  familyId?: string | null;
}

interface RegistrationVersion {
  registrationId: string;
  version: number;
}

export interface MinorAddition extends RegistrationVersion {
  addedOn: Date;
  minor: MinorFields;
}

export interface RegistrationClosing extends RegistrationVersion {
  reason: ClosingReason;
  resolution: Resolution;
  note?: string | null;
}

export interface MinorTakenOff extends RegistrationClosing {
  minorId: string;
  leftOn: Date;
}

export async function registerFamily(
  db: PrismaClient,
  access: Access,
  agencies: AgencyDirectory,
  input: FamilyRegistration,
) {
  requireWritesCases(access, input.districtCode, `registering a family in district ${input.districtCode}`);
  const { districtExists, commissionDistrict } = await agencies.lookUp(input);
  if (!districtExists) throw badInput('input.districtCode', 'no district with this code');
  if (commissionDistrict === null) throw badInput('input.commissionId', 'no commission with this id');
  if (commissionDistrict !== input.districtCode) {
    throw badInput('input.commissionId', `the commission serves another district (${commissionDistrict})`);
  }
  const openedOn = input.resolution.date;
  return transaction(db, async (tx) => {
    // One registration of the district at a time: two registrations of one new family at once would
    // each find no family with its minors, and both create one.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`registry.registerFamily:${input.districtCode}`}))`;
    const known = await knownMinors(tx, input.districtCode, input.minors);
    const earlier = input.familyId ? await familyRegisteredBefore(tx, input, known) : null;
    if (!earlier) refuseKnownFamily(known);
    const family = earlier
      ? await updateFamilyRegisteredAgain(tx, earlier.family, input)
      : await tx.family.create({
          data: {
            districtCode: input.districtCode,
            address: input.address,
            composition: input.composition,
            passport: { create: input.socialPassport },
          },
        });
    const reused = new Map(
      known.filter((minor) => minor.familyId === family.id).map((minor) => [identityKey(minor), minor]),
    );
    const created = await tx.minor.createManyAndReturn({
      data: input.minors
        .filter((minor) => !reused.has(identityKey(minor)))
        .map((minor) => ({ ...minor, familyId: family.id })),
      select: { id: true, lastName: true, firstName: true, patronymic: true, birthDate: true },
    });
    const minors = input.minors.map((minor) => {
      const key = identityKey(minor);
      const record = reused.get(key) ?? created.find((row) => identityKey(row) === key);
      if (!record) throw new Error('a minor of the registration was neither found nor created');
      return record;
    });
    const registration = await tx.registration.create({
      data: {
        familyId: family.id,
        districtCode: input.districtCode,
        commissionId: input.commissionId,
        resolutionNumber: input.resolution.number,
        resolutionDate: openedOn,
        grounds: input.grounds,
        openedOn,
        minors: { createMany: { data: minors.map(({ id }) => ({ minorId: id, addedOn: openedOn })) } },
      },
    });
    await publish(tx, 'registry', [
      {
        type: 'FamilyRegistered',
        effectiveOn: openedOn,
        familyId: family.id,
        districtCode: input.districtCode,
        payload: {
          registrationId: registration.id,
          districtCode: input.districtCode,
          openedOn,
          previousRegistrationId: earlier?.previousRegistrationId ?? null,
          minors: minors.map(({ id, birthDate }) => ({
            minorId: id,
            addedOn: openedOn,
            comesOfAgeOn: comingOfAge(birthDate),
          })),
        },
      },
    ]);
    return family;
  });
}

/**
 * The family's address, composition and passport as the new registration finds them. The family is
 * written at the version read, so that two registrations of one family at once cannot both open.
 */
async function updateFamilyRegisteredAgain(
  tx: Pick<PrismaClient, 'family' | 'socialPassport'>,
  family: { id: string; version: number },
  input: FamilyRegistration,
) {
  await updateAtVersion(
    () =>
      tx.family.updateMany({
        where: { id: family.id, version: family.version },
        data: { address: input.address, composition: input.composition, version: { increment: 1 } },
      }),
    async () => true,
    { field: 'input.familyId', what: 'family' },
  );
  await tx.socialPassport.upsert({
    where: { familyId: family.id },
    create: { ...input.socialPassport, familyId: family.id },
    update: {
      ...input.socialPassport,
      monthlyIncome: input.socialPassport.monthlyIncome ?? null,
      notes: input.socialPassport.notes ?? null,
      version: { increment: 1 },
    },
  });
  return tx.family.findUniqueOrThrow({ where: { id: family.id } });
}

type KnownMinor = MinorIdentity & { id: string; familyId: string };

/** The minors of the district's families with the full name and birth date of one of those named: one statement. */
function knownMinors(
  tx: Pick<PrismaClient, 'minor'>,
  districtCode: string,
  named: MinorIdentity[],
): Promise<KnownMinor[]> {
  const insensitive = (value: string) => ({ equals: value, mode: 'insensitive' as const });
  return tx.minor.findMany({
    where: {
      family: { districtCode },
      OR: named.map((minor) => ({
        birthDate: minor.birthDate,
        lastName: insensitive(minor.lastName),
        firstName: insensitive(minor.firstName),
        patronymic: minor.patronymic ? insensitive(minor.patronymic) : null,
      })),
    },
    select: { id: true, familyId: true, lastName: true, firstName: true, patronymic: true, birthDate: true },
    orderBy: { id: 'asc' },
  });
}

/** One family, one record: a family the registry already knows is registered again on its record, never copied. */
function refuseKnownFamily(known: KnownMinor[]): void {
  const [candidate] = known;
  if (candidate) {
    throw badInput(
      'input.familyId',
      `the registry already knows this family (${candidate.familyId}): send input.familyId to register it again`,
    );
  }
}

/**
 * The family named by `input.familyId`, once found to be of the district, off the register on the
 * new registration's day, and the only family of the district with the minors named: with its
 * latest earlier registration.
 */
async function familyRegisteredBefore(
  tx: Pick<PrismaClient, 'family'>,
  input: FamilyRegistration,
  known: KnownMinor[],
) {
  const familyId = input.familyId as string;
  const family = await tx.family.findUnique({
    where: { id: familyId },
    include: { registrations: { orderBy: [{ openedOn: 'desc' }, { id: 'desc' }] } },
  });
  // A family of another district is answered as if there were none (clause 3.1 of the curator regulation).
  if (!family || family.districtCode !== input.districtCode) {
    throw badInput('input.familyId', `no family of district ${input.districtCode} with this id`);
  }
  const open = family.registrations.find((registration) => registration.closedOn === null);
  if (open) {
    throw badInput(
      'input.familyId',
      `the family is on the register since ${isoDate(open.openedOn)}: a family has one open registration`,
    );
  }
  const lastClosed = family.registrations.reduce<Date | null>(
    (last, { closedOn }) => (closedOn && (!last || closedOn > last) ? closedOn : last),
    null,
  );
  if (lastClosed && input.resolution.date < lastClosed) {
    throw badInput(
      'input.resolution.date',
      `must not be before the family’s previous registration closed on ${isoDate(lastClosed)}`,
    );
  }
  for (const [index, minor] of input.minors.entries()) {
    const other = known.find((row) => row.familyId !== family.id && identityKey(row) === identityKey(minor));
    if (other) {
      throw badInput(
        `input.minors[${index}]`,
        `is a minor of another family the registry knows (${other.familyId})`,
      );
    }
  }
  return { family, previousRegistrationId: family.registrations[0]?.id ?? null };
}

/** The open registration a mutation changes, once the principal is found to write its family's cases. */
async function openRegistration(
  db: Pick<PrismaClient, 'registration'>,
  access: Access,
  id: string,
  version: number,
  what: string,
) {
  const found = await db.registration.findUnique({
    where: { id },
    include: { family: { select: { districtCode: true } } },
  });
  requireWritesCases(access, found?.family.districtCode ?? null, what);
  if (!found) throw badInput('input.registrationId', 'no registration with this id');
  const { family: _family, ...registration } = found;
  assertVersionRead(registration, version, 'registration');
  if (registration.closedOn)
    throw badInput(
      'input.registrationId',
      `the registration was closed on ${isoDate(registration.closedOn)}`,
    );
  return registration;
}

export async function addMinor(
  db: PrismaClient,
  access: Access,
  { registrationId, version, addedOn, minor }: MinorAddition,
) {
  return transaction(db, async (tx) => {
    const registration = await openRegistration(
      tx,
      access,
      registrationId,
      version,
      'adding a minor to this registration',
    );
    if (addedOn < registration.openedOn) {
      throw badInput(
        'input.addedOn',
        `must not be before the registration opened on ${isoDate(registration.openedOn)}`,
      );
    }
    await updateAtVersion(
      () =>
        tx.registration.updateMany({
          where: { id: registrationId, version, closedOn: null },
          data: { version: { increment: 1 } },
        }),
      async () => true,
      { field: 'input.registrationId', what: 'registration' },
    );
    const created = await tx.minor.create({ data: { ...minor, familyId: registration.familyId } });
    await tx.registeredMinor.create({ data: { registrationId, minorId: created.id, addedOn } });
    await publish(tx, 'registry', [
      {
        type: 'MinorAddedToRegistration',
        effectiveOn: addedOn,
        familyId: registration.familyId,
        districtCode: registration.districtCode,
        payload: {
          registrationId,
          districtCode: registration.districtCode,
          minorId: created.id,
          addedOn,
          comesOfAgeOn: comingOfAge(created.birthDate),
        },
      },
    ]);
    return tx.registration.findUniqueOrThrow({ where: { id: registrationId } });
  });
}

export async function takeMinorOffRegister(db: PrismaClient, access: Access, input: MinorTakenOff) {
  return transaction(db, async (tx) => {
    const registration = await openRegistration(
      tx,
      access,
      input.registrationId,
      input.version,
      'taking a minor off this registration',
    );
    const named = await tx.registeredMinor.findMany({
      where: { registrationId: registration.id },
      include: { minor: { select: { birthDate: true } } },
    });
    const entry = named.find((candidate) => candidate.minorId === input.minorId);
    if (!entry) throw badInput('input.minorId', 'the registration names no minor with this id');
    if (entry.leftOn) {
      throw badInput('input.minorId', `the minor was taken off the register on ${isoDate(entry.leftOn)}`);
    }
    if (named.every((other) => other.minorId === entry.minorId || other.leftOn !== null)) {
      throw badInput(
        'input.minorId',
        'is the last minor on the registration: close the registration instead (closeRegistration)',
      );
    }
    if (input.leftOn < entry.addedOn) {
      throw badInput(
        'input.leftOn',
        `must not be before the minor was put on the register on ${isoDate(entry.addedOn)}`,
      );
    }
    const ofAge = comingOfAge(entry.minor.birthDate);
    if (input.reason === 'CAME_OF_AGE' && input.leftOn < ofAge) {
      throw badInput('input.reason', `the minor comes of age on ${isoDate(ofAge)}, after input.leftOn`);
    }
    await updateAtVersion(
      () =>
        tx.registration.updateMany({
          where: { id: registration.id, version: input.version, closedOn: null },
          data: { version: { increment: 1 } },
        }),
      async () => true,
      { field: 'input.registrationId', what: 'registration' },
    );
    await tx.registeredMinor.update({
      where: { registrationId_minorId: { registrationId: registration.id, minorId: entry.minorId } },
      data: {
        leftOn: input.leftOn,
        leftReason: input.reason,
        leftResolutionNumber: input.resolution.number,
        leftResolutionDate: input.resolution.date,
        leftNote: input.note ?? null,
      },
    });
    await publish(tx, 'registry', [
      {
        type: 'MinorLeftRegistration',
        effectiveOn: input.leftOn,
        familyId: registration.familyId,
        districtCode: registration.districtCode,
        payload: {
          registrationId: registration.id,
          districtCode: registration.districtCode,
          minorId: entry.minorId,
          leftOn: input.leftOn,
          reason: input.reason,
        },
      },
    ]);
    return tx.registration.findUniqueOrThrow({ where: { id: registration.id } });
  });
}

export async function closeRegistration(db: PrismaClient, access: Access, input: RegistrationClosing) {
  const closedOn = input.resolution.date;
  return transaction(db, async (tx) => {
    const registration = await openRegistration(
      tx,
      access,
      input.registrationId,
      input.version,
      'closing this registration',
    );
    if (closedOn <= registration.openedOn) {
      throw badInput(
        'input.resolution.date',
        `must be after the registration opened on ${isoDate(registration.openedOn)}`,
      );
    }
    const last = await tx.registeredMinor.aggregate({
      where: { registrationId: registration.id },
      _max: { addedOn: true, leftOn: true },
    });
    if (last._max.addedOn && closedOn < last._max.addedOn) {
      throw badInput(
        'input.resolution.date',
        `must not be before a minor was added on ${isoDate(last._max.addedOn)}`,
      );
    }
    if (last._max.leftOn && closedOn < last._max.leftOn) {
      throw badInput(
        'input.resolution.date',
        `must not be before a minor was taken off the register on ${isoDate(last._max.leftOn)}`,
      );
    }
    await updateAtVersion(
      () =>
        tx.registration.updateMany({
          where: { id: registration.id, version: input.version, closedOn: null },
          data: {
            closedOn,
            closingReason: input.reason,
            closingResolutionNumber: input.resolution.number,
            closingResolutionDate: closedOn,
            closingNote: input.note ?? null,
            version: { increment: 1 },
          },
        }),
      async () => true,
      { field: 'input.registrationId', what: 'registration' },
    );
    await publish(tx, 'registry', [
      {
        type: 'RegistrationClosed',
        effectiveOn: closedOn,
        familyId: registration.familyId,
        districtCode: registration.districtCode,
        payload: {
          registrationId: registration.id,
          districtCode: registration.districtCode,
          closedOn,
          reason: input.reason,
          resolution: input.resolution,
        },
      },
    ]);
    return tx.registration.findUniqueOrThrow({ where: { id: registration.id } });
  });
}
