import { field } from '@kdn/platform';
import { Sex } from '@kdn/prisma/registry';
import { builder } from '../builder.ts';
import type { MinorRow } from './figures.ts';

export const SexEnum = builder.enumType(Sex, {
  name: 'Sex',
  description: 'Sex of a minor.',
  values: { FEMALE: { description: 'Female.' }, MALE: { description: 'Male.' } },
});

export const Minor = builder.objectRef<MinorRow>('Minor');

export const MinorInput = builder.inputType('MinorInput', {
  description: 'A minor to put on the register.',
  fields: (t) => ({
    lastName: t.string({ validate: field.text(100), description: 'Last name.' }),
    firstName: t.string({ validate: field.text(100), description: 'First name.' }),
    patronymic: t.string({ required: false, validate: field.text(100), description: 'Patronymic, if any.' }),
    sex: t.field({ type: SexEnum, description: 'Sex.' }),
    birthDate: t.field({ type: 'Date', validate: field.pastDate(), description: 'Date of birth.' }),
  }),
});
