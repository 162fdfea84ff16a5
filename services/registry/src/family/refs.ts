import { FamilyComposition, type Family as FamilyRecord } from '@kdn/prisma/registry';
import { builder } from '../builder.ts';

export const FamilyCompositionEnum = builder.enumType(FamilyComposition, {
  name: 'FamilyComposition',
  description: 'Who brings the children up (состав семьи).',
  values: {
    TWO_PARENTS: { description: 'Both parents (полная семья).' },
    SINGLE_MOTHER: { description: 'The mother alone (неполная семья, мать).' },
    SINGLE_FATHER: { description: 'The father alone (неполная семья, отец).' },
    GUARDIAN: { description: 'A guardian or foster carer (опекун, попечитель).' },
    EXTENDED: { description: 'Parents with grandparents or other relatives (расширенная семья).' },
  },
});

export const Family = builder.objectRef<FamilyRecord>('Family');
