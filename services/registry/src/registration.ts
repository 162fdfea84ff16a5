import {
  type Access,
  assertVersionRead,
  badInput,
  comingOfAge,
  defineResolution,
  field,
  isoDate,
  isUuid,
  parseInput,
  present,
  publish,
  transaction,
  updateAtVersion,
} from '@kdn/platform';
import {
  ClosingReason,
  FamilyComposition,
  type PrismaClient,
  type RegisteredMinor as RegisteredMinorRecord,
  type Registration as RegistrationRecord,
} from '@kdn/prisma/registry';
import { z } from 'zod';
import {
  familyOfMinor,
  familyOfRegistration,
  ifVisible,
  type MinorRow,
  requireWritesCases,
} from './access.ts';
import type { AgencyDirectory } from './agency-directory.ts';
import { builder } from './builder.ts';
import type { RegistryContext } from './context.ts';
import { Commission, District } from './district.ts';
import { Family, FamilyCompositionEnum } from './family.ts';
import { fullYears, Minor, type MinorFields, MinorInput, minorSchema } from './minor.ts';
import { SocialPassportInput, socialPassportSchema } from './social-passport.ts';

export const ClosingReasonEnum = builder.enumType(ClosingReason, {
  name: 'ClosingReason',
  description: 'Why a family or minor was taken off the register (основание снятия с учёта).',
  values: {
    SITUATION_IMPROVED: {
      description: 'The situation improved: the work achieved its goals (исправление положения).',
    },
    MOVED_AWAY: { description: 'The family moved out of the district (смена места жительства).' },
    CAME_OF_AGE: { description: 'The minor came of age (достижение совершеннолетия).' },
    CHILDREN_PLACED_IN_CARE: { description: 'The children were removed from the family and placed in care.' },
    OTHER: { description: 'Another reason, stated in the closing note.' },
  },
});

const Resolution = defineResolution(builder);

type RegisteredMinorShape = RegisteredMinorRecord & { minor: MinorRow };

const RegisteredMinor = builder.objectRef<RegisteredMinorShape>('RegisteredMinor').implement({
  description:
    'A minor named in a registration, from the day they were put on the register until the day they left it.',
  fields: (t) => ({
    minor: t.field({ type: Minor, description: 'The minor.', resolve: (entry) => entry.minor }),
    addedOn: t.field({
      type: 'Date',
      description: 'The day the minor was put on the register.',
      resolve: (e) => e.addedOn,
    }),
    leftOn: t.field({
      type: 'Date',
      nullable: true,
      description:
        'The day the minor was taken off the register while the registration stayed open (`takeMinorOffRegister`); ' +
        'not counted from that day, as a registration closed on a day is not open that day. Null while on it.',
      resolve: (entry) => entry.leftOn,
    }),
    leftReason: t.field({
      type: ClosingReasonEnum,
      nullable: true,
      description: 'Why the minor was taken off the register; null while on it.',
      resolve: (entry) => entry.leftReason,
    }),
    leftResolution: t.field({
      type: Resolution,
      nullable: true,
      description:
        'The commission’s resolution that took the minor off the register (the commission registers and ' +
        'takes off by resolution); null while on it.',
      resolve: ({ leftResolutionNumber: number, leftResolutionDate: date }) =>
        number && date ? { number, date } : null,
    }),
    leftNote: t.exposeString('leftNote', {
      nullable: true,
      personalData: { family: (entry: RegisteredMinorShape) => familyOfMinor(entry.minor) },
      description: 'What the commission noted on taking the minor off the register.',
    }),
    countedUntil: t.field({
      type: 'Date',
      nullable: true,
      description:
        'The first day the minor is no longer counted on the register by themselves: the earlier of `leftOn` ' +
        'and their 18th birthday, since only minors (under 18) are on the register. The registration’s ' +
        '`closedOn`, when earlier, ends it too. Other services (curation’s assigned minors) follow it.',
      resolve: (entry) => countedUntil(entry),
    }),
  }),
});

/** The first day a minor named in a registration is no longer counted: left it, or turned 18. */
function countedUntil(entry: { leftOn: Date | null; minor: { birthDate: Date } }): Date {
  const ofAge = comingOfAge(entry.minor.birthDate);
  return entry.leftOn && entry.leftOn < ofAge ? entry.leftOn : ofAge;
}

