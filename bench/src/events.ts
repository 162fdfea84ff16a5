/**
 * The benchmark's event figures (`npm run bench -- --events`, `docs/benchmarks.md` § Domain events):
 * how long a write takes to reach its last reaction while a read operation is driven, how many
 * events one consumer applies per second from a backlog, and what the outbox adds to the mutation
 * that writes an event. The closings change the data, so they run on a copy of the seeded database,
 * dropped afterwards: the tier stays as seeded for the operations' figures.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { publish, type SqlClient, type SubgraphName, subgraphNames, transaction } from '@kdn/platform';
import { tokenFor } from '@kdn/platform/testing';
import pg from 'pg';
import { run, type Target } from './drive.ts';
import type { Operation } from './operations.ts';
import { type Process, type ProcessSpec, platformProcess, startAll, stopAll } from './processes.ts';
import { pickSamples } from './samples.ts';
import { inProcessFederation } from './statements.ts';
import { perSecond, type Spread, spreadOf } from './stats.ts';

/** A registration open today whose family has an active curator: one closing to send. */
export interface Closing {
  registrationId: string;
  version: number;
  familyId: string;
  districtCode: string;
  /** The family's active assignment, which curation ends when the registration closes. */
  assignmentId: string;
  /** The registration's programme in force, which programmes ends off the register; null if none. */
  programmeId: string | null;
}

/**
 * A reaction to a closing, as a client sees it: one field of one subgraph's API, asked for many
 * closings at once under aliases. The chain's later reactions (programmes ending the programme in
 * force) are more entries here, with the keys they need added to `Closing` by `pickClosings`.
 */
export interface Reaction {
  name: string;
  subgraph: SubgraphName;
  field(closing: Closing, alias: string): string;
  landed(answer: unknown): boolean;
}

export const reactions: Reaction[] = [
  {
    name: 'curation ended the assignment',
    subgraph: 'curation',
    field: (closing, alias) => `${alias}: curatorAssignment(id: "${closing.assignmentId}") { endedOn }`,
    landed: (answer) => (answer as { endedOn: string | null } | null)?.endedOn != null,
  },
  {
    name: 'programmes ended the programme in force',
    subgraph: 'programmes',
    // A family with no programme in force has nothing to wait for here.
    field: (closing, alias) =>
      closing.programmeId
        ? `${alias}: programme(id: "${closing.programmeId}") { status }`
        : `${alias}: __typename`,
    landed: (answer) =>
      typeof answer === 'string' || (answer as { status: string } | null)?.status === 'ENDED_OFF_REGISTER',
  },
];

export interface DelayFigures {
  /** The read operation driven meanwhile, through the gateway, and its figures. */
  load: {
    operation: string;
    connections: number;
    seconds: number;
    requests: number;
    p50: number;
    p95: number;
    requestsPerSecond: number;
  };
  intervalMs: [number, number];
  probeMs: number;
  closings: number;
  failed: number;
  /** Closings whose last reaction was not seen within `giveUpMs` of their answer. */
  notLanded: number;
  giveUpMs: number;
  /** The closing mutation's own latency through the gateway, ms. */
  mutation: Spread;
  /** From the mutation's answer to its last reaction seen, ms. */
  lastReaction: Spread;
  byReaction: Record<string, Spread>;
}

export interface BacklogFigures {
  closingsSent: number;
  /** Events of the registry the consumer applied or passed in the timed window. */
  events: number;
  ms: number;
  eventsPerSecond: number;
}

export interface OutboxFigures {
  closings: number;
  /** SQL statements of one closing, on the registry's connection (BEGIN and COMMIT not counted). */
  closingStatements: number;
  /** Of those, the outbox's: `publish` alone in a transaction. */
  publishStatements: number;
  /** A closing sent to the registry subgraph directly, one at a time, ms. */
  closing: Spread;
  /** `publish` of the closing's event alone inside a transaction (rolled back), ms. */
  publish: Spread;
}

