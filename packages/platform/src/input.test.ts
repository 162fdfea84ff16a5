import { createRequire } from 'node:module';
import SchemaBuilder from '@pothos/core';
import ValidationPlugin from '@pothos/plugin-validation';
import { describe, expect, test } from 'vitest';
import { field, inputRule, invalidInput } from './input.ts';

const { graphql } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

/** A mutation whose input declares its rules where its fields are: on a field, a list item, the whole input. */
const builder = new SchemaBuilder<{ Context: object }>({
  plugins: [ValidationPlugin],
  validation: { validationError: invalidInput },
});
const MinorInput = builder.inputType('MinorInput', {
  fields: (t) => ({ name: t.string({ required: true, validate: field.text(20) }) }),
});
const FamilyInput = builder.inputType('FamilyInput', {
  fields: (t) => ({
    surname: t.string({ required: true, validate: field.text(20) }),
    minors: t.field({ type: [MinorInput], required: true }),
    visitedOn: t.string({ required: false }),
  }),
  validate: inputRule(
    'minors',
    'must name a minor when no visit is recorded',
    (family: { minors: unknown[]; visitedOn?: string | null }) =>
      family.minors.length > 0 || Boolean(family.visitedOn),
  ),
});
builder.queryType({ fields: (t) => ({ ok: t.boolean({ resolve: () => true }) }) });
builder.mutationType({
  fields: (t) => ({
    registerFamily: t.string({
      nullable: false,
      args: { input: t.arg({ type: FamilyInput, required: true }) },
      resolve: (_root, { input }) =>
        `${input.surname}: ${input.minors.map((minor) => minor.name).join(', ')}`,
    }),
  }),
});
const schema = builder.toSchema();

async function register(input: object) {
  return graphql({
    schema,
    source: 'mutation($input: FamilyInput!) { registerFamily(input: $input) }',
    variableValues: { input },
    contextValue: {},
  });
}

describe('a mutation’s input validated where it is declared', () => {
  test('reaches the resolver with its values as the rules give them (trimmed)', async () => {
    expect(await register({ surname: ' Ivanova ', minors: [{ name: 'Anna ' }] })).toEqual({
      data: { registerFamily: 'Ivanova: Anna' },
    });
  });

  test.each([
    [{ surname: ' ', minors: [{ name: 'Anna' }] }, 'input.surname', 'must not be empty'],
    [
      { surname: 'Ivanova', minors: [{ name: 'Anna' }, { name: 'x'.repeat(21) }] },
      'input.minors[1].name',
      'must be at most 20 characters',
    ],
    [{ surname: 'Ivanova', minors: [] }, 'input.minors', 'must name a minor when no visit is recorded'],
  ])('refuses %j as BAD_USER_INPUT naming %s', async (input, fieldName, message) => {
    const result = await register(input);
    expect(result.data).toBeNull();
    expect(result.errors?.map((error) => [error.message, error.extensions])).toEqual([
      [`${fieldName}: ${message}`, { code: 'BAD_USER_INPUT', field: fieldName }],
    ]);
  });
});
