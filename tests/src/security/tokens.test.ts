import { demoUser } from '@kdn/demo';
import { signDevelopmentToken, subgraphNames } from '@kdn/platform';
import { testIntegrator, tokenFor } from '@kdn/platform/testing';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Stack, startStack } from '../stack.ts';
import { errorCodes, send } from './principals.ts';

/**
 * A request whose token is missing, expired, wrongly signed, for another audience or issuer, unsigned
 * (`alg: none`), signed with a shared secret, or whose claims do not fit its role is refused with
 * UNAUTHENTICATED (HTTP 401), never a partial answer, and nothing runs: no SQL in any subgraph. The
 * gateway and every subgraph check the token themselves.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ demo: true });
});
afterAll(() => stack?.stop());

const commission = demoUser('commission-kirovsky').claims;
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

/** A token signed with a key of our own, not the platform's. */
async function signedWithAnotherKey(kid?: string) {
  const { privateKey } = await generateKeyPair('ES256');
  return new SignJWT({ ...commission })
    .setProtectedHeader({ alg: 'ES256', ...(kid ? { kid } : {}) })
    .setIssuer('kdn-development')
    .setAudience('kdn-platform')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);
}

/** The development token's own key id: a forger would name it to have its signature checked against it. */
async function developmentKeyId(): Promise<string> {
  const [header] = (await tokenFor(commission)).split('.');
  return (JSON.parse(Buffer.from(header ?? '', 'base64url').toString()) as { kid: string }).kid;
}

const badTokens: Array<[string, () => Promise<Record<string, string>>]> = [
  ['no Authorization header', async () => ({})],
  [
    'an expired token',
    async () => ({
      authorization: `Bearer ${await signDevelopmentToken(commission, { expiresIn: '1 minute ago' })}`,
    }),
  ],
  [
    'a token signed with another key, naming the platform’s key id',
    async () => ({ authorization: `Bearer ${await signedWithAnotherKey(await developmentKeyId())}` }),
  ],
  [
    'a token signed with another key',
    async () => ({ authorization: `Bearer ${await signedWithAnotherKey()}` }),
  ],
  [
    'a token for another audience',
    async () => ({
      authorization: `Bearer ${await signDevelopmentToken(commission, { audience: 'another-system' })}`,
    }),
  ],
  [
    'a token of another issuer',
    async () => ({
      authorization: `Bearer ${await signDevelopmentToken(commission, { issuer: 'someone-else' })}`,
    }),
  ],
  [
    'an unsigned token (alg: none)',
    async () => {
      const claims = {
        ...commission,
        iss: 'kdn-development',
        aud: 'kdn-platform',
        iat: now(),
        exp: now() + 3600,
      };
      return { authorization: `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.` };
    },
  ],
  [
    'a token signed with a shared secret (HS256)',
    async () => {
      const token = await new SignJWT({ ...commission })
        .setProtectedHeader({ alg: 'HS256', kid: await developmentKeyId() })
        .setIssuer('kdn-development')
        .setAudience('kdn-platform')
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('a shared secret anyone could have guessed'));
      return { authorization: `Bearer ${token}` };
    },
  ],
  [
    'a CURATOR token without the `curator` claim',
    async () => {
      const { curator: _curator, ...claims } = demoUser('curator-belousova').claims;
      return { authorization: `Bearer ${await signDevelopmentToken(claims)}` };
    },
  ],
  [
    'a COMMISSION token without its district',
    async () => ({
      authorization: `Bearer ${await signDevelopmentToken({ sub: 'someone', role: 'COMMISSION' })}`,
    }),
  ],
  [
    'a token with a role the platform does not know',
    async () => ({
      authorization: `Bearer ${await signDevelopmentToken({ ...commission, role: 'SUPERUSER' } as unknown as typeof commission)}`,
    }),
  ],
  ['a malformed header: Basic credentials', async () => ({ authorization: 'Basic dXNlcjpwYXNzd29yZA==' })],
  ['a malformed header: a bearer that is not a JWT', async () => ({ authorization: 'Bearer not-a-token' })],
  [
    'a malformed header: the token without `Bearer`',
    async () => ({ authorization: await tokenFor(commission) }),
  ],
  ['a malformed header: three parts of garbage', async () => ({ authorization: 'Bearer abc.def.ghi' })],
];

/** For each target, a query that would make it read personal data and figures, were it run. */
const queries = {
  gateway: `{ families(first: 3) { edges { node { id address minors { fullName } } } }
              district(code: "kirovsky") { name register(asOf: "2011-12-31") { families } } }`,
  agencies: '{ districts { code name } }',
  registry: '{ families(first: 3) { edges { node { id address minors { fullName } } } } }',
  curation: '{ curators(first: 3) { edges { node { id fullName } } } }',
  programmes: '{ programmes(first: 3) { edges { node { id number } } } }',
} as const;

type Target = keyof typeof queries;
const targets = Object.keys(queries) as Target[];
const urlOf = (target: Target) => (target === 'gateway' ? stack.gateway : stack[target].url);

const statementsBySubgraph = () =>
  Object.fromEntries(subgraphNames.map((name) => [name, stack[name].db.statementCount()]));

describe.each(targets)('sent to %s', (target) => {
  test.each(badTokens)('%s: UNAUTHENTICATED, HTTP 401, no data, no SQL', async (_name, headers) => {
    const sent = await headers();
    const before = statementsBySubgraph();
    const answer = await send(urlOf(target), sent, queries[target]);
    expect(answer.status).toBe(401);
    expect(errorCodes(answer).length).toBeGreaterThan(0);
    for (const code of errorCodes(answer)) expect(code).toBe('UNAUTHENTICATED');
    expect(answer.data ?? null).toBeNull();
    expect(statementsBySubgraph()).toEqual(before);
    // The refusal says why without echoing the token back.
    const token = sent.authorization?.split(' ').pop();
    if (token && token.length > 20) expect(answer.text).not.toContain(token);
    expect(answer.text).not.toMatch(/stacktrace|at \/|\.ts:\d+/);
  });

  test('the same query with a valid token is answered, and does run SQL', async () => {
    const before = statementsBySubgraph();
    const answer = await send(
      urlOf(target),
      { authorization: `Bearer ${await tokenFor(testIntegrator)}` },
      queries[target],
    );
    expect(answer.status).toBe(200);
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toBeTruthy();
    const after = statementsBySubgraph();
    expect(subgraphNames.some((name) => (after[name] ?? 0) > (before[name] ?? 0))).toBe(true);
  });
});
