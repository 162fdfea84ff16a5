import { field } from '@kdn/platform';
import {
  HousingCondition,
  IncomeLevel,
  RiskFactor,
  type SocialPassport as SocialPassportRecord,
} from '@kdn/prisma/registry';
import { z } from 'zod';
import { builder } from '../builder.ts';

export const HousingConditionEnum = builder.enumType(HousingCondition, {
  name: 'HousingCondition',
  description: 'Living conditions (жилищно-бытовые условия).',
  values: {
    SATISFACTORY: { description: 'Satisfactory (удовлетворительные).' },
    UNSATISFACTORY: { description: 'Unsatisfactory (неудовлетворительные).' },
    UNSANITARY: { description: 'Unsanitary (антисанитарные).' },
    NO_OWN_HOUSING: { description: 'No housing of their own (нет собственного жилья).' },
  },
});

export const IncomeLevelEnum = builder.enumType(IncomeLevel, {
  name: 'IncomeLevel',
  description: 'Income per family member against the regional subsistence minimum.',
  values: {
    BELOW_SUBSISTENCE: { description: 'Below the subsistence minimum (малоимущая семья).' },
    LOW: { description: 'Low, above the subsistence minimum.' },
    AVERAGE: { description: 'Average or above.' },
  },
});

export const RiskFactorEnum = builder.enumType(RiskFactor, {
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
export type SocialPassportShape = SocialPassportRecord & { districtCode: string };

export const SocialPassport = builder.objectRef<SocialPassportShape>('SocialPassport');

/** The rules of the passport's fields, the same whether it is written whole or changed. */
export const passportRules = {
  adults: z.number().int().min(0, 'must not be negative').max(20, 'must be at most 20'),
  children: z.number().int().min(0, 'must not be negative').max(30, 'must be at most 30'),
  monthlyIncome: z.number().int().min(0, 'must not be negative').max(10_000_000, 'is implausibly high'),
  riskFactors: z
    .array(z.enum(RiskFactor))
    .max(Object.keys(RiskFactor).length)
    .refine((factors) => new Set(factors).size === factors.length, 'lists a risk factor twice'),
  notes: field.text(2000),
};

export const SocialPassportInput = builder.inputType('SocialPassportInput', {
  description: 'A family’s social passport.',
  fields: (t) => ({
    adults: t.int({ validate: passportRules.adults, description: 'Adults living in the household.' }),
    children: t.int({ validate: passportRules.children, description: 'Children living in the household.' }),
    housing: t.field({ type: HousingConditionEnum, description: 'Living conditions.' }),
    monthlyIncome: t.int({
      required: false,
      validate: passportRules.monthlyIncome,
      description: 'Monthly income, roubles.',
    }),
    incomeLevel: t.field({ type: IncomeLevelEnum, description: 'Income level.' }),
    riskFactors: t.field({
      type: [RiskFactorEnum],
      validate: passportRules.riskFactors,
      description: 'Risk factors, each once.',
    }),
    notes: t.string({ required: false, validate: passportRules.notes, description: 'Other observations.' }),
  }),
});
