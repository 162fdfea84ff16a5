import {
  addReconciliationFacts,
  comingOfAge,
  defineResolution,
  field,
  inputRule,
  isoDate,
  isUuid,
  present,
} from '@kdn/platform';
import type { RegisteredMinor as RegisteredMinorRecord } from '@kdn/prisma/registry';
import { z } from 'zod';
import { builder } from '../builder.ts';
import { Commission } from '../commission/refs.ts';
import type { RegistryContext } from '../context.ts';
import { District } from '../district/refs.ts';
import { familyOfRecord, ifVisible } from '../family/access.ts';
import { Family, FamilyCompositionEnum } from '../family/refs.ts';
import { familyOfMinor } from '../minor/access.ts';
import { fullYears, identityKey, type MinorIdentity, type MinorRow } from '../minor/figures.ts';
import { Minor, MinorInput } from '../minor/refs.ts';
import { SocialPassportInput } from '../social-passport/refs.ts';
import {
  addMinor,
  closeRegistration,
  type MinorTakenOff,
  type RegistrationClosing,
  registerFamily,
  takeMinorOffRegister,
} from './changes.ts';
import { registrationFacts } from './figures.ts';
import { ClosingReasonEnum, Registration } from './refs.ts';

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
      personalData: { family: familyOfRecord },
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
      personalData: { family: familyOfRecord },
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
  return isUuid(id) ? ifVisible(await loaders.registration.load(id), familyOfRecord, access) : null;
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
    number: t.string({ validate: field.text(50), description: 'Number of the resolution.' }),
    date: t.field({ type: 'Date', validate: field.pastDate(), description: 'Date of the resolution.' }),
  }),
});

