import http from 'node:http';
import type { Fetcher, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { personalDataHeader } from '@kdn/platform';
import { batchSameRequestReads } from './fetch-batching.ts';
import type { Answer } from './subgraph-answer.ts';

/**
 * The gateway's HTTP client to the subgraphs: node:http over kept-alive connections. Node's `fetch`
 * spent 3–4 ms of the gateway's CPU per request in its web streams alone (profiled on a family's
 * page, which makes four subgraph fetches); this reads the body as one string. Gives up after
 * `timeoutMs`, as the subgraph timeout says.
 *
 * A read the same user is already waiting for from the subgraph is not sent again: the waiting
 * requests share the answer, as Hive Gateway does (the directory half of ten methodologists' pages
 * of the country's resource centres is one fetch, not ten), or its failure. Not shared: writes,
 * answers other than 200, and answers that read personal data, each of which the subgraph audits
 * per request: each request waiting on one of those asks itself. Reads one request starts together
 * go as one (`batchSameRequestReads`).
 */
export function subgraphFetcher(timeoutMs: number): Fetcher {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const inFlight = new Map<string, Promise<Answer>>();
  const post = (url: string, init?: FetcherRequestInit) =>
    new Promise<Answer>((resolve, reject) => {
      const request = http.request(
        url,
        {
          agent,
          method: init?.method ?? 'POST',
          headers: init?.headers as http.OutgoingHttpHeaders,
          signal: AbortSignal.timeout(timeoutMs),
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              statusMessage: response.statusMessage ?? '',
              headers: response.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      request.on('error', reject);
      request.end(init?.body);
    });
  const send = batchSameRequestReads(post);

  return async (url: string, init?: FetcherRequestInit) => {
    const key = sharedReadKey(url, init);
    if (key === undefined) return answered(url, await send(url, init));
    const leader = inFlight.get(key);
    if (leader) {
      // A failure (the subgraph timed out, or is down) is every waiting request's, at the same time.
      const shared = await leader;
      return answered(url, shareable(shared) ? shared : await send(url, init));
    }
    const own = send(url, init);
    inFlight.set(key, own);
    try {
      return answered(url, await own);
    } finally {
      inFlight.delete(key);
    }
  };
}

/**
 * Apollo's data source posts `{"query":"<operation>",…}`, and the query planner prints a read as
 * `query …`: only those are shared, by the same user (token) with the same operation and variables.
 */
function sharedReadKey(url: string, init?: FetcherRequestInit): string | undefined {
  const body = init?.body;
  if (typeof body !== 'string' || !body.startsWith('{"query":"query')) return undefined;
  const headers = (init?.headers ?? {}) as Record<string, string | undefined>;
  return `${url}\n${headers.authorization ?? ''}\n${body}`;
}

function shareable(answer: Answer): boolean {
  return answer.status === 200 && answer.headers[personalDataHeader] === undefined;
}

function answered(url: string, answer: Answer): FetcherResponse {
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    for (const each of Array.isArray(value) ? value : [value ?? '']) headers.append(name, each);
  }
  const { status, body } = answer;
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: answer.statusMessage,
    url,
    redirected: false,
    bodyUsed: false,
    headers,
    text: async () => body,
    json: async () => JSON.parse(body),
    arrayBuffer: async () => new TextEncoder().encode(body).buffer as ArrayBuffer,
    clone: () => answered(url, answer),
  };
}
