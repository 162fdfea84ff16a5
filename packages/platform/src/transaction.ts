import { AsyncLocalStorage } from 'node:async_hooks';
import { auditWrite } from './audit/writes.ts';
import { type ClientRequest, claimRequest, findRequest, replay, storeResult } from './client-request-log.ts';
import type { SqlClient, TransactionalClient } from './sql-client.ts';

/** The mutation being served: the client request it answers, if one was sent, and its transactions so far. */
interface MutationScope {
  operation: string;
  request: ClientRequest | null;
  transactions: number;
}

const mutationScope = new AsyncLocalStorage<MutationScope>();

/** What the transaction being run asked to do once it has committed. */
const commitCallbacks = new AsyncLocalStorage<Array<() => void>>();

/**
 * Runs a mutation's resolver, which must write through exactly one `transaction()`: the one that
 * writes its audit record and, under a client request id, records the request with its result.
 * A resolver that answers having opened none is a programming error; a second one fails when opened.
 */
export async function asMutation<Result>(
  operation: string,
  request: ClientRequest | null,
  resolve: () => Result | PromiseLike<Result>,
): Promise<Result> {
  const scope: MutationScope = { operation, request, transactions: 0 };
  const result = await mutationScope.run(scope, async () => await resolve());
  if (scope.transactions !== 1) {
    throw new Error(`${operation} wrote through ${scope.transactions} transactions, not one transaction()`);
  }
  return result;
}

/**
 * Runs `callback` once the `transaction()` this is called in has committed (never if it rolls
 * back); outside one, on the next tick.
 */
export function onCommit(callback: () => void): void {
  const callbacks = commitCallbacks.getStore();
  if (callbacks) callbacks.push(callback);
  else setImmediate(callback);
}

/**
 * The one transaction of a mutation, with the write's audit record. Under a client request id, it
 * first claims the id (a concurrent duplicate waits here until the first commits, then answers
 * with its result), and stores the result before committing, so the mutation and its record
 * commit or roll back together. Outside a mutation (an event's reaction), a transaction of its own.
 */
export async function transaction<Tx extends SqlClient, Result>(
  db: TransactionalClient<Tx>,
  work: (tx: Tx) => Promise<Result>,
): Promise<Result> {
  const mutation = mutationScope.getStore();
  if (mutation) {
    mutation.transactions += 1;
    if (mutation.transactions > 1) throw new Error(`${mutation.operation} opened a second transaction`);
  }
  const callbacks: Array<() => void> = [];
  const result = await commitCallbacks.run(callbacks, () => runTransaction(db, work, mutation?.request));
  for (const callback of callbacks) callback();
  return result;
}

async function runTransaction<Tx extends SqlClient, Result>(
  db: TransactionalClient<Tx>,
  work: (tx: Tx) => Promise<Result>,
  request: ClientRequest | null | undefined,
): Promise<Result> {
  return await db.$transaction(async (tx) => {
    if (request && !(await claimRequest(tx, request))) {
      return replay(await findRequest(tx, request.key), request) as Result;
    }
    const result = await work(tx);
    await auditWrite(tx, result);
    if (request) await storeResult(tx, request, result);
    return result;
  });
}
