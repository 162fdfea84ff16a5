import { createRequire } from 'node:module';
import SchemaBuilder from '@pothos/core';
import { describe, expect, test } from 'vitest';
import { Access } from './access.ts';
import AccessPlugin from './plugin.ts';
import { claimsSchema, principalFrom } from './principal.ts';

// Pothos builds with graphql's CommonJS copy; the schema is executed with the same copy.
const { graphql } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

/** A figure of 2 resolved each way a resolver can: a value, a promise, a thenable that is no `Promise`. */
const builder = new SchemaBuilder<{ Context: { access: Access } }>({ plugins: [AccessPlugin] });
const thenable = (value: number): PromiseLike<number> => ({
  // biome-ignore lint/suspicious/noThenProperty: the point of the test is a thenable that is no Promise.
  then: (onFulfilled) => Promise.resolve(value).then(onFulfilled),
});
builder.queryType({
  fields: (t) => ({
    value: t.int({ figure: true, resolve: () => 2 }),
    promise: t.int({ figure: true, resolve: async () => 2 }),
    thenable: t.int({ figure: true, resolve: () => thenable(2) as unknown as number }),
  }),
});
const schema = builder.toSchema();

const contextOf = (claims: object) => ({
  access: new Access(principalFrom(claimsSchema.parse(claims)), {
    wardsOfCurator: async () => new Set(),
    familiesServedByAgency: async () => new Set(),
  }),
});

describe('a figure below 3', () => {
  test('is suppressed for a methodologist however its resolver answers', async () => {
    const result = await graphql({
      schema,
      source: '{ value promise thenable }',
      contextValue: contextOf({ sub: 'm', role: 'METHODOLOGIST' }),
    });
    expect(result).toEqual({ data: { value: null, promise: null, thenable: null } });
  });

  test('is shown to the district’s commission', async () => {
    const result = await graphql({
      schema,
      source: '{ value promise thenable }',
      contextValue: contextOf({ sub: 'c', role: 'COMMISSION', district: 'hill' }),
    });
    expect(result).toEqual({ data: { value: 2, promise: 2, thenable: 2 } });
  });
});
