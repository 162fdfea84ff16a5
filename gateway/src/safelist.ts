import { readFileSync } from 'node:fs';
import type { ApolloServerOptions, ApolloServerPlugin } from '@apollo/server';
import { ErrorCode, type RequestContext } from '@kdn/platform';
import { GraphQLError } from 'graphql';

/**
 * A persisted query manifest in Apollo's format (`apollo-persisted-query-manifest`, the one Apollo
 * Router's safelisting reads too): the operations a known client sends, each with its id, the SHA-256
 * of its body.
 */
export interface OperationManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: Array<{ id: string; name: string; type: 'query' | 'mutation' | 'subscription'; body: string }>;
}

export type Safelist = ReadonlyMap<string, string>;

type PersistedQueryCache = NonNullable<
  Exclude<ApolloServerOptions<RequestContext>['persistedQueries'], false | undefined>['cache']
>;

export function readSafelist(manifestPath: string): Safelist {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as OperationManifest;
  return new Map(manifest.operations.map((operation) => [operation.id, operation.body]));
}

/**
 * Serves the safelisted operations by hash (`extensions.persistedQuery.sha256Hash` with no query), and
 * learns nothing from clients: operations are added to the safelist by building its manifest, not by
 * sending them.
 */
export function safelistedOperations(safelist: Safelist): PersistedQueryCache {
  const prefix = 'apq:';
  return {
    get: async (key) => safelist.get(key.startsWith(prefix) ? key.slice(prefix.length) : key),
    set: async () => {},
    delete: async () => false,
  };
}

/** When the safelist is required, any other operation is refused before it is planned or executed. */
export function requireSafelist(safelist: Safelist): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ queryHash }) {
          if (safelist.has(queryHash)) return;
          throw new GraphQLError('This operation is not on the safelist of this gateway', {
            extensions: { code: ErrorCode.OperationNotSafelisted, http: { status: 403 } },
          });
        },
      };
    },
  };
}