export interface EventFigures {
  copy: string;
  delay: DelayFigures;
  backlog: BacklogFigures;
  outbox: OutboxFigures;
}

export interface EventOptions {
  /** The seeded tier; it is copied, never changed. */
  url: string;
  asOf: string;
  load: Operation;
  seconds: number;
  connections: number;
  backlog: number;
  /** The environment of the platform's processes, as the operations' run gives them. */
  environment: Record<string, string>;
  ports: Record<SubgraphName | 'gateway', number>;
  authorization: { authorization: string };
}

const intervalMs: [number, number] = [100, 200];
const probeMs = 20;
const giveUpMs = 30_000;
const outboxRepeats = 40;

export async function measureEvents(options: EventOptions): Promise<EventFigures> {
  const { url: copyUrl, name: copyName } = await copyDatabase(options.url);
  try {
    const samples = await pickSamples(copyUrl, options.asOf);
    const { day, closings } = await pickClosings(copyUrl);
    const forDelay = Math.ceil((options.seconds * 1000) / intervalMs[0]) + 10;
    const forOutbox = outboxRepeats + 5;
    if (closings.length < forDelay + forOutbox + 1) {
      throw new Error(`only ${closings.length} registrations to close: too few for the event figures`);
    }
    const take = (count: number) => closings.splice(0, count);
    const outboxClosings = take(forOutbox);
    const delayClosings = take(forDelay);
    const backlogClosings = take(Math.min(options.backlog, closings.length));
    const close = closingMutation(day);

    console.log(
      `Events: what the outbox adds to a closing (${outboxRepeats} closings, registry in process)…`,
    );
    const outbox = await outboxCost(copyUrl, outboxClosings, close, options.authorization);

    const environment = {
      ...options.environment,
      DATABASE_URL: copyUrl,
      EVENTS_TOKEN_FILE: await eventsTokenFile(),
    };
    const specs = platformSpecs(options.ports);
    console.log('Events: starting the subgraphs and the gateway over the copy…');
    let processes = await startAll(specs, environment);
    const named = (name: string) => processes.find((candidate) => candidate.name === name) as Process;
    try {
      await untilCursorAt(copyUrl, await lastRegistryPosition(copyUrl), 120_000);

      console.log(
        `Events: closings every ${intervalMs.join('–')} ms while ${options.load.name} is driven for ${options.seconds} s…`,
      );
      const load: Target = {
        url: named('gateway').url,
        headers: options.authorization,
        body: counter((index) =>
          JSON.stringify({ query: options.load.query, variables: options.load.variables(samples, index) }),
        ),
      };
      await run(load, options.connections, { duration: Math.min(2, Math.max(1, options.seconds / 5)) });
      const delay = await delayUnderLoad({
        load,
        operation: options.load.name,
        seconds: options.seconds,
        connections: options.connections,
        closings: delayClosings,
        send: (closing, index) => close(named('gateway').url, closing, index, options.authorization),
        probeUrl: (subgraph) => named(subgraph).url,
        authorization: options.authorization,
      });

      console.log(`Events: a backlog of ${backlogClosings.length} closings while curation is stopped…`);
      const curation = named('curation');
      await stopAll([curation]);
      const sent = await inParallel(backlogClosings, 8, (closing, index) =>
        close(named('registry').url, closing, index, options.authorization),
      );
      const last = await lastRegistryPosition(copyUrl);
      const curationSpec = specs.find((spec) => spec.name === 'curation') as ProcessSpec;
      const [restarted] = await startAll([curationSpec], environment);
      const readyAt = performance.now();
      processes = [...processes.filter((process) => process !== curation), restarted as Process];
      const from = await cursorOf(copyUrl);
      const reachedAt = await untilCursorAt(copyUrl, last, 600_000);
      const events = await eventsBetween(copyUrl, from, last);
      const backlog: BacklogFigures = {
        closingsSent: sent.filter((ok) => ok).length,
        events,
        ms: Math.round(reachedAt - readyAt),
        eventsPerSecond: perSecond(events, reachedAt - readyAt),
      };
      return {
        copy: `a copy of the seeded database (${copyName}, CREATE DATABASE … TEMPLATE), dropped after`,
        delay,
        backlog,
        outbox,
      };
    } finally {
      await stopAll(processes);
    }
  } finally {
    await dropDatabase(options.url, copyName);
  }
}

