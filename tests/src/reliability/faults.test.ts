import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { agenciesService } from '@kdn/agencies';
import {
  type GraphQLResponse,
  type PlatformProcesses,
  signedIn,
  startPlatformProcesses,
  testIntegrator,
} from '@kdn/platform/testing';
import { registryService } from '@kdn/registry';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDistrict, createFamilies } from '../fixtures.ts';
import {
  type PrivatePostgres,
  postgresBinaries,
  startPrivatePostgres,
  withClient,
} from './private-postgres.ts';

const bin = postgresBinaries();
if (!bin)
  console.warn('reliability faults skipped: no PostgreSQL server binaries under /usr/lib/postgresql/*/bin');

let postgres: PrivatePostgres;
let platform: PlatformProcesses;
let commissionId: string;
let agencyId: string;

beforeAll(async () => {
  if (!bin) return;
  postgres = await startPrivatePostgres(bin);
  const location = (schema: string) => ({ kind: 'postgres' as const, url: postgres.url, schema });
  const agencies = await agenciesService.openDatabase(location('agencies'));
  const registry = await registryService.openDatabase(location('registry'));
  const district = await createDistrict(agencies.client, 'north');
  commissionId = district.commission.id;
  agencyId = district.centre.id;
  await createFamilies(registry.client, { districtCode: 'north', commissionId, count: 5 });
  await Promise.all([agencies.close(), registry.close()]);
  platform = await startPlatformProcesses(postgres.url);
}, 240_000);
afterAll(async () => {
  await platform?.stop();
  await postgres?.destroy();
}, 60_000);

interface Timed<Data> {
  ms: number;
  answer: GraphQLResponse<Data> | { failed: string };
}

/** One request over HTTP, timed; a request that does not answer within `limitMs` counts as hung. */
async function timed<Data>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  limitMs = 15_000,
): Promise<Timed<Data>> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await signedIn(testIntegrator)) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(limitMs),
    });
    return { ms: performance.now() - started, answer: (await response.json()) as GraphQLResponse<Data> };
  } catch (error) {
    return { ms: performance.now() - started, answer: { failed: String(error) } };
  }
}

/** `clients` loops sending requests back to back until `stop` resolves; every answer, in order of sending. */
async function traffic<Result>(
  clients: number,
  stop: Promise<unknown>,
  send: (client: number) => Promise<Result>,
) {
  let stopped = false;
  void stop.then(() => {
    stopped = true;
  });
  const results: Array<{ sentAt: number; result: Result }> = [];
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (!stopped) {
        const sentAt = performance.now();
        results.push({ sentAt, result: await send(client) });
      }
    }),
  );
  return results.sort((a, b) => a.sentAt - b.sentAt);
}

const familiesWithDistrict = `{ families(first: 5) { edges { node { address district { name } } } } }`;

type FamiliesAnswer = { families: { edges: Array<{ node: { address: string; district: unknown } }> } | null };

