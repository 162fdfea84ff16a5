import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ApolloServer,
  type ApolloServerOptions,
  type ApolloServerPlugin,
  type BaseContext,
} from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { type Authenticate, authenticatorFromEnv } from './access/tokens.ts';
import type { RequestContext, SubgraphContext } from './context.ts';
import { isDatabaseUnavailable } from './database-errors.ts';
import { ErrorCode } from './errors.ts';
import { type Logger, rootLogger } from './logger.ts';
import { identifyRequests, requestIdOf } from './request-log.ts';

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

interface ServeOptions<Context extends BaseContext> {
  name: string;
  port: number;
  host?: string;
  /** Apollo Server options; error formatting, introspection and the common plugins are added here. */
  apollo: Omit<ApolloServerOptions<Context>, 'formatError' | 'introspection'>;
  context: (base: RequestContext, request: express.Request) => Promise<Context> | Context;
  /** Verifies the bearer token of every request; by default with the keys the environment names. */
  authenticate?: Authenticate;
  /** Readiness: resolves when the process can serve (its database answers), throws otherwise. */
  ready?: () => Promise<void>;
  /** How long a request may take in all before the client gets a TIMEOUT error instead of waiting on. */
  deadlineMs?: number;
}

/** Requests larger than this are refused before GraphQL parses them. */
const bodyLimit = process.env.GRAPHQL_BODY_LIMIT ?? '512kb';

/** Production hides the schema: no introspection, no landing page. Development shows both. */
const production = process.env.NODE_ENV === 'production';

/**
 * Serves GraphQL over HTTP at `/graphql`, with `/health` (the process is up) and `/ready`
 * (it can serve). Used by every subgraph and by the gateway.
 */
export async function serveGraphQL<Context extends BaseContext>(
  options: ServeOptions<Context>,
): Promise<RunningServer> {
  const log = rootLogger.child({ service: options.name });
  const authenticate = options.authenticate ?? authenticatorFromEnv();
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<Context>({
    ...options.apollo,
    introspection: !production,
    hideSchemaDetailsFromClientErrors: true,
    plugins: [
      ...(options.apollo.plugins ?? []),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      // No cache hints are given; left on, the plugin wraps every field's resolver to read them,
      // thousands of calls for a page of the country's resource centres.
      ApolloServerPluginCacheControlDisabled(),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
    formatError: (formatted, error) => maskInternalError(formatted, error, log, options.name),
  } as ApolloServerOptions<Context>);
  await apollo.start();

  app.get('/health', (_request, response) => {
    response.json({ status: 'ok', service: options.name });
  });
  app.get('/ready', async (_request, response) => {
    try {
      await options.ready?.();
      response.json({ status: 'ready', service: options.name });
    } catch (error) {
      log.warn({ err: error }, 'not ready');
      response.status(503).json({ status: 'unavailable', service: options.name });
    }
  });
  app.use(
    '/graphql',
    identifyRequests(log),
    ...(options.deadlineMs ? [answerBy(options.deadlineMs)] : []),
    express.json({ limit: bodyLimit }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = requestIdOf(res);
        const authorization = req.headers.authorization ?? '';
        const principal = await authenticate(authorization);
        res.locals.user = { userId: principal.userId, role: principal.role };
        return options.context({ requestId, log: log.child({ requestId }), principal, authorization }, req);
      },
    }),
  );

  app.use(refuseUnreadableBody);

  const host = options.host ?? process.env.HOST ?? '127.0.0.1';
  await new Promise<void>((resolve) => httpServer.listen(options.port, host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/graphql`;
  log.info({ url }, 'listening');
  return { url, stop: () => apollo.stop() };
}

function answerBy(deadlineMs: number): express.RequestHandler {
  return (_request, response, next) => {
    const timer = setTimeout(() => {
      if (response.headersSent) return;
      const message = `No answer within ${deadlineMs} ms`;
      response.status(504).json({ errors: [{ message, extensions: { code: ErrorCode.Timeout } }] });
    }, deadlineMs);
    response.on('close', () => clearTimeout(timer));
    next();
  };
}

/** A body too large or not JSON is refused in GraphQL's shape, before any resolver runs. */
const refuseUnreadableBody: express.ErrorRequestHandler = (error, _request, response, next) => {
  const status = typeof error?.status === 'number' ? error.status : undefined;
  if (!status || status >= 500) return next(error);
  const message =
    error.type === 'entity.too.large'
      ? `Request body larger than ${bodyLimit}`
      : 'Request body is not valid JSON';
  response.status(status).json({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
};

const publicCodes = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'DOWNSTREAM_SERVICE_ERROR',
]);

/**
 * Clients see our own error codes and GraphQL's, and SERVICE_UNAVAILABLE naming the service when its
 * database is out of reach; anything else is logged and shown as a bare internal error.
 */
function maskInternalError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: Logger,
  service: string,
): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && publicCodes.has(code)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  if (isDatabaseUnavailable(error)) {
    log.warn({ err: error }, 'database unavailable');
    return {
      message: `The ${service} service could not reach its database: try again`,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.ServiceUnavailable, service },
    };
  }
  log.error({ err: error }, 'internal error');
  return {
    message: 'Internal server error',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

export interface SubgraphOptions<Context extends SubgraphContext> {
  name: string;
  schema: GraphQLSchema;
  port: number;
  context: (base: RequestContext) => Context;
  ready?: () => Promise<void>;
}

export function serveSubgraph<Context extends SubgraphContext>(
  options: SubgraphOptions<Context>,
): Promise<RunningServer> {
  return serveGraphQL<Context>({
    name: options.name,
    port: options.port,
    apollo: { schema: options.schema, plugins: [auditOnAnswer()] },
    context: (base) => options.context(base),
    ...(options.ready ? { ready: options.ready } : {}),
  });
}

/**
 * A subgraph's answer that read personal data says so in this header, so that the gateway never
 * hands it to another request (whose reads would then go unaudited).
 */
export const personalDataHeader = 'x-personal-data';

/** When a request answers, its reads of personal data go to the audit as one record. */
function auditOnAnswer<Context extends SubgraphContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operationName, response }) {
          if (contextValue.audit.close(operationName ?? null)) {
            response.http.headers.set(personalDataHeader, 'read');
          }
        },
      };
    },
  };
}
