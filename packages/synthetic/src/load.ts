import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { applyMigrations, pgSession } from '@kdn/prisma/migrate';
import { services } from '@kdn/prisma/services';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { TableSink } from './copy.ts';
import { generateDistrict, type Sinks } from './district.ts';
import { IdSource } from './ids.ts';
import { asOfIso, type Scale } from './scale.ts';
import { allTables, type TableRef } from './tables.ts';
import { districtPlans } from './world.ts';

export interface SeedOptions {
  /** The database to fill: migrated here if it is not yet, and it must hold no districts. */
  url: string;
  scale: Scale;
  seed: number;
  log?: (line: string) => void;
}

export interface SeedReport {
  scale: string;
  seed: number;
  asOf: string;
  /** Seconds per phase, and in total. */
  seconds: Record<string, number>;
  rows: Record<string, number>;
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
/** A table by schema and name: a loaded table, or a read model the load rebuilds. */
interface TableId {
  service: string;
  table: string;
}

const qualified = ({ service, table }: TableId) => `${quoted(service)}.${quoted(table)}`;

/**
 * Migrates the database with the project's own migrations, then streams the generated rows into
 * every table with COPY, one connection per table, while the indexes and constraints are set
 * aside; they are rebuilt (and the foreign keys checked) once the rows are in, then the tables are
 * vacuumed and analysed. Returns how long each phase took and how many rows each table got.
 */
export async function seedSynthetic({ url, scale, seed, log = () => {} }: SeedOptions): Promise<SeedReport> {
  const seconds: Record<string, number> = {};
  const started = performance.now();
  const phase = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const from = performance.now();
    const result = await run();
    seconds[name] = round((performance.now() - from) / 1000);
    log(`${name}: ${seconds[name]} s`);
    return result;
  };
  const control = new pg.Client({ connectionString: url });
  await control.connect();
  try {
    await phase('migrate', async () => {
      for (const service of services) await applyMigrations(service, pgSession(control), service);
    });
    const { rows: existing } = await control.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM agencies."District"',
    );
    if ((existing[0]?.count ?? 0) > 0)
      throw new Error('the database already holds districts: seed a fresh one');
    const setAside = await phase('drop indexes', () => setIndexesAside(control, allTables));
    const rows = await phase('generate and copy', () => copyEverything(url, scale, seed, log));
    await phase('indexes and constraints', () => rebuild(url, setAside));
    await phase('vacuum analyze', () =>
      inParallel(
        url,
        allTables.map((table) => `VACUUM (ANALYZE) ${qualified(table)}`),
      ),
    );
    await phase('read models', () => buildReadModels(control, url));
    seconds.total = round((performance.now() - started) / 1000);
    const report: SeedReport = { scale: scale.name, seed, asOf: asOfIso, seconds, rows };
    await record(control, report);
    return report;
  } finally {
    await control.end();
  }
}

interface SetAside {
  /** Primary keys and unique indexes: rebuilt first, the foreign keys need them. */
  keys: string[];
  indexes: string[];
  foreignKeys: string[];
}

/**
 * Drops the tables' indexes and keys, and every foreign key from or to one of them, returning the
 * statements that recreate them.
 */
async function setIndexesAside(client: pg.Client, tableIds: readonly TableId[]): Promise<SetAside> {
  const tables = tableIds.map(qualified);
  const { rows: constraints } = await client.query<{
    schema: string;
    target: string;
    name: string;
    definition: string;
    kind: string;
  }>(
    `SELECT n.nspname AS schema, format('%I.%I', n.nspname, t.relname) AS target, c.conname AS name,
            pg_get_constraintdef(c.oid) AS definition, c.contype AS kind
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE (c.contype = 'f' AND (c.conrelid = ANY($1::regclass[]) OR c.confrelid = ANY($1::regclass[])))
         OR (c.contype = 'p' AND c.conrelid = ANY($1::regclass[]))`,
    [tables],
  );
  const { rows: indexes } = await client.query<{
    name: string;
    schema: string;
    definition: string;
    unique: boolean;
  }>(
    `SELECT i.relname AS name, n.nspname AS schema, pg_get_indexdef(i.oid) AS definition, x.indisunique AS unique
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_namespace n ON n.oid = i.relnamespace
      WHERE NOT x.indisprimary AND x.indrelid = ANY($1::regclass[])`,
    [tables],
  );
  const foreign = constraints.filter((constraint) => constraint.kind === 'f');
  const primary = constraints.filter((constraint) => constraint.kind === 'p');
  const alter = (c: { target: string; name: string }, action: string) =>
    `ALTER TABLE ${c.target} ${action} CONSTRAINT ${quoted(c.name)}`;
  for (const constraint of [...foreign, ...primary]) await client.query(alter(constraint, 'DROP'));
  for (const index of indexes) await client.query(`DROP INDEX ${quoted(index.schema)}.${quoted(index.name)}`);
  return {
    keys: [
      ...primary.map((c) => `${alter(c, 'ADD')} ${c.definition}`),
      ...indexes.filter((index) => index.unique).map((index) => index.definition),
    ],
    indexes: indexes.filter((index) => !index.unique).map((index) => index.definition),
    // The definition names the referenced table as the schema's own search path finds it.
    foreignKeys: foreign.map(
      (c) => `SET search_path TO ${quoted(c.schema)}; ${alter(c, 'ADD')} ${c.definition}`,
    ),
  };
}

