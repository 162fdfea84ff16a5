import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Contestant, driveInTurns } from './drive.ts';

/** Stand-in targets on loopback, each answering at once; the log says who answered, in order. */
const log: string[] = [];
const servers: http.Server[] = [];
const urls: Record<string, string> = {};

beforeAll(async () => {
  for (const name of ['first', 'second']) {
    const server = http.createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        log.push(name);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{}}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    urls[name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }
});
afterAll(() => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));

const contestant = (name: string, oneRequestMs = 1): Contestant => ({
  name,
  oneRequestMs,
  target: { url: urls[name] as string, body: () => '{}' },
});
const idleMachine = () => ({ named: {}, postgres: new Map<number, number>() });
const nothing = async () => {};

/** The log as turns: consecutive requests to one target are one turn (or two turns back to back). */
const runs = (entries: string[]) => entries.filter((name, index) => name !== entries[index - 1]);

describe('driving the targets of an operation in turns', () => {
  test('each target gets a turn in each round, the order turning; its figures are all its responses', async () => {
    log.length = 0;
    const figures = await driveInTurns(
      [contestant('first'), contestant('second')],
      2,
      4,
      idleMachine,
      nothing,
    );
    // Two rounds of 2 s turns: first, second; then second, first.
    expect(runs(log)).toEqual(['first', 'second', 'first']);
    // The requests in flight when a turn ends (one per connection) are answered but not counted.
    for (const name of ['first', 'second']) {
      const cutOff = log.filter((each) => each === name).length - (figures.get(name)?.requests ?? 0);
      expect(cutOff).toBeGreaterThanOrEqual(0);
      expect(cutOff).toBeLessThanOrEqual(2 * 2);
    }
    expect(figures.get('first')?.requestsPerSecond).toBeGreaterThan(0);
  }, 20_000);

  test('a slow target gets one request per connection in each of the first three rounds', async () => {
    log.length = 0;
    // Ten rounds asked for, five given; 2 s turns, and a request alone taking 400 ms is a fifth of one.
    const figures = await driveInTurns([contestant('first', 400)], 3, 10, idleMachine, nothing);
    expect(log).toHaveLength(9);
    expect(figures.get('first')?.requests).toBe(9);
  }, 20_000);
});
