import { field } from '@kdn/platform';
import { z } from 'zod';
import { builder } from '../builder.ts';
import { familyOfRecord } from '../family/access.ts';
import { Family } from '../family/refs.ts';
import { updateSocialPassport } from './changes.ts';
import {
  HousingConditionEnum,
  IncomeLevelEnum,
  passportRules,
  RiskFactorEnum,
  SocialPassport,
} from './refs.ts';

/** Every field of the passport describes the family's life: only those who work its case read it in full. */
const ofFamily = { family: familyOfRecord };

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

/** The passport always states these: a change may omit them (they stay as they are) but not clear them. */
const alwaysStated = ['adults', 'children', 'housing', 'incomeLevel', 'riskFactors'] as const;

const noneCleared = z
  .custom<Partial<Record<(typeof alwaysStated)[number], unknown>>>()
  .superRefine((input, ctx) => {
    for (const name of alwaysStated) {
      if (input[name] === null)
        ctx.addIssue({ code: 'custom', path: [name], message: 'must not be null: omit it to keep it' });
    }
  });

const UpdateSocialPassportInput = builder.inputType('UpdateSocialPassportInput', {
  description: 'Changes to a family’s social passport; omitted fields stay as they are.',
  fields: (t) => ({
    familyId: t.id({ validate: field.id(), description: 'The family.' }),
    version: t.int({
      validate: field.version(),
      description: 'The passport’s version last read; a stale one is refused with `CONFLICT`.',
    }),
    adults: t.int({
      required: false,
      validate: passportRules.adults,
      description: 'Adults living in the household.',
    }),
    children: t.int({
      required: false,
      validate: passportRules.children,
      description: 'Children living in the household.',
    }),
    housing: t.field({ type: HousingConditionEnum, required: false, description: 'Living conditions.' }),
    monthlyIncome: t.int({
      required: false,
      validate: passportRules.monthlyIncome,
      description: 'Monthly income, roubles.',
    }),
    incomeLevel: t.field({ type: IncomeLevelEnum, required: false, description: 'Income level.' }),
    riskFactors: t.field({
      type: [RiskFactorEnum],
      required: false,
      validate: passportRules.riskFactors,
      description: 'Risk factors, replacing the list.',
    }),
    notes: t.string({ required: false, validate: passportRules.notes, description: 'Other observations.' }),
  }),
  validate: noneCleared,
});

builder.mutationField('updateSocialPassport', (t) =>
  t.field({
    type: Family,
    description: 'Updates a family’s social passport.',
    args: { input: t.arg({ type: UpdateSocialPassportInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { access, db }) => updateSocialPassport(db, access, input),
  }),
);
