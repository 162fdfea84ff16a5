import { subgraphNames } from '@kdn/platform';
import { graphql, signedIn, testIntegrator } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Stack, startStack } from '../stack.ts';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ demo: true });
});
afterAll(() => stack?.stop());

const totalStatements = () => subgraphNames.reduce((sum, name) => sum + stack[name].db.statementCount(), 0);

/** Posts as a signed-in client (the all-scope test integrator), so that only the limits refuse it. */
async function post(body: string, headers: Record<string, string> = {}) {
  const response = await fetch(stack.gateway, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await signedIn(testIntegrator)), ...headers },
    body,
  });
  return { status: response.status, text: await response.text() };
}

/** A query that, were it run, would make every subgraph work: districts and their register and caseload. */
const district = 'district(code: "kirovsky") { name register(asOf: "2011-12-31") { families } }';

function nested(depth: number): string {
  let selection = 'code';
  for (let level = 0; level < depth; level += 1) selection = `resourceCentre { district { ${selection} } }`;
  return `{ district(code: "kirovsky") { ${selection} } }`;
}

describe('abusive requests are refused with a clear error before any subgraph works on them', () => {
  const abusive: Array<[string, () => string, RegExp]> = [
    ['depth 20', () => JSON.stringify({ query: nested(10) }), /depth limit of 12 exceeded/i],
    [
      '200 aliases',
      () =>
        JSON.stringify({
          query: `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: districts { code }`).join(' ')} }`,
        }),
      /aliases limit of 20 exceeded/i,
    ],
    [
      '10,000 tokens',
      () => JSON.stringify({ query: `{ district(code: "kirovsky") { ${'name '.repeat(10_000)} } }` }),
      /more th[ae][nt] 3000 tokens/i,
    ],
    [
      'a 1 MB body',
      () => JSON.stringify({ query: `{ ${district} }`, variables: { padding: 'я'.repeat(512 * 1024) } }),
      /body larger than/i,
    ],
    [
      'a batch of 100 operations',
      () => JSON.stringify(Array.from({ length: 100 }, () => ({ query: `{ ${district} }` }))),
      /batching/i,
    ],
  ];

  test.each(abusive)('%s', async (_name, body, message) => {
    const before = totalStatements();
    const { status, text } = await post(body());
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    const { errors } = JSON.parse(text) as {
      errors: Array<{ message: string; extensions: { code: string } }>;
    };
    expect(errors.map((error) => error.message)).toContainEqual(expect.stringMatching(message));
    for (const error of errors)
      expect(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST']).toContain(
        error.extensions.code,
      );
    expect(text).not.toMatch(/stacktrace|at \/|\.ts:\d+/);
    expect(totalStatements()).toBe(before);
  });

  test('the same query within the limits is answered', async () => {
    const { data, errors } = await graphql<{ district: { name: string; register: { families: number } } }>(
      stack.gateway,
      `{ ${district} }`,
    );
    expect(errors).toBeUndefined();
    expect(data?.district.register.families).toBe(25);
    const { errors: nestedErrors } = await graphql(stack.gateway, nested(5));
    expect(nestedErrors).toBeUndefined();
  });
});

describe('the gateway does not help an attacker', () => {
  test('a mistyped field gets no suggestion of the real names', async () => {
    const { errors } = await graphql(stack.gateway, '{ district(code: "kirovsky") { nam } }');
    expect(errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(errors?.[0]?.message).not.toMatch(/did you mean|name/i);
  });

  test('a simple cross-site request (form content type, no preflight) is refused', async () => {
    const before = totalStatements();
    const { status, text } = await post(`{"query":"{ ${district.replaceAll('"', '\\"')} }"}`, {
      'content-type': 'text/plain',
    });
    expect(status).toBe(400);
    expect(text).toMatch(/CSRF/i);
    expect(totalStatements()).toBe(before);
  });

  test('a body that is not JSON gets a GraphQL-shaped refusal, not a stack trace', async () => {
    const { status, text } = await post('{"query": ');
    expect(status).toBe(400);
    expect(JSON.parse(text)).toEqual({
      errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
    });
  });
});
