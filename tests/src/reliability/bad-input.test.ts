import { graphql } from '@kdn/platform/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Stack, startStack } from '../stack.ts';
import { type Catalogue, createCatalogue, documentOf, type Input, mutationsOfSchema } from './catalogue.ts';
import { databaseState } from './database-state.ts';
import { badClientRequestIds, malformedInputs } from './malformed.ts';

let stack: Stack;
let catalogue: Catalogue;
/** A valid input of each mutation, never sent: every malformed input is made from one of these. */
const validInputs = new Map<string, Input>();
/** How many malformed requests of each kind were sent, for the summary. */
const tried = new Map<string, number>();

beforeAll(async () => {
  stack = await startStack();
  catalogue = await createCatalogue(stack, 'fuzz');
  for (const mutation of catalogue.cases) validInputs.set(mutation.name, await mutation.fresh());
}, 180_000);
afterAll(async () => {
  const total = [...tried.values()].reduce((sum, count) => sum + count, 0);
  const kinds = [...tried].map(([kind, count]) => `${kind}: ${count}`).join(', ');
  console.info(`bad input: ${total} malformed requests (${kinds})`);
  await stack?.stop();
});

/** Per mutation; 22 mutations make a few thousand requests in all. */
const runsPerMutation = Number(process.env.BAD_INPUT_RUNS ?? 120);

describe.each([...mutationsOfSchema])('%s', (name, { owner, field }) => {
  test(`${runsPerMutation} malformed inputs are refused as BAD_USER_INPUT, and nothing is written`, async () => {
    const mutation = catalogue.cases.find((candidate) => candidate.name === name);
    const valid = validInputs.get(name);
    const input = field.args.find((arg) => arg.name === 'input');
    if (!mutation || !valid || !input) throw new Error(`no valid input for ${name}`);
    const document = documentOf(name, mutation.selection);
    const urls = { gateway: stack.gateway, subgraph: stack[owner].url };
    const before = await databaseState(stack);

    const request = fc.oneof(
      { weight: 9, arbitrary: malformedInputs(valid, input.type, mutation.datesOutOfOrder) },
      {
        weight: 1,
        arbitrary: badClientRequestIds.map((clientRequestId) => ({
          malformation: { kind: 'bad client request id', path: ['clientRequestId'], value: clientRequestId },
          input: valid as unknown,
          clientRequestId,
        })),
      },
    );
    await fc.assert(
      fc.asyncProperty(request, fc.constantFrom('gateway' as const, 'subgraph' as const), async (sent, target) => {
        tried.set(sent.malformation.kind, (tried.get(sent.malformation.kind) ?? 0) + 1);
        const answer = await graphql<Record<string, unknown>>(urls[target], document, {
          input: sent.input,
          ...('clientRequestId' in sent ? { clientRequestId: sent.clientRequestId } : {}),
        });
        expect(answer.data?.[name] ?? null, sent.malformation.kind).toBeNull();
        expect(answer.errors?.length, sent.malformation.kind).toBeGreaterThan(0);
        for (const error of answer.errors ?? []) {
          expect(error.extensions?.code, `${sent.malformation.kind}: ${error.message}`).toBe(
            'BAD_USER_INPUT',
          );
        }
      }),
      { numRuns: runsPerMutation },
    );
    expect(await databaseState(stack)).toEqual(before);
  });
});