async function rebuild(url: string, setAside: SetAside): Promise<void> {
  await inParallel(url, setAside.keys);
  await inParallel(url, [...setAside.indexes, ...setAside.foreignKeys]);
}

/** Runs the statements two at a time (the machine's cores), each connection with room to sort. */
async function inParallel(url: string, statements: string[], connections = 2): Promise<void> {
  const queue = [...statements];
  await Promise.all(
    Array.from({ length: connections }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`SET maintenance_work_mem = '1GB'`);
        for (let next = queue.shift(); next !== undefined; next = queue.shift()) await client.query(next);
      } finally {
        await client.end();
      }
    }),
  );
}

async function copyEverything(
  url: string,
  scale: Scale,
  seed: number,
  log: (line: string) => void,
): Promise<Record<string, number>> {
  let fail: (error: Error) => void = () => {};
  const failed = new Promise<never>((_resolve, reject) => {
    fail = reject;
  });
  const streams = await Promise.all(allTables.map((table) => openCopy(url, table, fail)));
  const sinks = Object.fromEntries(
    streams.map(({ table, stream }) => [table.table, new TableSink(stream)]),
  ) as Sinks;
  const plans = districtPlans(scale, seed);
  let region = -1;
  let ids = new IdSource(seed, 0);
  for (const plan of plans) {
    if (plan.region !== region) {
      region = plan.region;
      ids = new IdSource(seed, region);
      if (scale.regions > 1) log(`region ${region + 1} of ${scale.regions}`);
    }
    generateDistrict(plan, scale, seed, ids, sinks);
    for (const sink of Object.values(sinks)) sink.flush();
    await Promise.race([failed, Promise.all(Object.values(sinks).map((sink) => sink.drained()))]);
  }
  const rows: Record<string, number> = {};
  await Promise.all(
    streams.map(async ({ table, stream, client }) => {
      const sink = sinks[table.table];
      sink.flush();
      const finished = once(stream, 'finish');
      stream.end();
      await Promise.race([failed, finished]);
      await client.query('COMMIT');
      rows[`${table.service}.${table.table}`] = sink.rows;
      await client.end();
    }),
  );
  return rows;
}

async function openCopy(
  url: string,
  table: TableRef,
  fail: (error: Error) => void,
): Promise<{ table: TableRef; stream: Writable; client: pg.Client }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Truncated in the COPY's own transaction, the table takes its rows frozen and all-visible: no
  // later vacuum has to rewrite every page to mark them so. The triggers that keep read models are
  // bypassed (as a replica does); `buildReadModels` rebuilds those once.
  await client.query(
    `SET synchronous_commit = off; SET session_replication_role = replica; BEGIN; TRUNCATE ${qualified(table)}`,
  );
  const columns = table.columns.map(quoted).join(', ');
  const stream = client.query(copyFrom(`COPY ${qualified(table)} (${columns}) FROM STDIN WITH (FREEZE)`));
  stream.on('error', (error) => fail(new Error(`COPY into ${qualified(table)} failed: ${error.message}`)));
  return { table, stream, client };
}

const readModelTables: TableId[] = [
  { service: 'programmes', table: 'ChecklistFact' },
  { service: 'programmes', table: 'ChecklistTotal' },
];

/**
 * The checklist's read model, which the triggers keep up to date but the load bypassed: rebuilt
 * for all centres in two halves at once with its indexes set aside (inserting 10 million facts
 * under them took 273 s at national size, 146 s with them rebuilt after), then vacuumed so that
 * its covering index is read alone.
 */
async function buildReadModels(control: pg.Client, url: string): Promise<void> {
  const setAside = await setIndexesAside(control, readModelTables);
  const { rows } = await control.query<{ id: string }>(
    'SELECT id FROM agencies."ResourceCentre" ORDER BY id',
  );
  const centres = rows.map((row) => row.id);
  const half = Math.ceil(centres.length / 2);
  const refresh = (ids: string[]) => `SELECT programmes.checklist_refresh('{${ids.join(',')}}'::uuid[])`;
  await inParallel(url, [refresh(centres.slice(0, half)), refresh(centres.slice(half))]);
  await rebuild(url, setAside);
  await inParallel(url, [
    'VACUUM (ANALYZE) programmes."ChecklistFact"',
    'VACUUM (ANALYZE) programmes."ChecklistTotal"',
  ]);
}

/** The last seed's report, kept beside the data for the benchmark to quote. */
async function record(client: pg.Client, report: SeedReport): Promise<void> {
  await client.query(
    'CREATE TABLE IF NOT EXISTS public.synthetic_seed (scale text, seed int, as_of date, report jsonb, loaded_at timestamptz DEFAULT now())',
  );
  await client.query(
    'INSERT INTO public.synthetic_seed (scale, seed, as_of, report) VALUES ($1, $2, $3, $4)',
    [report.scale, report.seed, report.asOf, JSON.stringify(report)],
  );
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
