import { PrismaClient } from '@kdn/prisma/agencies';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSubgraphBuilder } from './builder.ts';
import { subgraphUrlsFromEnv } from './config.ts';
import type { SubgraphContext } from './context.ts';
import { type Database, openDatabase } from './database.ts';
import { type RunningService, serveService } from './subgraph-service.ts';
import { createTestDatabases, graphql, type TestDatabases } from './testing/index.ts';
import { transaction } from './transaction.ts';

type Context = SubgraphContext & { db: PrismaClient };

/** Mutations that write through no transaction, one, or two (the second refused and the refusal swallowed). */
const builder = createSubgraphBuilder<Context>();
const write = (db: PrismaClient) =>
  transaction(db, async (tx) => {
    await tx.$executeRawUnsafe('SELECT 1');
    return 1;
  });
builder.mutationFields((t) => ({
  none: t.int({ resolve: async () => 1 }),
  one: t.int({ resolve: (_root, _args, { db }) => write(db) }),
  two: t.int({ resolve: async (_root, _args, { db }) => (await write(db)) + (await write(db)) }),
  twoSwallowed: t.int({
    resolve: async (_root, _args, { db }) => {
      await write(db);
      return write(db).catch(() => 1);
    },
  }),
}));
builder.queryField('ok', (t) => t.boolean({ resolve: () => true }));

let databases: TestDatabases;
let database: Database<PrismaClient>;
let server: RunningService;

beforeAll(async () => {
  databases = await createTestDatabases(['agencies']);
  database = await openDatabase(
    'agencies',
    (adapter) => new PrismaClient({ adapter }),
    databases.locationOf('agencies'),
  );
  server = await serveService(
    {
      name: 'agencies',
      schema: builder.toSchema(),
      openDatabase: async () => database,
      context: (db) => (base) => ({ ...base, db: db.client }),
    },
    database,
    { port: 0, peers: subgraphUrlsFromEnv() },
  );
});
afterAll(async () => {
  await server?.stop();
  await database?.close();
  await databases?.drop();
});

describe('every mutation writes through exactly one transaction()', () => {
  const internalError = { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };

  test.each(['none', 'two', 'twoSwallowed'])(
    '%s fails as an internal error, with a clientRequestId or without',
    async (mutation) => {
      for (const clientRequestId of [null, `${mutation}-request`]) {
        const { data, errors } = await graphql(
          server.url,
          `mutation ($id: ID) { ${mutation}(clientRequestId: $id) }`,
          { id: clientRequestId },
        );
        expect(data).toBeNull();
        expect(errors).toEqual([expect.objectContaining(internalError)]);
      }
    },
  );

  test('one succeeds, with a clientRequestId or without', async () => {
    for (const clientRequestId of [null, 'one-request']) {
      const { data, errors } = await graphql(server.url, 'mutation ($id: ID) { one(clientRequestId: $id) }', {
        id: clientRequestId,
      });
      expect(errors).toBeUndefined();
      expect(data).toEqual({ one: 1 });
    }
  });
});
