import { subgraphTimeoutMs } from './config.ts';
import { serviceUnavailable } from './errors.ts';

/** A peer subgraph, and the `Authorization` header to call it with: the user's own, or a service's. */
export interface Peer {
  service: string;
  url: string;
  authorization: string;
}

export interface PeerRequest {
  /** An operation asking for one root field, … */
  query: string;
  /** … this one: its value is the answer. */
  field: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  /** How long the peer may hold its answer on purpose (a long poll): the timeout runs that much longer. */
  waitMs?: number;
  /** Ends the call early (a consumer stopping). */
  signal?: AbortSignal;
}

interface PeerResponse<Value> {
  data?: Record<string, Value | null> | null;
  errors?: Array<{ message: string }>;
}

/**
 * Posts a GraphQL request to a peer subgraph and answers the value of the field asked for, within
 * the subgraph timeout (`SUBGRAPH_TIMEOUT_MS`). A peer that does not answer in time, answers an
 * error or no value is SERVICE_UNAVAILABLE naming it, with the cause as the error's original error.
 */
export async function requestPeer<Value>(peer: Peer, request: PeerRequest): Promise<Value> {
  const { query, field, variables, operationName, waitMs = 0, signal } = request;
  const timeout = AbortSignal.timeout(waitMs + subgraphTimeoutMs());
  let body: PeerResponse<Value>;
  try {
    const response = await fetch(peer.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: peer.authorization },
      body: JSON.stringify({ query, ...(operationName ? { operationName } : {}), variables }),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    body = (await response.json()) as PeerResponse<Value>;
  } catch (error) {
    throw serviceUnavailable(peer.service, error);
  }
  const value = body.data?.[field];
  if (value == null || body.errors?.length) {
    throw serviceUnavailable(peer.service, new Error(body.errors?.[0]?.message ?? 'no data'));
  }
  return value;
}
