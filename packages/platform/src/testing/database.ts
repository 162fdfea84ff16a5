import { randomBytes } from 'node:crypto';
import { applyMigrations, pgSession } from '@kdn/prisma/migrate';
import type { ServiceName } from '@kdn/prisma/services';
import pg from 'pg';
import type { DatabaseLocation } from '../database.ts';
import { pgliteTemplate } from './pglite-templates.ts';

export interface TestDatabases {
  locationOf(service: ServiceName): DatabaseLocation;
  drop(): Promise<void>;
}

/**
 * Fresh, migrated databases for one test stack. With `DATABASE_URL` (CI's second run) a new
 * PostgreSQL database is created on that server, one schema per service, and dropped afterwards;
 * otherwise each service gets an in-memory PGlite, cloned from the run's migrated template.
 */
export async function createTestDatabases(services: readonly ServiceName[]): Promise<TestDatabases> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const templates = new Map(
      await Promise.all(services.map(async (service) => [service, await pgliteTemplate(service)] as const)),
    );
    return {
      locationOf: (service) => {
        const template = templates.get(service);
        return template ? { kind: 'pglite', loadDataDir: template } : { kind: 'pglite' };
      },
      drop: async () => {},
    };
  }
  const name = `kdn_test_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await withClient(url.toString(), async (client) => {
    for (const service of services) await applyMigrations(service, pgSession(client), service);
  });
  return {
    locationOf: (service) => ({ kind: 'postgres', url: url.toString(), schema: service }),
    drop: async () => {
      await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withClient<T>(connectionString: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
