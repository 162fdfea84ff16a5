/** The platform's GraphQL gateway, queried from the server with plain `fetch`. */
import { ui } from './labels.ts';

export interface GraphQLError {
  message: string;
  extensions?: { code?: string; service?: string };
}

export interface GatewayResult<T> {
  /** Null only when nothing could be resolved; otherwise fields of a failed subgraph are null. */
  data: T | null;
  errors: GraphQLError[];
}

/** The gateway does not answer, or answers something that is not a GraphQL result. */
export class GatewayUnavailableError extends Error {}

export async function queryGateway<T>(
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GatewayResult<T>> {
  const url = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
      cache: 'no-store',
      signal: AbortSignal.timeout(15_000),
    });
  } catch (cause) {
    throw new GatewayUnavailableError(`The gateway at ${url} does not answer`, { cause });
  }
  const body = (await response.json().catch(() => null)) as Partial<GatewayResult<T>> | null;
  if (!body || (body.data === undefined && body.errors === undefined))
    throw new GatewayUnavailableError(`The gateway at ${url} answered ${response.status} without a result`);
  return { data: body.data ?? null, errors: body.errors ?? [] };
}

/**
 * What to tell the reader about the errors of a partial answer: which data is missing because a
 * subgraph is down, or the error itself when it is anything else.
 */
export function describeErrors(errors: GraphQLError[]): string[] {
  const notices = errors.map(({ message, extensions }) =>
    extensions?.code === 'SERVICE_UNAVAILABLE' && extensions.service
      ? ui.missingData(extensions.service)
      : message,
  );
  return [...new Set(notices)];
}
