import type { GraphQLFormattedError } from 'graphql';
import { type Claims, integratorScopes } from '../access/principal.ts';
import { signDevelopmentToken } from '../access/tokens.ts';

export interface GraphQLResponse<Data> {
  data?: Data | null;
  errors?: GraphQLFormattedError[];
}

/**
 * The principal the tests act as unless they say otherwise: an integrator with every scope, the
 * way a regional system that synchronises the whole register would sign in.
 */
export const testIntegrator: Claims = {
  sub: 'test-integrator',
  role: 'INTEGRATOR',
  scope: integratorScopes.join(' '),
};

const tokens = new Map<string, Promise<string>>();

/** A development-key token for these claims, signed once per test process. */
export function tokenFor(claims: Claims): Promise<string> {
  const key = JSON.stringify(claims);
  let token = tokens.get(key);
  if (!token) {
    token = signDevelopmentToken(claims);
    tokens.set(key, token);
  }
  return token;
}

/** The `Authorization` header of a principal with these claims. */
export async function signedIn(claims: Claims): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await tokenFor(claims)}` };
}

/**
 * Posts one operation over real HTTP, as any client of the API would: signed in as the test
 * integrator unless `headers` carries an `authorization` of its own.
 */
export async function graphql<Data = Record<string, unknown>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<Data>> {
  const authorization = 'authorization' in headers ? {} : await signedIn(testIntegrator);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authorization, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<Data>;
}

/** The data of a response that must have succeeded; its errors, if any, fail the test with their messages. */
export async function graphqlData<Data = Record<string, unknown>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Data> {
  const { data, errors } = await graphql<Data>(url, query, variables, headers);
  if (errors?.length || !data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(errors ?? 'no data')}`);
  }
  return data;
}
