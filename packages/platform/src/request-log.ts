import { randomUUID } from 'node:crypto';
import type express from 'express';
import type { Logger } from './logger.ts';

/** Longer ids from a caller are replaced: they would only bloat every log line. */
const idLength = 200;

/**
 * Gives every request an id — the caller's `x-request-id` (the gateway passes its own on to the
 * subgraphs) or a new one — echoes it in the response, and logs one JSON line when it is answered,
 * so that one request can be followed through every process's log.
 */
export function identifyRequests(log: Logger): express.RequestHandler {
  return (request, response, next) => {
    const given = request.header('x-request-id');
    const requestId = given && given.length <= idLength ? given : randomUUID();
    response.locals.requestId = requestId;
    response.setHeader('x-request-id', requestId);
    const started = performance.now();
    response.on('finish', () => {
      const body = request.body as { operationName?: unknown } | undefined;
      log.info(
        {
          requestId,
          operation: typeof body?.operationName === 'string' ? body.operationName : null,
          user: response.locals.user ?? null,
          status: response.statusCode,
          ms: Math.round(performance.now() - started),
        },
        'request',
      );
    });
    next();
  };
}

/** The id `identifyRequests` gave the request. */
export function requestIdOf(response: express.Response): string {
  return String(response.locals.requestId);
}