interface DelayRun {
  load: Target;
  operation: string;
  seconds: number;
  connections: number;
  closings: Closing[];
  send: (closing: Closing, index: number) => Promise<boolean>;
  probeUrl: (subgraph: SubgraphName) => string;
  authorization: { authorization: string };
}

interface Watched {
  closing: Closing;
  answeredAt: number;
  seen: Map<string, number>;
}

/**
 * Drives the read operation and meanwhile sends closings at random intervals, each as soon as its
 * turn comes (an open loop: a slow answer does not hold the next closing back). After each answer
 * its reactions are asked for every `probeMs`, all pending closings in one request per subgraph;
 * a reaction's delay runs from the mutation's answer to the probe's answer that shows it.
 */
async function delayUnderLoad(options: DelayRun): Promise<DelayFigures> {
  const pending: Watched[] = [];
  const done: Watched[] = [];
  const mutationMs: number[] = [];
  let failed = 0;
  let firstError: string | null = null;
  let sending = true;

  const sender = (async () => {
    const sends: Promise<void>[] = [];
    for (const [index, closing] of options.closings.entries()) {
      if (!sending) break;
      sends.push(
        (async () => {
          const started = performance.now();
          const ok = await options.send(closing, index).catch((error: Error) => {
            firstError ??= error.message;
            return false;
          });
          const answeredAt = performance.now();
          if (!ok) {
            failed += 1;
            return;
          }
          mutationMs.push(answeredAt - started);
          pending.push({ closing, answeredAt, seen: new Map() });
        })(),
      );
      await sleep(intervalMs[0] + Math.random() * (intervalMs[1] - intervalMs[0]));
    }
    await Promise.all(sends);
  })();

  let probing = true;
  let probeErrors = 0;
  const prober = (async () => {
    while (probing || pending.length > 0) {
      // A probe that fails is asked again next round; its closings count as late, or as not landed.
      await probeOnce(pending, done, options).catch((error: Error) => {
        probeErrors += 1;
        if (probeErrors === 1) console.error(`Events: a probe failed: ${error.message}`);
      });
      const now = performance.now();
      for (const watched of [...pending]) {
        if (now - watched.answeredAt > giveUpMs) pending.splice(pending.indexOf(watched), 1);
      }
      await sleep(probeMs);
    }
  })();

  const loaded = await run(options.load, options.connections, { duration: options.seconds });
  sending = false;
  await sender;
  probing = false;
  await prober;
  if (firstError) console.error(`Events: ${failed} closings failed, the first with ${firstError}`);

  const load = spreadOf(loaded.latencies);
  const byReaction: Record<string, Spread> = {};
  for (const reaction of reactions) {
    byReaction[reaction.name] = spreadOf(done.map((watched) => watched.seen.get(reaction.name) as number));
  }
  return {
    load: {
      operation: options.operation,
      connections: options.connections,
      seconds: options.seconds,
      requests: loaded.latencies.length,
      p50: load.p50,
      p95: load.p95,
      requestsPerSecond: perSecond(loaded.latencies.length, loaded.seconds * 1000),
    },
    intervalMs,
    probeMs,
    closings: mutationMs.length,
    failed,
    notLanded: mutationMs.length - done.length,
    giveUpMs,
    mutation: spreadOf(mutationMs),
    lastReaction: spreadOf(done.map((watched) => Math.max(...watched.seen.values()))),
    byReaction,
  };
}