describe.skipIf(!bin)('real processes on a private PostgreSQL cluster', () => {
  test('a request id sent to the gateway appears in the JSON log lines of every subgraph it reached', async () => {
    const requestId = `trace-${randomUUID()}`;
    const response = await fetch(platform.gateway, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': requestId,
        ...(await signedIn(testIntegrator)),
      },
      body: JSON.stringify({
        query: `{ families(first: 2) { edges { node { address district { name } ward { version } programmes { id } } } } }`,
      }),
    });
    expect(response.headers.get('x-request-id')).toBe(requestId);
    expect(((await response.json()) as GraphQLResponse<unknown>).errors).toBeUndefined();
    await sleep(200);
    for (const name of ['gateway', 'registry', 'agencies', 'curation', 'programmes'] as const) {
      const lines = platform.logOf(name).filter((line) => line.requestId === requestId);
      expect(lines.length, name).toBeGreaterThan(0);
      expect(lines[0]).toMatchObject({ level: 30, msg: 'request', status: 200 });
    }
  });

  test('a subgraph killed during traffic: answers within 2 s with the rest of the data and an error naming it; back once it restarts', async () => {
    let killedAt = Number.POSITIVE_INFINITY;
    let restartedAt = Number.POSITIVE_INFINITY;
    const outage = (async () => {
      await sleep(1000);
      killedAt = performance.now();
      await platform.signal('agencies', 'SIGKILL');
      await sleep(2000);
      await platform.start('agencies');
      restartedAt = performance.now();
      await sleep(2000);
    })();
    const answers = await traffic(6, outage, () =>
      timed<FamiliesAnswer>(platform.gateway, familiesWithDistrict),
    );

    for (const { result } of answers) {
      expect(result.ms).toBeLessThan(2000);
      expect('failed' in result.answer ? result.answer.failed : null).toBeNull();
    }
    const during = answers.filter(({ sentAt }) => sentAt > killedAt + 50 && sentAt < restartedAt - 2000);
    expect(during.length).toBeGreaterThan(10);
    for (const { result } of during) {
      const answer = result.answer as GraphQLResponse<FamiliesAnswer>;
      expect(answer.data?.families?.edges.map(({ node }) => node.district)).toEqual([
        null,
        null,
        null,
        null,
        null,
      ]);
      expect(answer.errors?.length).toBeGreaterThan(0);
      for (const error of answer.errors ?? []) {
        expect(error.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'agencies' });
      }
    }
    console.info(
      `subgraph killed: ${answers.length} requests, ${during.length} while it was down, slowest ${Math.round(
        Math.max(...answers.map(({ result }) => result.ms)),
      )} ms`,
    );
    const after = answers.filter(({ sentAt }) => sentAt > restartedAt);
    expect(after.length).toBeGreaterThan(10);
    for (const { result } of after) {
      const answer = result.answer as GraphQLResponse<FamiliesAnswer>;
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.families?.edges.map(({ node }) => node.district)).toEqual(
        Array(5).fill({ name: 'Район north' }),
      );
    }
  }, 60_000);

  test('SIGTERM: the gateway and the subgraph let a request in flight finish, refuse new ones, then exit', async () => {
    const rename = `mutation ($input: UpdateAgencyInput!) { updateAgency(input: $input) { name version } }`;
    const exitCodes = await withClient(postgres.url, async (lock) => {
      // The row lock holds the update inside the agencies subgraph until the test commits.
      await lock.query('BEGIN');
      await lock.query('SELECT 1 FROM agencies."Agency" WHERE id = $1 FOR UPDATE', [agencyId]);
      const slow = timed<{ updateAgency: { name: string; version: number } }>(platform.gateway, rename, {
        input: { id: agencyId, version: 1, name: 'ЦСПСиД «Северный»' },
      });
      await sleep(500);
      const exited = Promise.all([
        platform.signal('gateway', 'SIGTERM'),
        platform.signal('agencies', 'SIGTERM'),
      ]);
      await sleep(700);
      for (const name of ['gateway', 'agencies'] as const) {
        expect(platform.isRunning(name), name).toBe(true);
        expect(await platform.ready(name), name).toBe(false);
      }
      await lock.query('COMMIT');
      const { answer } = await slow;
      expect(answer).toEqual({ data: { updateAgency: { name: 'ЦСПСиД «Северный»', version: 2 } } });
      return exited;
    });
    expect(exitCodes).toEqual([0, 0]);
    await platform.start('agencies');
    await platform.start('gateway');
  }, 60_000);

  test('PostgreSQL restarted during traffic: no request hangs, every service reconnects by itself, no mutation is half applied', async () => {
    const register = `mutation ($input: RegisterFamilyInput!, $id: ID) {
      registerFamily(input: $input, clientRequestId: $id) { id }
    }`;
    const dayAfter = (day: string, days: number) =>
      new Date(Date.parse(day) + days * 86_400_000).toISOString().slice(0, 10);
    const family = (writer: number, serial: number) => ({
      districtCode: 'north',
      commissionId,
      resolution: { number: `${writer}/${serial}`, date: '2011-04-01' },
      grounds: 'Ненадлежащее исполнение родительских обязанностей',
      address: `ул. Перезапуска, д. ${writer}-${serial}`,
      composition: 'TWO_PARENTS',
      socialPassport: {
        adults: 2,
        children: 2,
        housing: 'SATISFACTORY',
        incomeLevel: 'LOW',
        riskFactors: [],
      },
      // Born on days of their own: the registry refuses a second family with the same minors.
      minors: [
        { lastName: 'Рестартов', firstName: 'Иван', sex: 'MALE', birthDate: dayAfter('2003-05-01', serial) },
        {
          lastName: 'Рестартова',
          firstName: 'Анна',
          sex: 'FEMALE',
          birthDate: dayAfter('2005-05-01', serial),
        },
      ],
    });
    const ready: Array<{ at: number; ready: boolean }> = [];
    let stoppedAt = Number.POSITIVE_INFINITY;
    let startedAt = Number.POSITIVE_INFINITY;
    const restart = (async () => {
      await sleep(1500);
      stoppedAt = performance.now();
      await postgres.stop();
      ready.push({ at: performance.now(), ready: await platform.ready('registry') });
      await sleep(1500);
      await postgres.start();
      startedAt = performance.now();
      await sleep(6000);
      ready.push({ at: performance.now(), ready: await platform.ready('registry') });
    })();

    /** A client that registers families one after another, retrying each under its client request id until it is applied. */
    const writes = new Map<string, { attempts: Timed<unknown>[] }>();
    const answers = await traffic(6, restart, async (client) => {
      if (client % 2 === 0) return timed<FamiliesAnswer>(platform.gateway, familiesWithDistrict);
      const serial = writes.size;
      const id = randomUUID();
      const attempts: Timed<unknown>[] = [];
      writes.set(id, { attempts });
      for (let attempt = 0; attempt < 40; attempt += 1) {
        const result = await timed(platform.gateway, register, { input: family(client, serial), id });
        attempts.push(result);
        if (!('failed' in result.answer) && !result.answer.errors) break;
        await sleep(250);
      }
      return attempts.at(-1) as Timed<unknown>;
    });

    const all = [...answers.map(({ result }) => result), ...[...writes.values()].flatMap((w) => w.attempts)];
    for (const result of all) {
      expect('failed' in result.answer ? result.answer.failed : null).toBeNull();
      expect(result.ms).toBeLessThan(10_000);
    }
    const failedDuringRestart = all.filter((result) => !('failed' in result.answer) && result.answer.errors);
    expect(failedDuringRestart.length).toBeGreaterThan(0);
    for (const result of failedDuringRestart) {
      for (const error of (result.answer as GraphQLResponse<unknown>).errors ?? []) {
        expect(error.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      }
    }
    console.info(
      `PostgreSQL restarted: ${all.length} requests, ${failedDuringRestart.length} refused as SERVICE_UNAVAILABLE, ` +
        `slowest ${Math.round(Math.max(...all.map((result) => result.ms)))} ms; ${writes.size} families written ` +
        `in ${[...writes.values()].reduce((sum, write) => sum + write.attempts.length, 0)} attempts`,
    );
    const settled = answers.filter(({ sentAt }) => sentAt > startedAt + 3000);
    expect(settled.length).toBeGreaterThan(5);
    for (const { result } of settled)
      expect((result.answer as GraphQLResponse<unknown>).errors).toBeUndefined();
    expect(ready.map((check) => check.ready)).toEqual([false, true]);
    expect(stoppedAt).toBeLessThan(startedAt);

    for (const { attempts } of writes.values()) {
      expect(attempts.at(-1)?.answer).toEqual({ data: { registerFamily: { id: expect.any(String) } } });
    }
    const invariants = await withClient(postgres.url, async (client) => {
      const count = async (sql: string) => Number((await client.query(sql)).rows[0].count);
      return {
        writtenFamilies: await count(
          `SELECT count(*) FROM registry."Family" WHERE address LIKE 'ул. Перезапуска%'`,
        ),
        distinctAddresses: await count(
          `SELECT count(DISTINCT address) FROM registry."Family" WHERE address LIKE 'ул. Перезапуска%'`,
        ),
        familiesWithoutPassport: await count(
          `SELECT count(*) FROM registry."Family" f WHERE address LIKE 'ул. Перезапуска%'
              AND NOT EXISTS (SELECT 1 FROM registry."SocialPassport" p WHERE p."familyId" = f.id)`,
        ),
        familiesWithoutRegistration: await count(
          `SELECT count(*) FROM registry."Family" f WHERE address LIKE 'ул. Перезапуска%'
              AND NOT EXISTS (SELECT 1 FROM registry."Registration" r WHERE r."familyId" = f.id)`,
        ),
        registrationsWithoutMinors: await count(
          `SELECT count(*) FROM registry."Registration" r WHERE NOT EXISTS (SELECT 1 FROM registry."RegisteredMinor" m WHERE m."registrationId" = r.id)`,
        ),
        familiesWithoutTwoMinors: await count(
          `SELECT count(*) FROM registry."Family" f WHERE address LIKE 'ул. Перезапуска%'
              AND (SELECT count(*) FROM registry."Minor" m WHERE m."familyId" = f.id) <> 2`,
        ),
        clientRequests: await count(
          `SELECT count(*) FROM registry."ClientRequest" WHERE operation = 'registerFamily'`,
        ),
      };
    });
    expect(invariants).toEqual({
      writtenFamilies: writes.size,
      distinctAddresses: writes.size,
      familiesWithoutPassport: 0,
      familiesWithoutRegistration: 0,
      registrationsWithoutMinors: 0,
      familiesWithoutTwoMinors: 0,
      clientRequests: writes.size,
    });
  }, 120_000);
});
