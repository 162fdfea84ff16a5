import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { type ServiceName, servicePaths } from './services.ts';

/** The two calls the migrator needs from a connection, whether PGlite or `pg`. */
export interface SqlSession {
  exec(sql: string): Promise<void>;
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
}

export function pgliteSession(db: PGlite): SqlSession {
  return {
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async <Row>(sql: string, params?: unknown[]) => (await db.query<Row>(sql, params)).rows,
  };
}

export function pgSession(client: pg.ClientBase): SqlSession {
  return {
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async (sql, params) => (await client.query(sql, params)).rows,
  };
}

export interface Migration {
  name: string;
  sql: string;
  /** sha256 hex of migration.sql, as Prisma Migrate computes it. */
  checksum: string;
}

/** The service's `migrations/<timestamp>_<name>/migration.sql` files, oldest first. */
export function readMigrations(service: ServiceName): Migration[] {
  const dir = servicePaths(service).migrations;
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const file = readFileSync(path.join(dir, name, 'migration.sql'));
      return { name, sql: file.toString('utf8'), checksum: createHash('sha256').update(file).digest('hex') };
    });
}

// Prisma Migrate's own lock key, so this tool and `prisma migrate deploy` never run at once.
const lockKey = 72707369;

// The table exactly as Prisma's schema engine creates it, so `prisma migrate deploy` can take over.
const createMigrationsTable = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
  id                      VARCHAR(36) PRIMARY KEY NOT NULL,
  checksum                VARCHAR(64) NOT NULL,
  finished_at             TIMESTAMPTZ,
  migration_name          VARCHAR(255) NOT NULL,
  logs                    TEXT,
  rolled_back_at          TIMESTAMPTZ,
  started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
  applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
}

/**
 * Applies the service's pending migrations to `schema` (created if missing), each in its own
 * transaction, recording them in `schema._prisma_migrations` as Prisma Migrate does. Leaves the
 * session's search_path set to `schema`. Returns the names of the migrations applied.
 */
export async function applyMigrations(
  service: ServiceName,
  session: SqlSession,
  schema: string,
): Promise<string[]> {
  const migrations = readMigrations(service);
  const quoted = `"${schema.replaceAll('"', '""')}"`;
  await session.exec(`SELECT pg_advisory_lock(${lockKey})`);
  try {
    await session.exec(
      `CREATE SCHEMA IF NOT EXISTS ${quoted}; SET search_path TO ${quoted}; ${createMigrationsTable}`,
    );
    const applied = await session.query<AppliedRow>(
      'SELECT migration_name, checksum, finished_at FROM _prisma_migrations WHERE rolled_back_at IS NULL',
    );
    checkHistory(service, migrations, applied);
    const appliedNames = new Set(applied.map((row) => row.migration_name));
    const pending = migrations.filter((migration) => !appliedNames.has(migration.name));
    for (const migration of pending) await applyOne(service, session, migration);
    return pending.map((migration) => migration.name);
  } finally {
    await session.exec(`SELECT pg_advisory_unlock(${lockKey})`);
  }
}

function checkHistory(service: ServiceName, migrations: Migration[], applied: AppliedRow[]): void {
  const failed = applied.filter((row) => row.finished_at === null).map((row) => row.migration_name);
  if (failed.length > 0) {
    throw new Error(
      `${service}: migration(s) ${failed.join(', ')} failed part-way in an earlier run; ` +
        'repair the database and mark them with `prisma migrate resolve` before migrating again.',
    );
  }
  const checksums = new Map(applied.map((row) => [row.migration_name, row.checksum]));
  const edited = migrations.filter((m) => checksums.has(m.name) && checksums.get(m.name) !== m.checksum);
  if (edited.length > 0) {
    throw new Error(
      `${service}: migration(s) ${edited.map((m) => m.name).join(', ')} were edited after being applied ` +
        '(checksum differs from _prisma_migrations). Restore the file(s) and put the change in a new migration.',
    );
  }
}

async function applyOne(service: ServiceName, session: SqlSession, migration: Migration): Promise<void> {
  await session.exec('BEGIN');
  try {
    await session.exec(migration.sql);
    await session.query(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), clock_timestamp(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await session.exec('COMMIT');
  } catch (error) {
    await session.exec('ROLLBACK');
    throw new Error(
      `${service}: migration ${migration.name} failed and was rolled back: ${(error as Error).message}`,
      { cause: error },
    );
  }
}