async function probeOnce(pending: Watched[], done: Watched[], options: DelayRun) {
  await Promise.all(
    reactions.map(async (reaction) => {
      const asked = pending.filter((watched) => !watched.seen.has(reaction.name));
      if (asked.length === 0) return;
      const query = `{ ${asked.map((watched, index) => reaction.field(watched.closing, `c${index}`)).join(' ')} }`;
      const answer = await postGraphql(options.probeUrl(reaction.subgraph), query, {}, options.authorization);
      const seenAt = performance.now();
      for (const [index, watched] of asked.entries()) {
        if (reaction.landed(answer[`c${index}`]))
          watched.seen.set(reaction.name, seenAt - watched.answeredAt);
      }
    }),
  );
  for (const watched of [...pending]) {
    if (watched.seen.size === reactions.length) {
      pending.splice(pending.indexOf(watched), 1);
      done.push(watched);
    }
  }
}

/**
 * Closings sent one at a time to the registry subgraph in this process, counting the statements on
 * its connection; then `publish` of the same event alone, timed inside a transaction that is rolled
 * back (the event written by nobody's change must not reach curation).
 */
async function outboxCost(
  url: string,
  closings: Closing[],
  close: CloseMutation,
  authorization: { authorization: string },
): Promise<OutboxFigures> {
  return inProcessFederation(
    url,
    async ({ peers, databases }) => {
      const registry = databases.get('registry');
      if (!registry) throw new Error('no registry database');
      const warmUp = closings.length - outboxRepeats;
      const closingMs: number[] = [];
      const closingStatements: number[] = [];
      for (const [index, closing] of closings.entries()) {
        const before = registry.statementCount();
        const started = performance.now();
        if (!(await close(peers.registry, closing, index, authorization))) {
          throw new Error(`closing ${closing.registrationId} failed`);
        }
        if (index < warmUp) continue;
        closingMs.push(performance.now() - started);
        closingStatements.push(registry.statementCount() - before);
      }
      const publishMs: number[] = [];
      const publishStatements: number[] = [];
      const rolledBack = new Error('rolled back');
      const client = registry.client as Parameters<typeof transaction<SqlClient, void>>[0];
      for (const [index, closing] of closings.entries()) {
        await transaction(client, async (tx) => {
          const before = registry.statementCount();
          const started = performance.now();
          await publish(tx, 'registry', [closedEvent(closing, new Date())]);
          if (index >= warmUp) {
            publishMs.push(performance.now() - started);
            publishStatements.push(registry.statementCount() - before);
          }
          throw rolledBack;
        }).catch((error) => {
          if (error !== rolledBack) throw error;
        });
      }
      return {
        closings: closingMs.length,
        closingStatements: mean(closingStatements),
        publishStatements: mean(publishStatements),
        closing: spreadOf(closingMs),
        publish: spreadOf(publishMs),
      };
    },
    { consume: false },
  );
}

function closedEvent(closing: Closing, closedOn: Date) {
  const resolution = { number: 'BENCH', date: closedOn };
  return {
    type: 'RegistrationClosed' as const,
    effectiveOn: closedOn,
    familyId: closing.familyId,
    districtCode: closing.districtCode,
    payload: {
      registrationId: closing.registrationId,
      districtCode: closing.districtCode,
      closedOn,
      reason: 'SITUATION_IMPROVED' as const,
      resolution,
    },
  };
}

type CloseMutation = (
  url: string,
  closing: Closing,
  index: number,
  authorization: { authorization: string },
) => Promise<boolean>;

/** `closeRegistration` dated `day`, sent to a gateway or to the registry; whether it closed. */
function closingMutation(day: string): CloseMutation {
  const query = `mutation Close($input: CloseRegistrationInput!) { closeRegistration(input: $input) { id closedOn } }`;
  return async (url, closing, index, authorization) => {
    const data = await postGraphql(
      url,
      query,
      {
        input: {
          registrationId: closing.registrationId,
          version: closing.version,
          reason: 'SITUATION_IMPROVED',
          resolution: { number: `BENCH-${index}`, date: day },
        },
      },
      authorization,
    );
    return (data.closeRegistration as { closedOn?: string } | null)?.closedOn === day;
  };
}

