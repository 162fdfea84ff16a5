/**
 * Whether an error means the database could not be reached or dropped the connection, rather than
 * refused a statement: the server is down, restarting or out of connections. Such a request failed
 * through no fault of its own and may be retried (with the same client request id, for a mutation).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== null && typeof current === 'object'; depth += 1) {
    const candidate = current as ErrorLike;
    if (typeof candidate.code === 'string' && unavailableCodes.has(candidate.code)) return true;
    const driverError = candidate.meta?.driverAdapterError?.cause;
    if (driverError && isUnavailableDriverError(driverError)) return true;
    if (typeof candidate.message === 'string' && lostConnection.test(candidate.message)) return true;
    current = candidate.originalError ?? candidate.cause;
  }
  return false;
}

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: string; code?: string } } };
  originalError?: unknown;
  cause?: unknown;
}

/** Prisma's: can't reach the server, timed out, server closed the connection, no connection from the pool in time. */
const unavailableCodes = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);

const unavailableKinds = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);

/** SQLSTATE classes 08 (connection exception) and 57 (operator intervention: shutdown, restart, cancel). */
function isUnavailableDriverError({ kind, code }: { kind?: string; code?: string }): boolean {
  return unavailableKinds.has(kind ?? '') || (kind === 'postgres' && /^(08|57)/.test(code ?? ''));
}

/** What node-postgres says when a connection breaks mid-query or cannot be had. */
const lostConnection =
  /Connection terminated|not queryable|timeout exceeded when trying to connect|terminating connection|the database system is (starting up|shutting down|in recovery mode)/i;