export const Registration = builder.objectRef<RegistrationRecord>('Registration');

Registration.implement({
  description:
    'One episode on the register (постановка на учёт … снятие с учёта) of a family and the minors named in it, ' +
    'opened and closed by resolutions of the district’s commission.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of the registration.' }),
    family: t.field({
      type: Family,
      description: 'The family registered.',
      resolve: (registration, _args, { loaders }) =>
        present(loaders.family.load(registration.familyId), 'family'),
    }),
    district: t.field({
      type: District,
      nullable: true,
      description: 'The district whose commission keeps the register.',
      resolve: (registration) => ({ code: registration.districtCode }),
    }),
    commission: t.field({
      type: Commission,
      nullable: true,
      description: 'The commission that registered the family.',
      resolve: (registration) => ({ id: registration.commissionId }),
    }),
    resolution: t.field({
      type: Resolution,
      description: 'The resolution that put the family on the register.',
      resolve: (registration) => ({
        number: registration.resolutionNumber,
        date: registration.resolutionDate,
      }),
    }),
    grounds: t.exposeString('grounds', {
      personalData: { family: familyOfRegistration },
      description: 'Why the family was found in a socially dangerous situation.',
    }),
    openedOn: t.field({
      type: 'Date',
      description: 'The day put on the register.',
      resolve: (r) => r.openedOn,
    }),
    closedOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'The day taken off the register; null while on it.',
      resolve: (registration) => registration.closedOn,
    }),
    open: t.boolean({
      description: 'Whether the registration is still open.',
      resolve: (r) => r.closedOn === null,
    }),
    closingReason: t.field({
      type: ClosingReasonEnum,
      nullable: true,
      description: 'Why it was closed.',
      resolve: (registration) => registration.closingReason,
    }),
    closingResolution: t.field({
      type: Resolution,
      nullable: true,
      description: 'The resolution that took the family off the register.',
      resolve: ({ closingResolutionNumber: number, closingResolutionDate: date }) =>
        number && date ? { number, date } : null,
    }),
    closingNote: t.exposeString('closingNote', {
      nullable: true,
      personalData: { family: familyOfRegistration },
      description: 'What the commission noted on closing.',
    }),
    minors: t.field({
      type: [RegisteredMinor],
      description: 'The minors named in the registration, in the order they were added.',
      resolve: (registration, _args, { loaders }) => loaders.minorsOfRegistration.load(registration.id),
    }),
    version: t.exposeInt('version', {
      description: 'Changes with every update; send it back to change the registration.',
    }),
  }),
});

/** A registration by id, null when there is none or the principal may not know of the family. */
async function visibleRegistration(id: string, { access, loaders }: RegistryContext) {
  return isUuid(id) ? ifVisible(await loaders.registration.load(id), familyOfRegistration, access) : null;
}

builder.asEntity(Registration, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, context) => visibleRegistration(id, context),
});

builder.queryField('registration', (t) =>
  t.field({
    type: Registration,
    nullable: true,
    description: 'One registration by identifier; null when there is none, or none you may know of.',
    args: { id: t.arg.id({ description: 'The registration’s identifier.' }) },
    resolve: (_root, { id }, context) => visibleRegistration(id, context),
  }),
);

const ResolutionInput = builder.inputType('ResolutionInput', {
  description: 'A commission’s resolution.',
  fields: (t) => ({
    number: t.string({ description: 'Number of the resolution.' }),
    date: t.field({ type: 'Date', description: 'Date of the resolution.' }),
  }),
});

const resolutionSchema = z.object({ number: field.text(50), date: field.pastDate() });