async function postGraphql(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const answer = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (!response.ok || answer.errors || !answer.data) {
    throw new Error(`HTTP ${response.status} ${JSON.stringify(answer).slice(0, 500)}`);
  }
  return answer.data;
}

/**
 * Registrations open today, in a fixed order, whose family has an active assignment (and, where it
 * has one, its programme in force, which the chain ends too): closing one
 * today is valid (after the opening and every minor's adding) and ends a curator's assignment.
 */
async function pickClosings(url: string): Promise<{ day: string; closings: Closing[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const day = (await client.query(`SELECT current_date::text AS day`)).rows[0].day as string;
    const { rows } = await client.query<Closing>(
      `SELECT * FROM (
         SELECT DISTINCT ON (r.id) r.id AS "registrationId", r.version, r."familyId", r."districtCode",
                a.id AS "assignmentId",
                (SELECT p.id FROM programmes."Programme" p
                  WHERE p."registrationId" = r.id AND p.status IN ('APPROVED', 'UNDER_REVIEW')
                  ORDER BY p."periodFrom" DESC LIMIT 1) AS "programmeId"
           FROM registry."Registration" r
           JOIN curation."CuratorAssignment" a
             ON a."registrationId" = r.id AND a."endedOn" IS NULL AND a."startedOn" <= $1::date
          WHERE r."closedOn" IS NULL AND r."openedOn" < $1::date
            AND NOT EXISTS (SELECT 1 FROM registry."RegisteredMinor" m
                             WHERE m."registrationId" = r.id AND m."addedOn" > $1::date)
          ORDER BY r.id, a."startedOn" DESC) open
        ORDER BY md5("registrationId"::text)`,
      [day],
    );
    return { day, closings: rows };
  } finally {
    await client.end();
  }
}

async function withClient<Result>(url: string, work: (client: pg.Client) => Promise<Result>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The position of the registry's last event, as the feed gives it. */
async function lastRegistryPosition(url: string): Promise<string> {
  return withClient(url, async (client) => {
    const { rows } = await client.query(
      'SELECT coalesce(max(seq), 0)::text AS position FROM registry."DomainEvent"',
    );
    return (rows[0]?.position as string | undefined) ?? '0';
  });
}

async function cursorOf(url: string): Promise<string> {
  return withClient(url, async (client) => {
    const { rows } = await client.query(
      `SELECT position FROM curation."EventCursor" WHERE producer = 'registry'`,
    );
    return (rows[0]?.position as string | undefined) ?? '0';
  });
}

/** Waits until curation's cursor for the registry is at `position`; when it got there (performance.now()). */
async function untilCursorAt(url: string, position: string, timeoutMs: number): Promise<number> {
  return withClient(url, async (client) => {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const { rows } = await client.query(
        `SELECT position FROM curation."EventCursor" WHERE producer = 'registry'`,
      );
      const now = performance.now();
      if ((rows[0]?.position ?? '0') === position) return now;
      if (now > deadline) throw new Error(`curation's cursor did not reach ${position} in ${timeoutMs} ms`);
      await sleep(20);
    }
  });
}

async function eventsBetween(url: string, after: string, upTo: string): Promise<number> {
  return withClient(url, async (client) => {
    const { rows } = await client.query(
      `SELECT count(*)::int AS events FROM registry."DomainEvent"
        WHERE seq > $1::bigint AND seq <= $2::bigint`,
      [after, upTo],
    );
    return rows[0].events as number;
  });
}

function serverUrl(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A copy of the database at `url` next to it; a copy left by an interrupted run is replaced. */
async function copyDatabase(url: string): Promise<{ url: string; name: string }> {
  const source = decodeURIComponent(new URL(url).pathname.slice(1));
  const name = `${source}_events_copy`;
  await withClient(serverUrl(url, 'postgres'), async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    // The template must have no other session; the operations' processes may still be closing theirs.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${source}"`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || attempt >= 60) throw error;
        await sleep(500);
      }
    }
  });
  return { url: serverUrl(url, name), name };
}