/** A minor can be put on the register only once born and while under 18 on that day. */
function checkAgeOn(day: Date, minor: MinorIdentity, ctx: z.RefinementCtx, path: (string | number)[]) {
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

/** The minors named are each of age to be registered on the resolution's day, each once, and the passport counts them. */
const minorsOfRegistration = z
  .custom<{ resolution: { date: Date }; minors: MinorIdentity[]; socialPassport: { children: number } }>()
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

const RegisterFamilyInput = builder.inputType('RegisterFamilyInput', {
  description: 'A commission’s resolution putting a family and its minors on the register.',
  fields: (t) => ({
    districtCode: t.string({ validate: field.text(64), description: 'The district where the family lives.' }),
    commissionId: t.id({ validate: field.id(), description: 'The district’s commission that decided.' }),
    resolution: t.field({
      type: ResolutionInput,
      description: 'The resolution; its date is the registration day.',
    }),
    grounds: t.string({
      validate: field.text(2000),
      description: 'Why the family is in a socially dangerous situation.',
    }),
    address: t.string({ validate: field.text(500), description: 'Address of residence.' }),
    composition: t.field({ type: FamilyCompositionEnum, description: 'Who brings the children up.' }),
    socialPassport: t.field({ type: SocialPassportInput, description: 'The family’s social passport.' }),
    minors: t.field({
      type: [MinorInput],
      validate: z
        .array(z.unknown())
        .min(1, 'must name at least one minor')
        .max(20, 'must name at most 20 minors'),
      description: 'The minors put on the register, at least one.',
    }),
    familyId: t.id({
      required: false,
      validate: field.id(),
      description:
        'A family of the registry taken off the register before, registered again: the new registration opens ' +
        'on that family record, its minors named here are matched by full name and birth date and reused, ' +
        'and its address, composition and social passport are updated. Required when the district already ' +
        'has a family with a minor named here (one family, one record).',
    }),
  }),
  validate: minorsOfRegistration,
});

const AddMinorInput = builder.inputType('AddMinorToRegistrationInput', {
  description: 'Puts one more minor of the family on an open registration.',
  fields: (t) => ({
    registrationId: t.id({ validate: field.id(), description: 'The open registration.' }),
    version: t.int({ validate: field.version(), description: 'The registration’s version last read.' }),
    addedOn: t.field({
      type: 'Date',
      validate: field.pastDate(),
      description: 'The day the minor is put on the register.',
    }),
    minor: t.field({ type: MinorInput, description: 'The minor.' }),
  }),
  validate: z
    .custom<{ addedOn: Date; minor: MinorIdentity }>()
    .superRefine((input, ctx) => checkAgeOn(input.addedOn, input.minor, ctx, ['minor'])),
});

const noteRequiredForOther = inputRule<RegistrationClosing>(
  'note',
  'is required when the reason is OTHER',
  (input) => input.reason !== 'OTHER' || Boolean(input.note),
);

const CloseRegistrationInput = builder.inputType('CloseRegistrationInput', {
  description: 'A commission’s resolution taking a family off the register.',
  fields: (t) => ({
    registrationId: t.id({ validate: field.id(), description: 'The open registration.' }),
    version: t.int({ validate: field.version(), description: 'The registration’s version last read.' }),
    reason: t.field({ type: ClosingReasonEnum, description: 'Why.' }),
    resolution: t.field({
      type: ResolutionInput,
      description: 'The resolution; its date is the closing day.',
    }),
    note: t.string({
      required: false,
      validate: field.text(2000),
      description: 'What the commission noted; required when the reason is OTHER.',
    }),
  }),
  validate: noteRequiredForOther,
});

const TakeMinorOffRegisterInput = builder.inputType('TakeMinorOffRegisterInput', {
  description:
    'A commission’s resolution taking one minor off the register while the family’s registration stays open ' +
    'for the siblings.',
  fields: (t) => ({
    registrationId: t.id({
      validate: field.id(),
      description: 'The open registration that names the minor.',
    }),
    version: t.int({ validate: field.version(), description: 'The registration’s version last read.' }),
    minorId: t.id({ validate: field.id(), description: 'The minor taken off the register.' }),
    leftOn: t.field({
      type: 'Date',
      validate: field.pastDate(),
      description:
        'The day the minor is taken off the register: the resolution’s date. Not counted from that day on.',
    }),
    reason: t.field({ type: ClosingReasonEnum, description: 'Why: the same reasons as for closing.' }),
    resolution: t.field({ type: ResolutionInput, description: 'The resolution; dated `leftOn`.' }),
    note: t.string({
      required: false,
      validate: field.text(2000),
      description: 'What the commission noted; required when the reason is OTHER.',
    }),
  }),
  validate: noteRequiredForOther.pipe(
    inputRule<MinorTakenOff>(
      'leftOn',
      'must be the resolution’s date: a minor leaves the register by the resolution, on its day',
      (input) => input.leftOn.getTime() === input.resolution.date.getTime(),
    ),
  ),
});

builder.mutationFields((t) => ({
  registerFamily: t.field({
    type: Family,
    description: 'Puts a family and its minors on the register by a commission’s resolution.',
    args: { input: t.arg({ type: RegisterFamilyInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { access, db, agencies }) => registerFamily(db, access, agencies, input),
  }),
  addMinorToRegistration: t.field({
    type: Registration,
    description: 'Puts one more minor of the family on its open registration.',
    args: { input: t.arg({ type: AddMinorInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { access, db }) => addMinor(db, access, input),
  }),
  closeRegistration: t.field({
    type: Registration,
    description: 'Takes a family off the register by a commission’s resolution.',
    args: { input: t.arg({ type: CloseRegistrationInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { access, db }) => closeRegistration(db, access, input),
  }),
  takeMinorOffRegister: t.field({
    type: Registration,
    description:
      'Takes one minor off the register by a commission’s resolution while the registration stays open for ' +
      'the siblings (the last minor leaves with the registration: close it instead).',
    args: { input: t.arg({ type: TakeMinorOffRegisterInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { access, db }) => takeMinorOffRegister(db, access, input),
  }),
}));

addReconciliationFacts(builder, { registrations: (context, query) => registrationFacts(context.db, query) });