const RegisterFamilyInput = builder.inputType('RegisterFamilyInput', {
  description: 'A commission’s resolution putting a family and its minors on the register.',
  fields: (t) => ({
    districtCode: t.string({ description: 'The district where the family lives.' }),
    commissionId: t.id({ description: 'The district’s commission that decided.' }),
    resolution: t.field({
      type: ResolutionInput,
      description: 'The resolution; its date is the registration day.',
    }),
    grounds: t.string({ description: 'Why the family is in a socially dangerous situation.' }),
    address: t.string({ description: 'Address of residence.' }),
    composition: t.field({ type: FamilyCompositionEnum, description: 'Who brings the children up.' }),
    socialPassport: t.field({ type: SocialPassportInput, description: 'The family’s social passport.' }),
    minors: t.field({ type: [MinorInput], description: 'The minors put on the register, at least one.' }),
    familyId: t.id({
      required: false,
      description:
        'A family of the registry taken off the register before, registered again: the new registration opens ' +
        'on that family record, its minors named here are matched by full name and birth date and reused, ' +
        'and its address, composition and social passport are updated. Required when the district already ' +
        'has a family with a minor named here (one family, one record).',
    }),
  }),
});

/** A minor can be put on the register only once born and while under 18 on that day. */
function checkAgeOn(day: Date, minor: MinorFields, ctx: z.RefinementCtx, path: (string | number)[]) {
  if (minor.birthDate > day) {
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'birthDate'],
      message: `must not be after ${isoDate(day)}`,
    });
  } else if (fullYears(minor.birthDate, day) >= 18) {
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'birthDate'],
      message: `the minor is 18 or older on ${isoDate(day)}`,
    });
  }
}

// The minor and passport schemas are read lazily: their modules and this one import each other.
const registerFamilySchema = z
  .object({
    districtCode: field.text(64),
    commissionId: field.id(),
    resolution: resolutionSchema,
    grounds: field.text(2000),
    address: field.text(500),
    composition: z.enum(FamilyComposition),
    socialPassport: z.lazy(() => socialPassportSchema),
    minors: z
      .array(z.lazy(() => minorSchema))
      .min(1, 'must name at least one minor')
      .max(20, 'must name at most 20 minors'),
    familyId: field.id().nullish(),
  })
  .superRefine((input, ctx) => {
    const named = new Set<string>();
    input.minors.forEach((minor, index) => {
      checkAgeOn(input.resolution.date, minor, ctx, ['minors', index]);
      const key = identityKey(minor);
      if (named.has(key)) {
        ctx.addIssue({ code: 'custom', path: ['minors', index], message: 'names the same minor twice' });
      }
      named.add(key);
    });
    if (input.socialPassport.children < input.minors.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['socialPassport', 'children'],
        message: 'is fewer than the minors named',
      });
    }
  });

const AddMinorInput = builder.inputType('AddMinorToRegistrationInput', {
  description: 'Puts one more minor of the family on an open registration.',
  fields: (t) => ({
    registrationId: t.id({ description: 'The open registration.' }),
    version: t.int({ description: 'The registration’s version last read.' }),
    addedOn: t.field({ type: 'Date', description: 'The day the minor is put on the register.' }),
    minor: t.field({ type: MinorInput, description: 'The minor.' }),
  }),
});

const addMinorSchema = z
  .object({
    registrationId: field.id(),
    version: field.version(),
    addedOn: field.pastDate(),
    minor: z.lazy(() => minorSchema),
  })
  .superRefine((input, ctx) => checkAgeOn(input.addedOn, input.minor, ctx, ['minor']));

const CloseRegistrationInput = builder.inputType('CloseRegistrationInput', {
  description: 'A commission’s resolution taking a family off the register.',
  fields: (t) => ({
    registrationId: t.id({ description: 'The open registration.' }),
    version: t.int({ description: 'The registration’s version last read.' }),
    reason: t.field({ type: ClosingReasonEnum, description: 'Why.' }),
    resolution: t.field({
      type: ResolutionInput,
      description: 'The resolution; its date is the closing day.',
    }),
    note: t.string({
      required: false,
      description: 'What the commission noted; required when the reason is OTHER.',
    }),
  }),
});

const closeSchema = z
  .object({
    registrationId: field.id(),
    version: field.version(),
    reason: z.enum(ClosingReason),
    resolution: resolutionSchema,
    note: field.text(2000).nullish(),
  })
  .refine((input) => input.reason !== 'OTHER' || input.note, {
    path: ['note'],
    message: 'is required when the reason is OTHER',
  });

