import { readFile, stat } from 'node:fs/promises';
import { signDevelopmentToken } from '../access/tokens.ts';
import { requestPeer } from '../peer-request.ts';
import type { EventEnvelope, Producer } from './catalogue.ts';

export interface FeedRequest {
  after: string;
  first: number;
  waitSeconds: number;
  familyIds?: readonly string[];
  signal?: AbortSignal;
}

/** A producer's events as a consumer reads them. */
export interface EventFeed {
  read(request: FeedRequest): Promise<EventEnvelope[]>;
}

/** The root field under which a producer serves its events. */
export function feedField(producer: Producer): string {
  return `${producer}Events`;
}

export const envelopeSelection =
  'id type version position effectiveOn occurredAt familyId agencyId districtCode requestId userId payload';

/**
 * Reads a producer's events through its own GraphQL API (never its tables), signed in as the
 * consuming service. A long poll: the producer answers as soon as it has an event, or after
 * `waitSeconds` with none.
 */
export function httpEventFeed(
  producer: Producer,
  url: () => string,
  token: () => Promise<string>,
): EventFeed {
  const field = feedField(producer);
  const query = `query ReadEvents($after: String!, $first: Int!, $waitSeconds: Int!, $familyIds: [ID!]) {
    ${field}(after: $after, first: $first, waitSeconds: $waitSeconds, familyIds: $familyIds) { events { ${envelopeSelection} } }
  }`;
  return {
    async read({ after, first, waitSeconds, familyIds, signal }) {
      const page = await requestPeer<{ events: EventEnvelope[] }>(
        { service: producer, url: url(), authorization: `Bearer ${await token()}` },
        {
          query,
          field,
          operationName: 'ReadEvents',
          variables: { after, first, waitSeconds, familyIds: familyIds ?? null },
          waitMs: waitSeconds * 1000,
          ...(signal ? { signal } : {}),
        },
      );
      return page.events.map((event) => ({
        ...event,
        producer,
        effectiveOn: new Date(event.effectiveOn),
        occurredAt: new Date(event.occurredAt),
      }));
    },
  };
}

/**
 * The consuming service's own bearer token. In production the deployment keeps a token from the
 * identity provider (client credentials, scope `events:read`) in the file `EVENTS_TOKEN_FILE`, read
 * again whenever it changes; elsewhere the service signs one with the development key.
 */
export function serviceToken(service: string, env: NodeJS.ProcessEnv = process.env): () => Promise<string> {
  const file = env.EVENTS_TOKEN_FILE;
  if (file) {
    let cached: { mtimeMs: number; token: string } | undefined;
    return async () => {
      const { mtimeMs } = await stat(file);
      if (cached?.mtimeMs !== mtimeMs) cached = { mtimeMs, token: (await readFile(file, 'utf8')).trim() };
      return cached.token;
    };
  }
  if (env.NODE_ENV === 'production') {
    return () =>
      Promise.reject(new Error('Production needs EVENTS_TOKEN_FILE: a token with the scope events:read'));
  }
  let signed: { token: Promise<string>; renewAt: number } | undefined;
  return () => {
    if (!signed || Date.now() > signed.renewAt) {
      signed = {
        token: signDevelopmentToken(
          { sub: `service:${service}`, role: 'INTEGRATOR', scope: 'events:read' },
          { expiresIn: '1h' },
        ),
        renewAt: Date.now() + 50 * 60_000,
      };
    }
    return signed.token;
  };
}
