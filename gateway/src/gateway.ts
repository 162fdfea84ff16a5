import { readFileSync } from 'node:fs';
import {
  ApolloGateway,
  type GraphQLDataSourceProcessOptions,
  RemoteGraphQLDataSource,
} from '@apollo/gateway';
import type { FetcherResponse } from '@apollo/utils.fetcher';
import { type RequestContext, type RunningServer, serveGraphQL, serviceUnavailable } from '@kdn/platform';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { alignBranches } from './plan-alignment.ts';
import { requestLimitProtection } from './request-limits.ts';
import { readSafelist, requireSafelist, safelistedOperations } from './safelist.ts';
import { subgraphFetcher } from './subgraph-fetch.ts';
import { supergraphPath } from './supergraph-path.ts';

export interface GatewayOptions {
  port: number;
  /** Where each subgraph answers, by name; defaults to the URLs composed into the supergraph. */
  subgraphUrls?: Record<string, string>;
  /** How long one subgraph fetch may take before the gateway gives up on that part of the answer. */
  subgraphTimeoutMs?: number;
  /** How long a whole request may take; longer than one subgraph fetch, so a slow subgraph costs only its fields. */
  requestTimeoutMs?: number;
  /**
   * The operations known clients send (a persisted query manifest): served by hash, and, when
   * `required` (production's default), the only operations the gateway runs.
   */
  safelist?: { manifestPath: string; required: boolean };
}

/** A data source that passes the request id and the token on and gives up on a slow subgraph, so one fault blanks only its fields. */
class SubgraphDataSource extends RemoteGraphQLDataSource<RequestContext> {
  constructor(
    private readonly name: string,
    url: string,
    timeoutMs: number,
  ) {
    super({ url, fetcher: subgraphFetcher(timeoutMs) });
  }

  /**
   * A subgraph that refused the request (e.g. a variable it could not coerce, HTTP 400) passes its own
   * error on; one that is down or too slow makes its fields null, with an error that names it.
   */
  override didEncounterError(error: Error, _request: unknown, response?: FetcherResponse): never {
    const refusal = subgraphRefusal(error);
    if (response && refusal) throw new GraphQLError(refusal.message, { extensions: refusal.extensions });
    throw serviceUnavailable(this.name, error);
  }

  /** The request id, and the user's token: each subgraph checks it again and applies the access policy itself. */
  override willSendRequest(options: GraphQLDataSourceProcessOptions<RequestContext>) {
    if (!('context' in options) || !options.context.requestId) return;
    options.request.http?.headers.set('x-request-id', options.context.requestId);
    options.request.http?.headers.set('authorization', options.context.authorization);
  }
}

// Duck-typed: the gateway's CommonJS copy of graphql is not the GraphQLError class this module imports.
function subgraphRefusal(error: Error & { extensions?: { response?: { body?: unknown } } }) {
  const body = error.extensions?.response?.body as { errors?: GraphQLFormattedError[] } | undefined;
  return body?.errors?.[0];
}

export async function startGateway(options: GatewayOptions): Promise<RunningServer> {
  const timeoutMs = options.subgraphTimeoutMs ?? 5000;
  const deadlineMs = options.requestTimeoutMs ?? 2 * timeoutMs;
  if (deadlineMs <= timeoutMs)
    throw new Error(
      `The request timeout (${deadlineMs} ms) must be longer than a subgraph's (${timeoutMs} ms)`,
    );
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(supergraphPath, 'utf8'),
    buildService: ({ name, url }) =>
      new SubgraphDataSource(name, options.subgraphUrls?.[name] ?? url ?? '', timeoutMs),
    experimental_didResolveQueryPlan: ({ queryPlan }) => alignBranches(queryPlan),
  });
  const limits = requestLimitProtection();
  const safelist = options.safelist && readSafelist(options.safelist.manifestPath);
  return serveGraphQL<RequestContext>({
    name: 'gateway',
    port: options.port,
    apollo: {
      gateway,
      ...limits,
      plugins: [
        ...limits.plugins,
        ...(safelist && options.safelist?.required ? [requireSafelist(safelist)] : []),
      ],
      persistedQueries: safelist ? { cache: safelistedOperations(safelist) } : false,
    },
    context: (base) => base,
    deadlineMs,
  });
}