const TakeMinorOffRegisterInput = builder.inputType('TakeMinorOffRegisterInput', {
  description:
    'A commission’s resolution taking one minor off the register while the family’s registration stays open ' +
    'for the siblings.',
  fields: (t) => ({
    registrationId: t.id({ description: 'The open registration that names the minor.' }),
    version: t.int({ description: 'The registration’s version last read.' }),
    minorId: t.id({ description: 'The minor taken off the register.' }),
    leftOn: t.field({
      type: 'Date',
      description:
        'The day the minor is taken off the register: the resolution’s date. Not counted from that day on.',
    }),
    reason: t.field({ type: ClosingReasonEnum, description: 'Why: the same reasons as for closing.' }),
    resolution: t.field({ type: ResolutionInput, description: 'The resolution; dated `leftOn`.' }),
    note: t.string({
      required: false,
      description: 'What the commission noted; required when the reason is OTHER.',
    }),
  }),
});

const takeMinorOffSchema = z
  .object({
    registrationId: field.id(),
    version: field.version(),
    minorId: field.id(),
    leftOn: field.pastDate(),
    reason: z.enum(ClosingReason),
    resolution: resolutionSchema,
    note: field.text(2000).nullish(),
  })
  .refine((input) => input.reason !== 'OTHER' || input.note, {
    path: ['note'],
    message: 'is required when the reason is OTHER',
  })
  .refine((input) => input.leftOn.getTime() === input.resolution.date.getTime(), {
    path: ['leftOn'],
    message: 'must be the resolution’s date: a minor leaves the register by the resolution, on its day',
  });

builder.mutationFields((t) => ({
  registerFamily: t.field({
    type: Family,
    description: 'Puts a family and its minors on the register by a commission’s resolution.',
    args: { input: t.arg({ type: RegisterFamilyInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { access, db, agencies }) => {
      requireWritesCases(
        access,
        input.districtCode,
        `registering a family in district ${input.districtCode}`,
      );
      return registerFamily(db, agencies, parseInput(registerFamilySchema, input));
    },
  }),
  addMinorToRegistration: t.field({
    type: Registration,
    description: 'Puts one more minor of the family on its open registration.',
    args: { input: t.arg({ type: AddMinorInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { access, db }) => addMinor(db, access, parseInput(addMinorSchema, input)),
  }),
  closeRegistration: t.field({
    type: Registration,
    description: 'Takes a family off the register by a commission’s resolution.',
    args: { input: t.arg({ type: CloseRegistrationInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { access, db }) =>
      closeRegistration(db, access, parseInput(closeSchema, input)),
  }),
  takeMinorOffRegister: t.field({
    type: Registration,
    description:
      'Takes one minor off the register by a commission’s resolution while the registration stays open for ' +
      'the siblings (the last minor leaves with the registration: close it instead).',
    args: { input: t.arg({ type: TakeMinorOffRegisterInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { access, db }) =>
      takeMinorOffRegister(db, access, parseInput(takeMinorOffSchema, input)),
  }),
}));

async function registerFamily(
  db: PrismaClient,
  agencies: AgencyDirectory,
  input: z.output<typeof registerFamilySchema>,
) {
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
  input: z.output<typeof registerFamilySchema>,
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

interface MinorIdentity {
  lastName: string;
  firstName: string;
  patronymic?: string | null;
  birthDate: Date;
}

/** Who a minor is for the registry: full name (letter case aside) and birth date. */
function identityKey(minor: MinorIdentity): string {
  return [minor.lastName, minor.firstName, minor.patronymic ?? '', isoDate(minor.birthDate)]
    .join('|')
    .toLocaleLowerCase('ru');
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
  input: z.output<typeof registerFamilySchema>,
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

async function addMinor(
  db: PrismaClient,
  access: Access,
  { registrationId, version, addedOn, minor }: z.output<typeof addMinorSchema>,
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

async function takeMinorOffRegister(
  db: PrismaClient,
  access: Access,
  input: z.output<typeof takeMinorOffSchema>,
) {
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

async function closeRegistration(db: PrismaClient, access: Access, input: z.output<typeof closeSchema>) {
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
