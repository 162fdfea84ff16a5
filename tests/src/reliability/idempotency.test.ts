import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Stack, startStack } from '../stack.ts';
import { type Catalogue, createCatalogue, mutationsOfSchema, send } from './catalogue.ts';
import { databaseState, rowCounts, rowsAdded } from './database-state.ts';

let stack: Stack;
let catalogue: Catalogue;

beforeAll(async () => {
  stack = await startStack();
  catalogue = await createCatalogue(stack, 'retry');
}, 180_000);
afterAll(() => stack?.stop());

test('the catalogue covers every mutation of every subgraph', () => {
  expect(catalogue.cases.map((mutation) => mutation.name).sort()).toEqual(
    [...mutationsOfSchema.keys()].sort(),
  );
});

describe.each([...mutationsOfSchema.keys()])('%s with a client request id', (name) => {
  const mutation = () => {
    const found = catalogue.cases.find((candidate) => candidate.name === name);
    if (!found) throw new Error(`no case for ${name}`);
    return found;
  };

  test('a retry is applied once and answers as the first request did; another input under the same id is refused', async () => {
    const input = await mutation().fresh();
    const id = randomUUID();
    const before = await databaseState(stack);
    const first = await send(stack, mutation(), input, id);
    expect(first.errors).toBeUndefined();
    const applied = await databaseState(stack);
    expect(applied).not.toEqual(before);

    const retry = await send(stack, mutation(), input, id);
    expect(retry).toEqual(first);
    expect(await databaseState(stack)).toEqual(applied);

    const other = await mutation().fresh();
    const prepared = await databaseState(stack);
    const refused = await send(stack, mutation(), other, id);
    expect(refused.data?.[name] ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'clientRequestId',
    });
    expect(await databaseState(stack)).toEqual(prepared);
  });

  test('concurrent duplicates are applied once and all answer with its result', async () => {
    const sequential = await mutation().fresh();
    const beforeOne = rowCounts(await databaseState(stack));
    expect((await send(stack, mutation(), sequential, randomUUID())).errors).toBeUndefined();
    const oneApplication = rowsAdded(beforeOne, rowCounts(await databaseState(stack)));

    const input = await mutation().fresh();
    const id = randomUUID();
    const before = rowCounts(await databaseState(stack));
    const answers = await Promise.all([1, 2, 3, 4].map(() => send(stack, mutation(), input, id)));
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expect(answer).toEqual(answers[0]);
    }
    expect(rowsAdded(before, rowCounts(await databaseState(stack)))).toEqual(oneApplication);
  });
});

test('a client request id is 1 to 200 printable ASCII characters', async () => {
  const [mutation] = catalogue.cases;
  if (!mutation) throw new Error('empty catalogue');
  const input = await mutation.fresh();
  const before = await databaseState(stack);
  for (const id of ['', 'x'.repeat(201), 'with space', 'nul\u0000', 'ключ']) {
    const { errors } = await send(stack, mutation, input, id);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'clientRequestId' });
  }
  expect(await databaseState(stack)).toEqual(before);
});
