import { type Access, field, parseInput, transaction, updateAtVersion } from '@kdn/platform';
import {
  HousingCondition,
  IncomeLevel,
  type PrismaClient,
  RiskFactor,
  type SocialPassport as SocialPassportRecord,
} from '@kdn/prisma/registry';
import { z } from 'zod';
import { requireWritesCases } from './access.ts';
import { builder } from './builder.ts';
import { Family } from './family.ts';

const HousingConditionEnum = builder.enumType(HousingCondition, {
  name: 'HousingCondition',
  description: 'Living conditions (жилищно-бытовые условия).',
  values: {
    SATISFACTORY: { description: 'Satisfactory (удовлетворительные).' },
    UNSATISFACTORY: { description: 'Unsatisfactory (неудовлетворительные).' },
    UNSANITARY: { description: 'Unsanitary (антисанитарные).' },
    NO_OWN_HOUSING: { description: 'No housing of their own (нет собственного жилья).' },
  },
});

const IncomeLevelEnum = builder.enumType(IncomeLevel, {
  name: 'IncomeLevel',
  description: 'Income per family member against the regional subsistence minimum.',
  values: {
    BELOW_SUBSISTENCE: { description: 'Below the subsistence minimum (малоимущая семья).' },
    LOW: { description: 'Low, above the subsistence minimum.' },
    AVERAGE: { description: 'Average or above.' },
  },
});

const RiskFactorEnum = builder.enumType(RiskFactor, {
  name: 'RiskFactor',
  description: 'Risk factors of the family’s situation (факторы риска).',
  values: {
    PARENTAL_ALCOHOL_ABUSE: { description: 'Parents abuse alcohol.' },
    PARENTAL_DRUG_USE: { description: 'Parents use drugs.' },
    NEGLECT: { description: 'Parents neglect their duties of upbringing and care.' },
    DOMESTIC_VIOLENCE: { description: 'Violence in the family.' },
    PARENTS_UNEMPLOYED: { description: 'Parents out of work.' },
    TRUANCY: { description: 'The minor misses school.' },
    OFFENCES_BY_MINOR: { description: 'The minor has committed offences.' },
    RUNNING_AWAY: { description: 'The minor runs away from home.' },
    DEBTS_FOR_HOUSING: { description: 'Debts for housing and utilities.' },
    NO_SOCIAL_SUPPORT_DOCUMENTS: {
      description: 'Parents have not collected the documents for social support measures (МСП).',
    },
    NO_LEISURE_INTERESTS: { description: 'The minor has no leading interests or leisure activities.' },
  },
});

/** A passport with the district of its family, which the policy needs for each of its fields. */
type SocialPassportShape = SocialPassportRecord & { districtCode: string };

export const SocialPassport = builder.objectRef<SocialPassportShape>('SocialPassport');

/** Every field of the passport describes the family's life: only those who work its case read it in full. */
const ofFamily = {
  family: ({ familyId, districtCode }: SocialPassportShape) => ({ familyId, districtCode }),
};

SocialPassport.implement({
  description:
    'The family’s social passport (социальный паспорт семьи): composition, housing, income, risk factors.',
  fields: (t) => ({
    adults: t.exposeInt('adults', { personalData: ofFamily, description: 'Adults living in the household.' }),
    children: t.exposeInt('children', {
      personalData: ofFamily,
      description: 'Children living in the household.',
    }),
    housing: t.field({
      type: HousingConditionEnum,
      personalData: ofFamily,
      description: 'Living conditions.',
      resolve: (p) => p.housing,
    }),
    monthlyIncome: t.exposeInt('monthlyIncome', {
      nullable: true,
      personalData: ofFamily,
      description: 'The household’s monthly income, roubles; null when unknown.',
    }),
    incomeLevel: t.field({
      type: IncomeLevelEnum,
      personalData: ofFamily,
      description: 'Income level.',
      resolve: (p) => p.incomeLevel,
    }),
    riskFactors: t.field({
      type: [RiskFactorEnum],
      personalData: ofFamily,
      description: 'Risk factors.',
      resolve: (p) => p.riskFactors,
    }),
    notes: t.exposeString('notes', {
      nullable: true,
      personalData: ofFamily,
      description: 'Other observations.',
    }),
    updatedAt: t.field({
      type: 'Date',
      personalData: ofFamily,
      description: 'The day the passport was last changed.',
      resolve: (passport) => passport.updatedAt,
    }),
    version: t.exposeInt('version', {
      personalData: ofFamily,
      description: 'Changes with every update; send it back to update the passport.',
    }),
  }),
});

