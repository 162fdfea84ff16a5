import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankPGlite, diffMigrationsToSchema } from './engine.ts';
import { applyMigrations, pgliteSession, readMigrations, type SqlSession } from './migrate.ts';
import { servicePaths, services } from './services.ts';

interface MigrationRow {
  migration_name: string;
  checksum: string;
  applied_steps_count: number;
}

describe('applyMigrations', () => {
  let db: PGlite;
  let session: SqlSession;

  beforeAll(async () => {
    db = await blankPGlite();
    session = pgliteSession(db);
  });
  afterAll(() => db.close());

  it.each(services)('applies %s into its own schema once, and nothing the second time', async (service) => {
    const names = readMigrations(service).map((migration) => migration.name);
    expect(names.length).toBeGreaterThan(0);
    expect(await applyMigrations(service, session, service)).toEqual(names);
    expect(await applyMigrations(service, session, service)).toEqual([]);
  });

  it.each(services)('records %s as Prisma Migrate does, with the files’ sha256', async (service) => {
    const rows = await session.query<MigrationRow>(
      `SELECT migration_name, checksum, applied_steps_count FROM "${service}"._prisma_migrations
       WHERE finished_at IS NOT NULL AND logs IS NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    );
    const { migrations } = servicePaths(service);
    expect(rows).toEqual(
      readMigrations(service).map(({ name }) => ({
        migration_name: name,
        checksum: createHash('sha256')
          .update(readFileSync(path.join(migrations, name, 'migration.sql')))
          .digest('hex'),
        applied_steps_count: 1,
      })),
    );
  });

  it('refuses to run when an applied migration was edited', async () => {
    const [first] = readMigrations('agencies');
    const recordChecksum = (checksum: string | undefined) =>
      session.query('UPDATE agencies._prisma_migrations SET checksum = $1 WHERE migration_name = $2', [
        checksum,
        first?.name,
      ]);
    // Same as editing the file after it was applied: the recorded checksum no longer matches.
    await recordChecksum('0'.repeat(64));
    await expect(applyMigrations('agencies', session, 'agencies')).rejects.toThrow(
      /edited after being applied/,
    );
    await recordChecksum(first?.checksum);
    expect(await applyMigrations('agencies', session, 'agencies')).toEqual([]);
  });
});

describe('diffMigrationsToSchema', () => {
  it.each(services)('finds no drift between %s’s committed migrations and schema.prisma', async (service) => {
    expect(await diffMigrationsToSchema(service)).toBe('');
  });
});
