import { badInput } from './errors.ts';
import type { SqlClient } from './sql-client.ts';

/**
 * The service's `ClientRequest` table: the client requests it has applied, each with its result,
 * so that a retry under the same id answers as the first request did.
 */

/** The request being served under a client request id: which mutation, with which input. */
export interface ClientRequest {
  key: string;
  operation: string;
  inputHash: string;
}

/** A client request the service has applied, as its `ClientRequest` table keeps it. */
export interface StoredRequest {
  operation: string;
  inputHash: string;
  result: string | null;
}

/** Where a subgraph finds the client requests it applied before (the request context carries it). */
export interface ClientRequestLog {
  find(key: string): Promise<StoredRequest | null>;
}

export function clientRequestLog(db: SqlClient): ClientRequestLog {
  return { find: (key) => findRequest(db, key) };
}

export async function findRequest(db: SqlClient, key: string): Promise<StoredRequest | null> {
  const rows = await db.$queryRawUnsafe<StoredRequest[]>(
    'SELECT operation, "inputHash", result FROM "ClientRequest" WHERE key = $1',
    key,
  );
  return rows[0] ?? null;
}

/**
 * Claims the request's id in the transaction; false when another request holds it. A concurrent
 * duplicate waits here, on the table's primary key, until the first one commits.
 */
export async function claimRequest(tx: SqlClient, request: ClientRequest): Promise<boolean> {
  const claimed = await tx.$executeRawUnsafe(
    'INSERT INTO "ClientRequest" (key, operation, "inputHash") VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING',
    request.key,
    request.operation,
    request.inputHash,
  );
  return claimed > 0;
}

export async function storeResult(tx: SqlClient, request: ClientRequest, result: unknown): Promise<void> {
  await tx.$executeRawUnsafe(
    'UPDATE "ClientRequest" SET result = $2 WHERE key = $1',
    request.key,
    encodeResult(result),
  );
}

/** The stored result of the request's id; the same id with another input is bad input. */
export function replay(stored: StoredRequest | null, request: ClientRequest): unknown {
  if (!stored?.result) throw new Error(`client request ${request.key} has no stored result`);
  if (stored.operation !== request.operation || stored.inputHash !== request.inputHash) {
    throw badInput(
      'clientRequestId',
      'was already used for another request: send a new id with a new input, the same id only to retry',
    );
  }
  return decodeResult(stored.result);
}

/** Results are database rows: JSON, with their dates marked so that a replay gives `Date`s back. */
function encodeResult(result: unknown): string {
  return JSON.stringify(result, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.toISOString() } : value;
  });
}

function decodeResult(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && '$date' in value && typeof value.$date === 'string') {
      return new Date(value.$date);
    }
    return value;
  });
}
