import { addFamilyAudit, idCursorConnection, isUuid, today } from '@kdn/platform';
import type { Family as FamilyRecord } from '@kdn/prisma/registry';
import { builder } from '../builder.ts';
import type { RegistryContext } from '../context.ts';
import { District } from '../district/refs.ts';
import { Minor } from '../minor/refs.ts';
import { familyWhere, isOpenOn } from '../registration/figures.ts';
import { RegisterFilter, Registration } from '../registration/refs.ts';
import { SocialPassport } from '../social-passport/refs.ts';
import { familyOfFamily, ifVisible, visibleFamilies } from './access.ts';
import { Family, FamilyCompositionEnum } from './refs.ts';

const FamilyAudit = addFamilyAudit(builder, {
  service: 'registry',
  db: (context) => context.db,
  districtOf: async (familyId, { loaders }) =>
    isUuid(familyId) ? ((await loaders.family.load(familyId))?.districtCode ?? null) : null,
});

Family.implement({
  description:
    'A family (семья) in a socially dangerous situation, with its minors and its episodes on the register.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of the family.' }),
    district: t.field({
      type: District,
      nullable: true,
      description: 'The district where the family lives.',
      resolve: (family) => ({ code: family.districtCode }),
    }),
    address: t.exposeString('address', {
      description: 'Address of residence (адрес проживания).',
      personalData: { family: familyOfFamily },
    }),
    composition: t.field({
      type: FamilyCompositionEnum,
      description: 'Who brings the children up.',
      resolve: (family) => family.composition,
    }),
    socialPassport: t.field({
      type: SocialPassport,
      nullable: true,
      description: 'The family’s social passport (социальный паспорт семьи).',
      personalData: { family: familyOfFamily },
      resolve: async (family, _args, { loaders }) => {
        const passport = await loaders.passport.load(family.id);
        return passport && { ...passport, districtCode: family.districtCode };
      },
    }),
    minors: t.field({
      type: [Minor],
      description: 'The family’s minors, eldest first.',
      resolve: (family, _args, { loaders }) => loaders.minorsOfFamily.load(family.id),
    }),
    registrations: t.field({
      type: [Registration],
      description: 'Every episode of the family on the register, newest first.',
      resolve: (family, _args, { loaders }) => loaders.registrationsOfFamily.load(family.id),
    }),
    currentRegistration: t.field({
      type: Registration,
      nullable: true,
      description:
        'The registration that holds on the given day (today by default); null when the family is not on the register.',
      args: { asOf: t.arg({ type: 'Date', required: false, description: 'The day; today when omitted.' }) },
      resolve: async (family, { asOf }, { loaders }) => {
        const registrations = await loaders.registrationsOfFamily.load(family.id);
        return registrations.find((registration) => isOpenOn(registration, asOf ?? today())) ?? null;
      },
    }),
    version: t.exposeInt('version', { description: 'Changes with every update of the family record.' }),
    audit: t.field({
      type: FamilyAudit,
      nullable: true,
      description:
        'Who viewed or changed the family’s personal data, and when: for the commission of its district, ' +
        'administrators and integrators allowed to read the audit.',
      resolve: (family) => ({ familyId: family.id }),
    }),
  }),
});

/** A family by id, null when there is none or the principal may not know of it. */
async function visibleFamily(id: string, { access, loaders }: RegistryContext) {
  return isUuid(id) ? ifVisible(await loaders.family.load(id), familyOfFamily, access) : null;
}

builder.asEntity(Family, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, context) => visibleFamily(id, context),
});

builder.queryFields((t) => ({
  families: t.connection({
    type: Family,
    nullable: true,
    description: 'Families, oldest record first, a page at a time.',
    args: { filter: t.arg({ type: RegisterFilter, required: false, description: 'Which families.' }) },
    resolve: async (_root, args, { access, db }) => {
      const visible = visibleFamilies(await access.familyRows());
      if (visible === null) {
        return idCursorConnection(
          args,
          async (): Promise<FamilyRecord[]> => [],
          async () => 0,
        );
      }
      const where = { AND: [familyWhere(args.filter), visible] };
      return idCursorConnection(
        args,
        ({ after, before, take, direction }) =>
          db.family.findMany({
            where: { ...where, id: { ...(after ? { gt: after } : {}), ...(before ? { lt: before } : {}) } },
            orderBy: { id: direction },
            take,
          }),
        () => db.family.count({ where }),
      );
    },
  }),
  family: t.field({
    type: Family,
    nullable: true,
    description: 'One family by its identifier; null when there is none, or none you may know of.',
    args: { id: t.arg.id({ description: 'The family’s identifier.' }) },
    resolve: (_root, { id }, context) => visibleFamily(id, context),
  }),
  familyAudit: t.field({
    type: FamilyAudit,
    nullable: true,
    description:
      'Who viewed or changed a family’s personal data, and when, by the family’s identifier: for the ' +
      'commission of its district, administrators and integrators allowed to read the audit.',
    args: { familyId: t.arg.id({ description: 'The family’s identifier.' }) },
    resolve: (_root, { familyId }) => (isUuid(familyId) ? { familyId } : null),
  }),
}));
