/**
 * `npm run bench [-- --scale region|national] [--duration S] [--connections N] [--database-url URL]`:
 * the platform on PostgreSQL over a seeded synthetic tier (`npm run seed:synthetic` first), the four
 * subgraphs and the gateway as separate processes, driven over loopback with autocannon beside the
 * raw-SQL floor, the subgraph asked directly, and Hive Gateway serving the same supergraph.
 * `--events` adds the domain events' figures after the operations (`events.ts`), `--events-only`
 * measures those alone; they are written to `<scale>-events.json` and `.md`.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repositoryRoot, type SubgraphName, subgraphNames } from '@kdn/platform';
import { signedIn, testIntegrator } from '@kdn/platform/testing';
import pg from 'pg';
import { cpuClock } from './cpu.ts';
import { type Contestant, driveInTurns, type Figures, type Target, warmUp } from './drive.ts';
import { eventsMarkdown, measureEvents } from './events.ts';
import { operationNamed, operations } from './operations.ts';
import {
  hiveGatewayArgs,
  nodeScript,
  type Process,
  type ProcessSpec,
  peakResidentMb,
  platformProcess,
  startAll,
  stopAll,
} from './processes.ts';
import { type Measurement, markdownReport, type Run } from './report.ts';
import { pickSamples } from './samples.ts';
import { countStatements } from './statements.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'region' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/kdn_bench' },
    results: { type: 'string', default: path.join(repositoryRoot, 'bench', 'results') },
    /** A comma-separated subset of the operations, by name; all by default. */
    operations: { type: 'string' },
    events: { type: 'boolean', default: false },
    'events-only': { type: 'boolean', default: false },
    /** How many closings the consumer's backlog holds (fewer if the tier has fewer to close). */
    'event-backlog': { type: 'string', default: '2000' },
    /** The read operation driven while the closings' delay is measured. */
    'event-load': { type: 'string', default: 'family-page' },
  },
});
const url = values['database-url'];
const selected = values.operations
  ? values.operations.split(',').map((name) => operationNamed(name.trim()))
  : operations;
const seconds = Number(values.duration);
const connections = Number(values.connections);

const seeded = await lastSeed(url);
if (seeded?.scale !== values.scale) {
  console.error(
    `The database at ${url} holds ${seeded ? `the ${seeded.scale} tier` : 'no synthetic tier'}: ` +
      `run \`npm run seed:synthetic -- --scale ${values.scale}\` first.`,
  );
  process.exit(1);
}

const tier = seeded;
const ports = { gateway: 4100, hive: 4110, floor: 4120 };
const subgraphPorts: Record<SubgraphName, number> = {
  agencies: 4001,
  registry: 4002,
  curation: 4003,
  programmes: 4004,
};
// The subgraphs answer where the committed supergraph says, so both gateways serve that file as it is.
for (const port of [...Object.values(subgraphPorts), ...Object.values(ports)]) await assertFree(port);

const eventsOnly = values['events-only'];
const eventLoad = operationNamed(values['event-load']);
const samples = await pickSamples(url, seeded.asOf);
const specs: ProcessSpec[] = [
  ...subgraphNames.map((name) => ({
    name,
    args: platformProcess(`services/${name}/src/main.ts`),
    port: subgraphPorts[name],
  })),
  { name: 'gateway', args: platformProcess('gateway/src/main.ts'), port: ports.gateway },
  {
    name: 'hive-gateway',
    args: hiveGatewayArgs(path.join(repositoryRoot, 'gateway/supergraph.graphql'), ports.hive),
    port: ports.hive,
    readyPath: '/readiness',
  },
  { name: 'floor', args: nodeScript('bench/src/floor.ts'), port: ports.floor, path: '', readyPath: '/ready' },
];
// Every GraphQL request signs in as an integrator with every scope, as a regional system that
// synchronises the whole register would: all the national tier's families are its to read, so the
// figures stay comparable with earlier runs (a commission would see one district only). The raw-SQL
// floor has no sign-in to measure.
const authorization = await signedIn(testIntegrator);

