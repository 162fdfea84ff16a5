import { buildSchema, graphql } from 'graphql';
import { describe, expect, test } from 'vitest';
import { selectedFields } from './selection.ts';

const schema = buildSchema(`
  type Figures { a: Int b: Int c: Int d: Int nested: Figures }
  type Query { figures: Figures }
`);

async function askedFor(query: string): Promise<string[]> {
  let asked = new Set<string>();
  const result = await graphql({
    schema,
    source: query,
    rootValue: {
      figures: (_args: unknown, _context: unknown, info: Parameters<typeof selectedFields>[0]) => {
        asked = selectedFields(info);
        return {};
      },
    },
  });
  expect(result.errors).toBeUndefined();
  return [...asked].sort();
}

describe('the fields asked for under a field', () => {
  test('are those named directly, not those under them', async () => {
    expect(await askedFor('{ figures { a c nested { b } } }')).toEqual(['a', 'c', 'nested']);
  });

  test('include those of fragments and inline fragments, however nested', async () => {
    expect(
      await askedFor(`
        fragment B on Figures { b ... on Figures { d } }
        query { figures { ...B ... on Figures { a } } }`),
    ).toEqual(['a', 'b', 'd']);
  });

  test('include a field a directive may skip: computing it costs only time', async () => {
    expect(await askedFor('{ figures { a b @skip(if: true) } }')).toEqual(['a', 'b']);
  });
});
