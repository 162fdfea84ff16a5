import { field, type SubgraphTypes } from '@kdn/platform';
import { MeasureCategory, type Measure as MeasureRecord } from '@kdn/prisma/programmes';
import type { InputObjectRef } from '@pothos/core';
import { z } from 'zod';
import { builder } from '../builder.ts';
import type { ProgrammesContext } from '../context.ts';
import type { PlannedMeasure } from './figures.ts';

export const Measure = builder.objectRef<MeasureRecord>('Measure');

/** The new measure a change proposes, with the programme it would join. */
export const ProposedMeasure = builder.objectRef<PlannedMeasure & { programmeId: string }>('ProposedMeasure');

export const MeasureCategoryEnum = builder.enumType(MeasureCategory, {
  name: 'MeasureCategory',
  description: 'What kind of help a measure gives (направление мероприятия).',
  values: {
    SOCIAL: { description: 'Social work and everyday help (социальные).' },
    PSYCHOLOGICAL: { description: 'Psychological help and counselling (психологические).' },
    EDUCATIONAL: { description: 'Schooling and upbringing (педагогические).' },
    MEDICAL: { description: 'Medical help and treatment (медицинские).' },
    LEGAL: { description: 'Legal help and prevention of offences (правовые, профилактические).' },
    LEISURE_SPORT: { description: 'Leisure, culture and sport (досуговые, спортивные).' },
    EMPLOYMENT: { description: 'Work for the parents or the teenagers (трудоустройство).' },
    SOCIAL_SUPPORT_BENEFITS: {
      description: 'Help with the documents for social support measures (оформление МСП).',
    },
    OTHER: { description: 'Any other measure.' },
  },
});

type Types = PothosSchemaTypes.ExtendDefaultTypes<SubgraphTypes<ProgrammesContext>>;

/** The fields of a new measure, in a new programme or in a proposed change. */
export function measureInputFields(t: PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>) {
  return {
    title: t.string({ validate: field.text(300), description: 'What is to be done, concretely.' }),
    category: t.field({ type: MeasureCategoryEnum, description: 'What kind of help it is.' }),
    agencyId: t.id({
      validate: field.id(),
      description: 'The responsible agency: of the programme’s district or another district of its city.',
    }),
    deadline: t.field({ type: 'Date', description: 'By when, inside the programme’s period.' }),
    priority: t.boolean({
      required: false,
      description: 'Whether it belongs to the priority plan; false when omitted.',
    }),
  };
}

/** A new measure's input as its resolver receives it: out of the priority plan when `priority` is omitted. */
export function withPriorityDefault<Fields extends { priority?: boolean | null }>(
  input: InputObjectRef<Types, Fields>,
) {
  return input.validate(
    z.custom<Fields>().transform((measure) => ({ ...measure, priority: measure.priority ?? false })),
  );
}
