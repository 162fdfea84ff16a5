import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Stack, startStack } from '../stack.ts';
import { type Catalogue, createCatalogue, mutationsOfSchema, send } from './catalogue.ts';

let stack: Stack;
let catalogue: Catalogue;

beforeAll(async () => {
  stack = await startStack();
  catalogue = await createCatalogue(stack, 'race');
}, 180_000);
afterAll(() => stack?.stop());

/** Mutations whose input carries the version the client read: the edits of versioned records. */
const versionedMutations = [...mutationsOfSchema]
  .filter(([, { field }]) => {
    const input = field.args.find((arg) => arg.name === 'input');
    const type = input && 'ofType' in input.type ? input.type.ofType : input?.type;
    return type !== undefined && 'getFields' in type && 'version' in type.getFields();
  })
  .map(([name]) => name);

test('every versioned mutation has its parallel edits below', () => {
  const covered = catalogue.cases.filter((mutation) => mutation.versioned).map((mutation) => mutation.name);
  expect(covered.sort()).toEqual([...versionedMutations].sort());
  expect(versionedMutations.length).toBeGreaterThanOrEqual(12);
});

const clients = 5;

describe.each(versionedMutations)('%s', (name) => {
  test(`${clients} clients edit one record from the same version: one wins, the others get CONFLICT, and the winner's change stands`, async () => {
    const mutation = catalogue.cases.find((candidate) => candidate.name === name);
    if (!mutation?.versioned) throw new Error(`no versioned case for ${name}`);
    const inputs = await mutation.versioned.variants(await mutation.fresh(), clients);
    const answers = await Promise.all(inputs.map((input) => send(stack, mutation, input)));

    const winners = answers.flatMap((answer, index) => (answer.errors ? [] : [index]));
    expect(winners).toHaveLength(1);
    const losers = answers.filter((answer) => answer.errors);
    for (const loser of losers) {
      expect(loser.data?.[name] ?? null).toBeNull();
      expect(loser.errors?.map((error) => error.extensions?.code)).toEqual(['CONFLICT']);
    }
    const winner = inputs[winners[0] ?? -1] ?? {};
    expect(await mutation.versioned.readBack(winner)).toEqual(mutation.versioned.expected(winner));
  });
});