export const socialPassportSchema = z.object({
  adults: z.number().int().min(0, 'must not be negative').max(20, 'must be at most 20'),
  children: z.number().int().min(0, 'must not be negative').max(30, 'must be at most 30'),
  housing: z.enum(HousingCondition),
  monthlyIncome: z
    .number()
    .int()
    .min(0, 'must not be negative')
    .max(10_000_000, 'is implausibly high')
    .nullish(),
  incomeLevel: z.enum(IncomeLevel),
  riskFactors: z
    .array(z.enum(RiskFactor))
    .max(Object.keys(RiskFactor).length)
    .refine((factors) => new Set(factors).size === factors.length, 'lists a risk factor twice'),
  notes: field.text(2000).nullish(),
});

export const SocialPassportInput = builder.inputType('SocialPassportInput', {
  description: 'A family’s social passport.',
  fields: (t) => ({
    adults: t.int({ description: 'Adults living in the household.' }),
    children: t.int({ description: 'Children living in the household.' }),
    housing: t.field({ type: HousingConditionEnum, description: 'Living conditions.' }),
    monthlyIncome: t.int({ required: false, description: 'Monthly income, roubles.' }),
    incomeLevel: t.field({ type: IncomeLevelEnum, description: 'Income level.' }),
    riskFactors: t.field({ type: [RiskFactorEnum], description: 'Risk factors, each once.' }),
    notes: t.string({ required: false, description: 'Other observations.' }),
  }),
});

const UpdateSocialPassportInput = builder.inputType('UpdateSocialPassportInput', {
  description: 'Changes to a family’s social passport; omitted fields stay as they are.',
  fields: (t) => ({
    familyId: t.id({ description: 'The family.' }),
    version: t.int({
      description: 'The passport’s version last read; a stale one is refused with `CONFLICT`.',
    }),
    adults: t.int({ required: false, description: 'Adults living in the household.' }),
    children: t.int({ required: false, description: 'Children living in the household.' }),
    housing: t.field({ type: HousingConditionEnum, required: false, description: 'Living conditions.' }),
    monthlyIncome: t.int({ required: false, description: 'Monthly income, roubles.' }),
    incomeLevel: t.field({ type: IncomeLevelEnum, required: false, description: 'Income level.' }),
    riskFactors: t.field({
      type: [RiskFactorEnum],
      required: false,
      description: 'Risk factors, replacing the list.',
    }),
    notes: t.string({ required: false, description: 'Other observations.' }),
  }),
});

const updateSchema = socialPassportSchema
  .partial()
  .extend({ familyId: field.id(), version: field.version() });

builder.mutationField('updateSocialPassport', (t) =>
  t.field({
    type: Family,
    description: 'Updates a family’s social passport.',
    args: { input: t.arg({ type: UpdateSocialPassportInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { access, db }) =>
      updateSocialPassport(db, access, parseInput(updateSchema, input)),
  }),
);

async function updateSocialPassport(db: PrismaClient, access: Access, input: z.output<typeof updateSchema>) {
  const { familyId, version, ...changes } = input;
  const data = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  return transaction(db, async (tx) => {
    const family = await tx.family.findUnique({ where: { id: familyId }, select: { districtCode: true } });
    requireWritesCases(access, family?.districtCode ?? null, 'changing the social passport of this family');
    await updateAtVersion(
      () =>
        tx.socialPassport.updateMany({
          where: { familyId, version },
          data: { ...data, version: { increment: 1 } },
        }),
      async () => (await tx.socialPassport.count({ where: { familyId } })) > 0,
      { field: 'input.familyId', what: 'social passport' },
    );
    return tx.family.findUniqueOrThrow({ where: { id: familyId } });
  });
}
