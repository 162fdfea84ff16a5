import { ClosingReason, type Registration as RegistrationRecord } from '@kdn/prisma/registry';
import { builder } from '../builder.ts';

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

export const Registration = builder.objectRef<RegistrationRecord>('Registration');

export const RegisterFilter = builder.inputType('RegisterFilter', {
  description: 'Which families or minors a list holds.',
  fields: (t) => ({
    districtCode: t.string({ required: false, description: 'Only those of this district.' }),
    onRegister: t.boolean({
      required: false,
      description: 'Only those on the register (true) or not on it (false) on `asOf`; all when omitted.',
    }),
    asOf: t.field({
      type: 'Date',
      required: false,
      description: 'The day `onRegister` refers to; today when omitted.',
    }),
  }),
});
