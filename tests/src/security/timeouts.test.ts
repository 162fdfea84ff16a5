import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startGateway } from '@kdn/gateway';
import { type RunningServer, type SubgraphUrls, serveGraphQL, subgraphNames } from '@kdn/platform';
import { graphql, signedIn, testIntegrator } from '@kdn/platform/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';

/** A subgraph that accepts connections and never answers: the worst a slow service can do. */
let silent: http.Server;
let silentUrl: string;
let gateway: RunningServer | undefined;

beforeAll(async () => {
  silent = http.createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  await gateway?.stop();
  silent.closeAllConnections();
  silent.close();
});

const allSilent = () => Object.fromEntries(subgraphNames.map((name) => [name, silentUrl])) as SubgraphUrls;

test('a request timeout not longer than a subgraph timeout is refused at start', async () => {
  await expect(
    startGateway({ port: 0, subgraphUrls: allSilent(), subgraphTimeoutMs: 1000, requestTimeoutMs: 1000 }),
  ).rejects.toThrow(/must be longer than a subgraph/);
});

test('a subgraph that never answers costs its fields after the subgraph timeout, not the whole request', async () => {
  gateway = await startGateway({
    port: 0,
    subgraphUrls: allSilent(),
    subgraphTimeoutMs: 300,
    requestTimeoutMs: 5000,
  });
  const started = Date.now();
  const { data, errors } = await graphql(gateway.url, '{ districts { code } }');
  const elapsed = Date.now() - started;
  expect(data).toEqual({ districts: null });
  expect(errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'agencies' });
  expect(elapsed).toBeGreaterThanOrEqual(300);
});

test('a request still unanswered at its deadline gets a TIMEOUT error', async () => {
  const slow = await serveGraphQL({
    name: 'slow',
    port: 0,
    apollo: {
      typeDefs: 'type Query { answer: Int }',
      resolvers: { Query: { answer: () => new Promise((resolve) => setTimeout(() => resolve(42), 1500)) } },
    },
    context: (base) => base,
    deadlineMs: 200,
  });
  try {
    const response = await fetch(slow.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await signedIn(testIntegrator)) },
      body: JSON.stringify({ query: '{ answer }' }),
    });
    expect(response.status).toBe(504);
    expect(await response.json()).toEqual({
      errors: [{ message: 'No answer within 200 ms', extensions: { code: 'TIMEOUT' } }],
    });
  } finally {
    await slow.stop();
  }
});
