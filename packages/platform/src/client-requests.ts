import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import SchemaBuilder, {
  BasePlugin,
  type PothosInputFieldConfig,
  type PothosOutputFieldConfig,
  type SchemaTypes,
} from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import { auditWrite } from './audit/writes.ts';
import type { RequestContext } from './context.ts';
import { badInput } from './errors.ts';

/**
 * Idempotent retries. Every mutation takes an optional `clientRequestId`; the first request with a
 * given id is applied and its result stored in the service's `ClientRequest` table in the same
 * transaction as the mutation's own writes, beside the write's audit record. A retry with that id answers with the stored result and
 * writes nothing; the same id with another input is bad input. Concurrent duplicates queue on the
 * table's primary key: the first one applies, the others then answer with its result.
 */

/** Raw SQL on a service's database or on one of its transactions (a Prisma client offers both methods). */
export interface SqlClient {
  $queryRawUnsafe<Row = unknown>(query: string, ...values: unknown[]): PromiseLike<Row>;
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
}

interface TransactionalClient<Tx extends SqlClient> {
  $transaction<Result>(work: (tx: Tx) => Promise<Result>): PromiseLike<Result>;
}

/** A client request the service has applied, as its `ClientRequest` table keeps it. */
interface StoredRequest {
  operation: string;
  inputHash: string;
  result: string | null;
}

/** The request being served: which mutation, with which input, under which id. */
interface ClientRequest {
  key: string;
  operation: string;
  inputHash: string;
  /** Set when the mutation's transaction has recorded the id. */
  recorded: boolean;
}

const currentRequest = new AsyncLocalStorage<ClientRequest>();

/** What the transaction being run asked to do once it has committed. */
const commitCallbacks = new AsyncLocalStorage<Array<() => void>>();

/**
 * Runs `callback` once the `transaction()` this is called in has committed (never if it rolls
 * back); outside one, on the next tick.
 */
export function onCommit(callback: () => void): void {
  const callbacks = commitCallbacks.getStore();
  if (callbacks) callbacks.push(callback);
  else setImmediate(callback);
}

/** Where a subgraph finds the client requests it applied before (the request context carries it). */
export interface ClientRequestLog {
  find(key: string): Promise<StoredRequest | null>;
}

export function clientRequestLog(db: SqlClient): ClientRequestLog {
  return { find: (key) => findRequest(db, key) };
}

async function findRequest(db: SqlClient, key: string): Promise<StoredRequest | null> {
  const rows = await db.$queryRawUnsafe<StoredRequest[]>(
    'SELECT operation, "inputHash", result FROM "ClientRequest" WHERE key = $1',
    key,
  );
  return rows[0] ?? null;
}

/**
 * The one transaction of a mutation. With a client request id, it first claims the id (a concurrent
 * duplicate waits here until the first commits, then answers with its result), and stores the
 * result before committing, so the mutation and its record commit or roll back together.
 */
export async function transaction<Tx extends SqlClient, Result>(
  db: TransactionalClient<Tx>,
  work: (tx: Tx) => Promise<Result>,
): Promise<Result> {
  const callbacks: Array<() => void> = [];
  const result = await commitCallbacks.run(callbacks, () => runTransaction(db, work));
  for (const callback of callbacks) callback();
  return result;
}

async function runTransaction<Tx extends SqlClient, Result>(
  db: TransactionalClient<Tx>,
  work: (tx: Tx) => Promise<Result>,
): Promise<Result> {
  const request = currentRequest.getStore();
  if (!request) {
    return db.$transaction(async (tx) => {
      const result = await work(tx);
      await auditWrite(tx, result);
      return result;
    });
  }
  if (request.recorded) throw new Error(`${request.operation} opened a second transaction`);
  request.recorded = true;
  return db.$transaction(async (tx) => {
    const claimed = await tx.$executeRawUnsafe(
      'INSERT INTO "ClientRequest" (key, operation, "inputHash") VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING',
      request.key,
      request.operation,
      request.inputHash,
    );
    if (claimed === 0) return replay(await findRequest(tx, request.key), request) as Result;
    const result = await work(tx);
    await auditWrite(tx, result);
    await tx.$executeRawUnsafe(
      'UPDATE "ClientRequest" SET result = $2 WHERE key = $1',
      request.key,
      encodeResult(result),
    );
    return result;
  });
}