// As deployed (Dockerfile): production mode, which refuses the embedded development key, so the
// processes are given its public half as a JWKS file, as production is given its identity provider's.
// But the benchmark's operations are not the dashboard's safelisted ones, and a slow fetch is
// measured, not cut off at the default 5 s.
const environment = {
  NODE_ENV: 'production',
  AUTH_JWKS_FILE: developmentJwksFile(),
  REQUIRE_SAFELIST: 'false',
  SUBGRAPH_TIMEOUT_MS: '30000',
  GATEWAY_TIMEOUT_MS: '60000',
  DATABASE_URL: url,
  LOG_LEVEL: 'warn',
  APOLLO_TELEMETRY_DISABLED: '1',
  GATEWAY_PORT: String(ports.gateway),
  FLOOR_PORT: String(ports.floor),
};
let failed = false;
if (!eventsOnly) await measureOperations();
if (values.events || eventsOnly) await measureEventFigures();
// The figures are written either way; a target that did not answer fails the command (CI's check).
if (failed) process.exitCode = 1;

async function measureOperations() {
  console.log(`Counting SQL statements per request (subgraphs in process, the platform's counter)…`);
  const statements = await countStatements(url, selected, samples);
  console.log('Starting the subgraphs, the gateway, Hive Gateway and the floor…');
  const processes = await startAll(specs, environment);
  const named = (name: string) => processes.find((candidate) => candidate.name === name) as Process;
  const stop = () => stopAll(processes);
  const cpu = cpuClock(processes.map(({ name, child }) => ({ name, pid: child.pid })));
  const interrupted = () => stop().then(() => process.exit(130));
  process.once('SIGINT', interrupted);
  try {
    const measurements: Measurement[] = [];
    const report = (operation: string, target: string, error: unknown) => {
      console.error(`${operation} via ${target}: ${(error as Error).message}`);
      measurements.push({ operation, target, error: (error as Error).message.slice(0, 300) });
    };
    for (const operation of selected) {
      const graphql = (target: string) => ({
        url: named(target).url,
        headers: authorization,
        body: counter((index) =>
          JSON.stringify({ query: operation.query, variables: operation.variables(samples, index) }),
        ),
      });
      const targets = {
        floor: {
          url: `${named('floor').url}/${operation.name}`,
          body: counter((index) => JSON.stringify({ variables: operation.variables(samples, index) })),
          headers: {},
        },
        ...(operation.subgraph ? { direct: graphql(operation.subgraph) } : {}),
        gateway: graphql('gateway'),
        hive: graphql('hive-gateway'),
      };
      // The first request also plans the query and warms the caches; the second is timed alone.
      const ready: Contestant[] = [];
      for (const [name, target] of Object.entries(targets)) {
        try {
          await verify(operation.name, name, target);
          ready.push({ name, target, oneRequestMs: await verify(operation.name, name, target) });
        } catch (error) {
          failed = true;
          report(operation.name, name, error);
        }
      }
      // Every target is warmed before any is measured: they share the subgraphs, whose code gets
      // faster as V8 optimises it (measured: a family's page cost the subgraphs 20–40 % more CPU
      // behind whichever gateway was measured first).
      for (const contestant of ready) await warmUp(contestant, connections, seconds, cpu);
      const results = await driveInTurns(ready, connections, seconds, cpu, () => quiesce(url)).catch(
        (error) => {
          failed = true;
          for (const { name } of ready) report(operation.name, name, error);
          return new Map<string, Figures>();
        },
      );
      for (const { name, target, oneRequestMs } of ready) {
        const figures = results.get(name);
        if (!figures) continue;
        try {
          // Still answering after the load: a failure under load shows here rather than as a fast error rate.
          await quiesce(url);
          await verify(operation.name, name, target);
          console.log(
            `${operation.name.padEnd(18)} ${name.padEnd(8)} p50 ${figures.p50} ms  p95 ${figures.p95} ms  ` +
              `p99 ${figures.p99} ms  ${figures.requestsPerSecond} req/s${figures.failures ? `  ${figures.failures} failed` : ''}`,
          );
          measurements.push({
            operation: operation.name,
            target: name,
            figures,
            oneRequestMs: Math.round(oneRequestMs),
          });
        } catch (error) {
          failed = true;
          report(operation.name, name, error);
        }
      }
    }
    const memory = Object.fromEntries(processes.map(({ name, child }) => [name, peakResidentMb(child)]));
    const run: Run = {
      scale: tier.scale,
      seed: tier.seed,
      asOf: tier.asOf,
      seedSeconds: tier.seconds,
      seedRows: tier.rows,
      date: new Date().toISOString(),
      command: `npm run bench -- --scale ${values.scale} --duration ${seconds} --connections ${connections}${values.operations ? ` --operations ${values.operations}` : ''}`,
      machine: { ...machine(), postgres: await serverVersion(url) },
      connections,
      seconds,
      measurements,
      statements: Object.fromEntries(statements),
      memory,
    };
    const dir = path.resolve(values.results);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${run.scale}.json`), `${JSON.stringify(run, null, 2)}\n`);
    const markdown = markdownReport(run);
    writeFileSync(path.join(dir, `${run.scale}.md`), markdown);
    console.log(`\n${markdown}`);
  } finally {
    process.off('SIGINT', interrupted);
    await stop();
  }
}

async function measureEventFigures() {
  try {
    const figures = await measureEvents({
      url,
      asOf: samples.asOf,
      load: eventLoad,
      seconds,
      connections,
      backlog: Number(values['event-backlog']),
      environment,
      ports: { ...subgraphPorts, gateway: ports.gateway },
      authorization,
    });
    const date = new Date().toISOString();
    const run = {
      scale: tier.scale,
      seed: tier.seed,
      asOf: tier.asOf,
      date,
      command: `npm run bench -- --scale ${values.scale} --duration ${seconds} --connections ${connections} --events-only --event-backlog ${values['event-backlog']} --event-load ${eventLoad.name}`,
      machine: { ...machine(), postgres: await serverVersion(url) },
      ...figures,
    };
    const dir = path.resolve(values.results);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${run.scale}-events.json`), `${JSON.stringify(run, null, 2)}\n`);
    const markdown = eventsMarkdown(
      figures,
      [
        `### Domain events, ${run.scale} tier, ${date.slice(0, 10)}`,
        '',
        `\`${run.command}\`; as of ${run.asOf}, seed ${run.seed}, closings dated the day of the run.`,
        `Machine: ${run.machine.cpus} × ${run.machine.cpuModel}, ${run.machine.memoryGb} GB, Node ${run.machine.node}, PostgreSQL ${run.machine.postgres}.`,
      ].join('\n'),
    );
    writeFileSync(path.join(dir, `${run.scale}-events.md`), markdown);
    console.log(`\n${markdown}`);
  } catch (error) {
    failed = true;
    console.error(`events: ${(error as Error).stack ?? error}`);
  }
}

