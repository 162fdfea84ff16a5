import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { personalDataHeader } from '@kdn/platform';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { subgraphFetcher } from './subgraph-fetch.ts';

/**
 * A subgraph stand-in that holds the first request of each round until the test releases it (so
 * that the others surely arrive while it is in flight) and answers the rest at once; each answer
 * is numbered. Operations on `minors` read personal data; `refused` is refused.
 */
let server: http.Server;
let url: string;
const received: string[] = [];
let release: () => void = () => {};

beforeAll(async () => {
  server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    received.push(body);
    const answer = () =>
      response
        .writeHead(body.includes('refused') ? 400 : 200, {
          'content-type': 'application/json',
          ...(body.includes('minors') ? { [personalDataHeader]: 'read' } : {}),
        })
        .end(JSON.stringify({ data: { answer: received.length } }));
    if (received.length === 1) release = answer;
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const fetcher = subgraphFetcher(5000);
const post = (query: string, token = 'Bearer one') =>
  fetcher(url, {
    method: 'POST',
    headers: { authorization: token, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables: {} }),
  }).then((response) => response.text());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends the requests together, releases the first once the others have had time to arrive. */
async function together(...requests: Array<() => Promise<string>>) {
  received.length = 0;
  const answers = Promise.all(requests.map((request) => request()));
  while (received.length === 0) await pause(5);
  await pause(100);
  release();
  return { answers: await answers, sent: received.length };
}

describe('the gateway’s subgraph fetches', () => {
  test('share a read the same user is already waiting for', async () => {
    const read = () => post('query Centres__agencies__0{resourceCentres{id}}');
    const { answers, sent } = await together(read, read, read);
    expect(sent).toBe(1);
    expect(answers).toEqual(Array(3).fill(JSON.stringify({ data: { answer: 1 } })));
  });

  test('share a read’s failure: waiting on a subgraph that does not answer in time, they all give up together', async () => {
    const impatient = subgraphFetcher(200);
    const read = () =>
      impatient(url, {
        method: 'POST',
        headers: { authorization: 'Bearer one' },
        body: JSON.stringify({ query: 'query Slow{slow}', variables: {} }),
      }).then(
        () => 'answered',
        () => 'gave up',
      );
    received.length = 0;
    const outcomes = await Promise.all([read(), read()]);
    release();
    expect(outcomes).toEqual(['gave up', 'gave up']);
    expect(received).toHaveLength(1);
  });

  test.each([
    ['two users’ reads', () => post('query A{a}', 'Bearer one'), () => post('query A{a}', 'Bearer two')],
    ['writes', () => post('mutation M{m}'), () => post('mutation M{m}')],
    [
      'reads of personal data',
      () => post('query F{family{minors{name}}}'),
      () => post('query F{family{minors{name}}}'),
    ],
    ['refused reads', () => post('query R{refused}'), () => post('query R{refused}')],
  ])('send %s each on its own', async (_name, first, second) => {
    const { sent } = await together(first, second);
    expect(sent).toBe(2);
  });
});
