import { idCursorConnection, isUuid, present, today } from '@kdn/platform';
import { builder } from '../builder.ts';
import type { RegistryContext } from '../context.ts';
import { ifVisible } from '../family/access.ts';
import { Family } from '../family/refs.ts';
import { minorWhere } from '../registration/figures.ts';
import { RegisterFilter, Registration } from '../registration/refs.ts';
import { familyOfMinor, visibleMinors } from './access.ts';
import { fullYears, type MinorRow, withFamilyDistrict } from './figures.ts';
import { Minor, SexEnum } from './refs.ts';

/** What an agency carrying out the family's measures may read too: names and age (clause 3.1 of the curator regulation). */
const minimal = { family: familyOfMinor, minor: (minor: MinorRow) => minor.id, needs: 'minimal' } as const;
/** Anything else about the minor: only those who work the family's case. */
const full = { family: familyOfMinor, minor: (minor: MinorRow) => minor.id, needs: 'full' } as const;

Minor.implement({
  description: 'A minor (несовершеннолетний) of a family on the register.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of the minor.' }),
    family: t.field({
      type: Family,
      description: 'The family the minor lives in.',
      resolve: (minor, _args, { loaders }) => present(loaders.family.load(minor.familyId), 'family'),
    }),
    lastName: t.exposeString('lastName', { personalData: minimal, description: 'Last name (фамилия).' }),
    firstName: t.exposeString('firstName', { personalData: minimal, description: 'First name (имя).' }),
    patronymic: t.exposeString('patronymic', {
      nullable: true,
      personalData: minimal,
      description: 'Patronymic (отчество), if any.',
    }),
    fullName: t.string({
      personalData: minimal,
      description: 'Last name, first name and patronymic, as Russian documents write them.',
      resolve: (minor) => [minor.lastName, minor.firstName, minor.patronymic].filter(Boolean).join(' '),
    }),
    sex: t.field({ type: SexEnum, personalData: full, description: 'Sex.', resolve: (minor) => minor.sex }),
    birthDate: t.field({
      type: 'Date',
      personalData: minimal,
      description: 'Date of birth.',
      resolve: (minor) => minor.birthDate,
    }),
    age: t.int({
      personalData: minimal,
      description: 'Full years of age on the given day (today by default).',
      args: { on: t.arg({ type: 'Date', required: false, description: 'The day; today when omitted.' }) },
      resolve: (minor, { on }) => fullYears(minor.birthDate, on ?? today()),
    }),
    registrations: t.field({
      type: [Registration],
      description: 'The registrations that name this minor, newest first.',
      resolve: async (minor, _args, { loaders }) =>
        (await loaders.registrationsOfMinor.load(minor.id)).map((entry) => entry.registration),
    }),
  }),
});

/** A minor by id, null when there is none or the principal may not know of the family. */
async function visibleMinor(id: string, { access, loaders }: RegistryContext) {
  return isUuid(id) ? ifVisible(await loaders.minor.load(id), familyOfMinor, access) : null;
}

builder.asEntity(Minor, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, context) => visibleMinor(id, context),
});

builder.queryFields((t) => ({
  minors: t.connection({
    type: Minor,
    nullable: true,
    description: 'Minors, oldest record first, a page at a time.',
    args: { filter: t.arg({ type: RegisterFilter, required: false, description: 'Which minors.' }) },
    resolve: async (_root, args, { access, db }) => {
      const visible = visibleMinors(await access.familyRows());
      if (visible === null) {
        return idCursorConnection(
          args,
          async (): Promise<MinorRow[]> => [],
          async () => 0,
        );
      }
      const where = { AND: [minorWhere(args.filter), visible] };
      return idCursorConnection(
        args,
        ({ after, before, take, direction }) =>
          db.minor.findMany({
            where: { ...where, id: { ...(after ? { gt: after } : {}), ...(before ? { lt: before } : {}) } },
            include: withFamilyDistrict,
            orderBy: { id: direction },
            take,
          }),
        () => db.minor.count({ where }),
      );
    },
  }),
  minor: t.field({
    type: Minor,
    nullable: true,
    description: 'One minor by identifier; null when there is none, or none you may know of.',
    args: { id: t.arg.id({ description: 'The minor’s identifier.' }) },
    resolve: (_root, { id }, context) => visibleMinor(id, context),
  }),
}));