/** Each call gives the next index, so consecutive requests ask about different records. */
function counter(make: (index: number) => string): () => string {
  let index = 0;
  return () => make(index++);
}

/**
 * One request before the load (and one after): the answer must be data, not errors, or the figures
 * would mean nothing. Returns how long it took, in ms.
 */
async function verify(operation: string, target: string, { url: targetUrl, body, headers }: Target) {
  const started = performance.now();
  const response = await fetch(targetUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: body(),
  });
  const answer = (await response.json()) as { data?: unknown; errors?: unknown };
  if (!response.ok || answer.errors || !answer.data) {
    throw new Error(
      `${operation} via ${target} failed: HTTP ${response.status} ${JSON.stringify(answer).slice(0, 500)}`,
    );
  }
  return performance.now() - started;
}

/**
 * Waits until no query of an earlier run is still at work in the database (requests the load
 * generator gave up on go on in PostgreSQL), so that each run starts on an idle server.
 */
async function quiesce(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (let waited = 0; waited < 600; waited += 1) {
      const { rows } = await client.query(
        `SELECT count(*)::int AS busy FROM pg_stat_activity
          WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`,
      );
      if (rows[0]?.busy === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await client.end();
  }
}

async function assertFree(port: number) {
  const taken = await fetch(`http://127.0.0.1:${port}/`).then(
    () => true,
    () => false,
  );
  if (taken)
    throw new Error(`port ${port} is in use: stop what runs there (npm start?) before the benchmark`);
}

interface SeedRecord {
  scale: string;
  seed: number;
  asOf: string;
  seconds: Record<string, number>;
  rows: Record<string, number>;
}

async function lastSeed(databaseUrl: string): Promise<SeedRecord | null> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    const { rows } = await client.query(
      'SELECT report FROM public.synthetic_seed ORDER BY loaded_at DESC LIMIT 1',
    );
    return (rows[0]?.report as SeedRecord | undefined) ?? null;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

async function serverVersion(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query('SHOW server_version')).rows[0]?.server_version ?? 'unknown';
  } finally {
    await client.end();
  }
}

function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
  };
}

/** The development key's public half as a JWKS file, for processes in production mode. */
function developmentJwksFile(): string {
  const key = JSON.parse(
    readFileSync(path.join(repositoryRoot, 'packages/platform/src/access/development-key.json'), 'utf8'),
  ) as { publicJwk: object };
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'kdn-bench-')), 'jwks.json');
  writeFileSync(file, JSON.stringify({ keys: [key.publicJwk] }));
  return file;
}