function replay(stored: StoredRequest | null, request: ClientRequest): unknown {
  if (!stored?.result) throw new Error(`client request ${request.key} has no stored result`);
  if (stored.operation !== request.operation || stored.inputHash !== request.inputHash) {
    throw badInput(
      'clientRequestId',
      'was already used for another request: send a new id with a new input, the same id only to retry',
    );
  }
  return decodeResult(stored.result);
}

/** Printable ASCII without spaces: a UUID fits, and nothing a log line or a text column would mangle. */
const keyPattern = /^[\x21-\x7e]{1,200}$/;

/** Wraps a mutation's resolver: answers a retry from the log, and otherwise runs it under its client request. */
function idempotent<Context extends RequestContext>(
  resolve: GraphQLFieldResolver<unknown, Context, Record<string, unknown>>,
  operation: string,
): GraphQLFieldResolver<unknown, Context, Record<string, unknown>> {
  return async (parent, args, context, info) => {
    const { clientRequestId: key, ...input } = args;
    if (key == null) return resolve(parent, args, context, info);
    if (typeof key !== 'string' || !keyPattern.test(key)) {
      throw badInput('clientRequestId', 'must be 1 to 200 printable ASCII characters without spaces');
    }
    if (!context.clientRequests) throw new Error('the request context has no client request log');
    // The user is part of the hash: another user's retry with the same id and input gets no stored result.
    const inputHash = hashOf({ input, user: context.principal.userId });
    const request: ClientRequest = { key, operation, inputHash, recorded: false };
    const stored = await context.clientRequests.find(key);
    if (stored) return replay(stored, request);
    const result = await currentRequest.run(request, () => resolve(parent, args, context, info));
    if (!request.recorded) throw new Error(`${operation} did not write through transaction()`);
    return result;
  };
}

function hashOf(input: Record<string, unknown>): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(input)))
    .digest('hex');
}

/** The input with its object keys sorted, so the same input always hashes the same. */
function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, item]) => [key, canonical(item)]),
    );
  }
  return value;
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

const pluginName = 'clientRequests';

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      clientRequests: ClientRequestsPlugin<Types>;
    }
  }
}

/** Adds the optional `clientRequestId` argument to every mutation and makes the mutation idempotent on it. */
export class ClientRequestsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>) {
    if (fieldConfig.kind !== 'Mutation') return fieldConfig;
    const description =
      'An id the client chooses for this request: a UUID, or 1 to 200 printable ASCII characters. A retry with the same id is ' +
      'applied once and answers as the first request did; the same id with another input is refused.';
    const clientRequestId: PothosInputFieldConfig<Types> = {
      kind: 'Arg',
      graphqlKind: 'Arg',
      name: 'clientRequestId',
      parentField: fieldConfig.name,
      parentType: fieldConfig.parentType,
      type: { kind: 'Scalar', ref: 'ID', required: false },
      description,
      pothosOptions: { description } as PothosInputFieldConfig<Types>['pothosOptions'],
      extensions: {},
    };
    return { ...fieldConfig, args: { ...fieldConfig.args, clientRequestId } };
  }

  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (fieldConfig.kind !== 'Mutation') return resolver;
    return idempotent(resolver, fieldConfig.name) as GraphQLFieldResolver<unknown, Types['Context'], object>;
  }
}

SchemaBuilder.registerPlugin(pluginName, ClientRequestsPlugin);

export default pluginName;
