/** The platform's GraphQL gateway, queried from the server with plain `fetch`. */
import type { TypedDocumentString } from './generated/graphql.ts';

export interface GraphQLError {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; service?: string };
}

export interface GatewayResult<T> {
  /** Null only when nothing could be resolved; otherwise fields of a failed subgraph are null. */
  data: T | null;
  errors: GraphQLError[];
}

/** The gateway does not answer, or answers something that is not a GraphQL result. */
export class GatewayUnavailableError extends Error {}

/** The gateway refused the user's token (expired, or signed with a key it does not trust): sign in again. */
export class SignInRequiredError extends Error {}

/** Sent as the signed-in user, with the token of their session: the gateway and the subgraphs apply the policy. */
export async function queryGateway<T, Variables>(
  token: string,
  document: TypedDocumentString<T, Variables>,
  variables: Variables,
): Promise<GatewayResult<T>> {
  const url = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({ query: document.toString(), variables }),
      cache: 'no-store',
      signal: AbortSignal.timeout(15_000),
    });
  } catch (cause) {
    throw new GatewayUnavailableError(`The gateway at ${url} does not answer`, { cause });
  }
  const body = (await response.json().catch(() => null)) as Partial<GatewayResult<T>> | null;
  if (!body || (body.data === undefined && body.errors === undefined))
    throw new GatewayUnavailableError(`The gateway at ${url} answered ${response.status} without a result`);
  if (body.errors?.some(({ extensions }) => extensions?.code === 'UNAUTHENTICATED'))
    throw new SignInRequiredError('The gateway refused the session’s token');
  return { data: body.data ?? null, errors: body.errors ?? [] };
}

/** Whether the answer refused a part to the user's role. */
export const forbiddenIn = (errors: GraphQLError[]) =>
  errors.some(({ extensions }) => extensions?.code === 'FORBIDDEN');
