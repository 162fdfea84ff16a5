import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mergedOperation, splitAnswer } from './fetch-batching.ts';
import { subgraphFetcher } from './subgraph-fetch.ts';

const agencies = (name: string, fields: string) =>
  `query ${name}($representations:[_Any!]!){_entities(representations:$representations){...on Agency{${fields}}}}`;

describe('merging the reads of one request', () => {
  test('prefixes each part’s root fields, variables and fragments', () => {
    const merged = mergedOperation([
      agencies('Page__agencies__2', 'name'),
      'query Page__agencies__3($representations:[_Any!]!,$asOf:Date){_entities(representations:$representations){...Named} today:now(on:$asOf)} fragment Named on Agency{name kind}',
    ]);
    expect(merged?.keys).toEqual([['_entities'], ['_entities', 'today']]);
    expect(merged?.name).toBe('Page__agencies__2__Page__agencies__3');
    const document = parse(merged?.query ?? '');
    expect(document.definitions.map((definition) => definition.kind)).toEqual([
      'OperationDefinition',
      'FragmentDefinition',
    ]);
    expect(merged?.query).toContain(
      'query Page__agencies__2__Page__agencies__3($_0_representations: [_Any!]!, $_1_representations: [_Any!]!, $_1_asOf: Date)',
    );
    expect(merged?.query).toContain('_0__entities: _entities(representations: $_0_representations)');
    expect(merged?.query).toContain('_1_today: now(on: $_1_asOf)');
    expect(merged?.query).toContain('..._1_Named');
    expect(merged?.query).toContain('fragment _1_Named on Agency');
  });

  test('does not merge what is not a query of fields', () => {
    expect(mergedOperation([agencies('A', 'name'), 'mutation M{m}'])).toBeUndefined();
    expect(mergedOperation([agencies('A', 'name'), 'query Q{...on Query{a}}'])).toBeUndefined();
  });

  test('splits the answer: each part its fields and errors, the request’s errors to all', () => {
    const merged = mergedOperation([agencies('A', 'name'), agencies('B', 'kind')]);
    if (!merged) throw new Error('not merged');
    const body = JSON.stringify({
      data: { _0__entities: [{ name: 'Школа' }], _1__entities: [null] },
      errors: [
        { message: 'not found', path: ['_1__entities', 0] },
        { message: 'slow', extensions: { code: 'TIMEOUT' } },
      ],
    });
    const headers = { 'content-type': 'application/json', 'content-length': String(body.length) };
    const answers = splitAnswer({ status: 200, statusMessage: 'OK', headers, body }, merged);
    expect(answers.map((answer) => JSON.parse(answer.body))).toEqual([
      {
        data: { _entities: [{ name: 'Школа' }] },
        errors: [{ message: 'slow', extensions: { code: 'TIMEOUT' } }],
      },
      {
        data: { _entities: [null] },
        errors: [
          { message: 'not found', path: ['_entities', 0] },
          { message: 'slow', extensions: { code: 'TIMEOUT' } },
        ],
      },
    ]);
    expect(answers[0]?.headers).toEqual({ 'content-type': 'application/json' });
  });

  test('a refusal is every part’s', () => {
    const merged = mergedOperation([agencies('A', 'name'), agencies('B', 'kind')]);
    if (!merged) throw new Error('not merged');
    const refusal = { status: 400, statusMessage: 'Bad Request', headers: {}, body: '{"errors":[]}' };
    expect(splitAnswer(refusal, merged)).toEqual([refusal, refusal]);
  });
});

/** A subgraph stand-in that answers each root field with its name and the variables it got. */
let server: http.Server;
let url: string;
const received: Array<{ query: string; variables: Record<string, unknown> }> = [];

beforeAll(async () => {
  server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    received.push(body);
    const keys = [...(body.query as string).matchAll(/(\w+): _entities\(representations: \$(\w+)\)/g)];
    const data = keys.length
      ? Object.fromEntries(keys.map(([, key, variable]) => [key, body.variables[variable as string]]))
      : { _entities: body.variables.representations };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('the gateway’s subgraph fetches', () => {
  const fetcher = subgraphFetcher(5000);
  const read = (requestId: string, name: string, id: string) =>
    fetcher(url, {
      method: 'POST',
      headers: { authorization: 'Bearer one', 'x-request-id': requestId },
      body: JSON.stringify({
        query: agencies(name, 'name'),
        variables: { representations: [{ __typename: 'Agency', id }] },
        operationName: name,
      }),
    }).then((response) => response.json());

  test('send the reads one request starts together as one, and answer each its own', async () => {
    received.length = 0;
    const answers = await Promise.all([read('r1', 'A', 'a1'), read('r1', 'B', 'b1')]);
    expect(received).toHaveLength(1);
    expect(answers).toEqual([
      { data: { _entities: [{ __typename: 'Agency', id: 'a1' }] } },
      { data: { _entities: [{ __typename: 'Agency', id: 'b1' }] } },
    ]);
  });

  test('send the reads of different requests each on its own', async () => {
    received.length = 0;
    await Promise.all([read('r1', 'A', 'a1'), read('r2', 'B', 'b1')]);
    expect(received).toHaveLength(2);
  });
});
