import { createHash } from 'node:crypto';
import SchemaBuilder, {
  BasePlugin,
  type PothosInputFieldConfig,
  type PothosOutputFieldConfig,
  type SchemaTypes,
} from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import { type ClientRequest, replay } from './client-request-log.ts';
import type { RequestContext } from './context.ts';
import { badInput } from './errors.ts';
import { asMutation } from './transaction.ts';

/**
 * Every mutation writes through exactly one `transaction()`, checked here whatever the request.
 * And retries are idempotent: every mutation takes an optional `clientRequestId`; the first request
 * with a given id is applied and its result stored in the service's `ClientRequest` table in the
 * same transaction as the mutation's own writes, beside the write's audit record. A retry with that
 * id answers with the stored result and writes nothing; the same id with another input is bad
 * input. Concurrent duplicates queue on the table's primary key: the first one applies, the others
 * then answer with its result.
 */

/** Printable ASCII without spaces: a UUID fits, and nothing a log line or a text column would mangle. */
const keyPattern = /^[\x21-\x7e]{1,200}$/;

/**
 * Wraps a mutation's resolver: answers a retry from the log, and otherwise runs it as a mutation
 * (one transaction), under its client request when one is sent.
 */
function asOneTransaction<Context extends RequestContext>(
  resolve: GraphQLFieldResolver<unknown, Context, Record<string, unknown>>,
  operation: string,
): GraphQLFieldResolver<unknown, Context, Record<string, unknown>> {
  return async (parent, args, context, info) => {
    const { clientRequestId: key, ...input } = args;
    const run = (request: ClientRequest | null) =>
      asMutation(operation, request, () => resolve(parent, args, context, info));
    if (key == null) return run(null);
    if (typeof key !== 'string' || !keyPattern.test(key)) {
      throw badInput('clientRequestId', 'must be 1 to 200 printable ASCII characters without spaces');
    }
    if (!context.clientRequests) throw new Error('the request context has no client request log');
    // The user is part of the hash: another user's retry with the same id and input gets no stored result.
    const inputHash = hashOf({ input, user: context.principal.userId });
    const request: ClientRequest = { key, operation, inputHash };
    const stored = await context.clientRequests.find(key);
    return stored ? replay(stored, request) : run(request);
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

const pluginName = 'clientRequests';

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      clientRequests: ClientRequestsPlugin<Types>;
    }
  }
}

/**
 * Adds the optional `clientRequestId` argument to every mutation and makes the mutation idempotent on
 * it; holds every mutation to its one transaction.
 */
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
    return asOneTransaction(resolver, fieldConfig.name) as GraphQLFieldResolver<
      unknown,
      Types['Context'],
      object
    >;
  }
}

SchemaBuilder.registerPlugin(pluginName, ClientRequestsPlugin);

export default pluginName;