async function dropDatabase(url: string, name: string) {
  await withClient(serverUrl(url, 'postgres'), (client) =>
    client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  );
}

/** In production mode a consumer reads its peers' events with a token from a file, as deployed. */
async function eventsTokenFile(): Promise<string> {
  const token = await tokenFor({ sub: 'service:bench', role: 'INTEGRATOR', scope: 'events:read' });
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'kdn-bench-events-')), 'token');
  writeFileSync(file, token);
  return file;
}

function platformSpecs(ports: EventOptions['ports']): ProcessSpec[] {
  return [
    ...subgraphNames.map((name) => ({
      name,
      args: platformProcess(`services/${name}/src/main.ts`),
      port: ports[name],
    })),
    { name: 'gateway', args: platformProcess('gateway/src/main.ts'), port: ports.gateway },
  ];
}

async function inParallel<Item>(
  items: Item[],
  width: number,
  work: (item: Item, index: number) => Promise<boolean>,
): Promise<boolean[]> {
  const results: boolean[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index] as Item, index).catch(() => false);
      }
    }),
  );
  return results;
}

function counter(make: (index: number) => string): () => string {
  let index = 0;
  return () => make(index++);
}

const mean = (values: number[]) =>
  values.length === 0
    ? Number.NaN
    : Math.round((values.reduce((sum, v) => sum + v, 0) / values.length) * 10) / 10;

/** The event figures as Markdown, for the results file and `docs/benchmarks.md`. */
export function eventsMarkdown(figures: EventFigures, heading: string): string {
  const { delay, backlog, outbox } = figures;
  const spread = (s: Spread) => `${s.p50} | ${s.p95} | ${s.max} | ${s.count}`;
  const lines = [
    heading,
    '',
    `Run on ${figures.copy}.`,
    '',
    `**Delay from a closing's answer to its last reaction**, closings every ${delay.intervalMs.join('–')} ms ` +
      `while ${delay.load.operation} was driven through the gateway at ${delay.load.connections} connections for ` +
      `${delay.load.seconds} s (${delay.load.requests} requests, p50 ${delay.load.p50} ms, p95 ${delay.load.p95} ms, ` +
      `${delay.load.requestsPerSecond} req/s); reactions asked for every ${delay.probeMs} ms:`,
    '',
    '| from the answer to … | p50 ms | p95 ms | max ms | closings |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| the last reaction | ${spread(delay.lastReaction)} |`,
    ...Object.entries(delay.byReaction).map(([name, s]) => `| ${name} | ${spread(s)} |`),
    `| (the closing mutation itself, through the gateway) | ${spread(delay.mutation)} |`,
    '',
    `${delay.closings} closings answered, ${delay.failed} failed, ${delay.notLanded} without their last reaction within ${delay.giveUpMs / 1000} s.`,
    '',
    `**One consumer's rate**: a backlog of ${backlog.closingsSent} closings written to the registry while curation was stopped; ` +
      `from curation answering again to its cursor at the last event: ${backlog.events} events in ${backlog.ms} ms, ` +
      `**${backlog.eventsPerSecond} events/s**.`,
    '',
    `**What the outbox adds to a closing** (${outbox.closings} closings one at a time, the registry subgraph asked directly):`,
    '',
    '| | p50 ms | p95 ms | max ms | runs | statements |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    `| closing with its event | ${spread(outbox.closing)} | ${outbox.closingStatements} |`,
    `| the event's \`publish\` alone, in a transaction | ${spread(outbox.publish)} | ${outbox.publishStatements} |`,
    '',
    `Without its event the closing would take about ${Math.round((outbox.closing.p50 - outbox.publish.p50) * 10) / 10} ms (p50) ` +
      `and ${outbox.closingStatements - outbox.publishStatements} statements: the outbox adds ` +
      `${Math.round((outbox.publish.p50 / outbox.closing.p50) * 1000) / 10} % of its time and ${outbox.publishStatements} statement.`,
  ];
  return `${lines.join('\n')}\n`;
}
