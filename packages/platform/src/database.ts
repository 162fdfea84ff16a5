import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { applyMigrations, pgliteSession } from '@kdn/prisma/migrate';
import { pgliteDataDir, type ServiceName } from '@kdn/prisma/services';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { AuditWriter, isAuditBatch } from './audit/audit-log.ts';
import { type ClientRequestLog, clientRequestLog } from './client-request-log.ts';
import { isBackgroundWork } from './events/background.ts';
import { rootLogger } from './logger.ts';
import type { SqlClient } from './sql-client.ts';

/**
 * Where a service's data lives. PostgreSQL (production, CI): one database shared by the services,
 * each in its own schema. Embedded PGlite (the default): one data directory per service, or memory.
 */
export type DatabaseLocation =
  | { kind: 'postgres'; url: string; schema: string }
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob };

export interface Database<Client> {
  readonly client: Client;
  readonly location: DatabaseLocation;
  /**
   * How many SQL statements this connection has sent so far for the requests themselves (tests
   * compare before and after a request); the audit's batches, written across requests, and the
   * events peers read and this service applies, apart.
   */
  statementCount(): number;
  /** How many batches of read records the audit writer has sent. */
  auditBatchCount(): number;
  /** The audit of reads of personal data, batched across requests. */
  readonly audit: AuditWriter;
  /** The client requests the service has applied (idempotent retries). */
  readonly clientRequests: ClientRequestLog;
  /** Resolves when the database answers: the readiness check. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

interface PrismaClientLike extends SqlClient {
  $disconnect(): Promise<void>;
}

/** `DATABASE_URL` set: PostgreSQL, schema named after the service. Unset: the service's embedded data directory. */
export function locationFromEnv(service: ServiceName): DatabaseLocation {
  const url = process.env.DATABASE_URL;
  return url
    ? { kind: 'postgres', url, schema: service }
    : { kind: 'pglite', dataDir: pgliteDataDir(service) };
}

/**
 * Opens a service's database through one code path for both engines. An embedded database is
 * migrated on open (the service owns its directory); PostgreSQL is migrated by `npm run db:migrate`.
 */
export async function openDatabase<Client extends PrismaClientLike>(
  service: ServiceName,
  createClient: (adapter: SqlDriverAdapterFactory) => Client,
  location: DatabaseLocation = locationFromEnv(service),
): Promise<Database<Client>> {
  let statements = 0;
  let auditBatches = 0;
  const { adapter, closeEngine } = await openEngine(service, location);
  const client = createClient(
    countingStatements(adapter, () => {
      if (isAuditBatch()) auditBatches += 1;
      else if (!isBackgroundWork()) statements += 1;
    }),
  );
  const audit = new AuditWriter(client, rootLogger.child({ service }));
  return {
    client,
    location,
    statementCount: () => statements,
    auditBatchCount: () => auditBatches,
    audit,
    clientRequests: clientRequestLog(client),
    ping: async () => {
      await client.$executeRawUnsafe('SELECT 1');
    },
    close: async () => {
      await audit.flush();
      await client.$disconnect();
      await closeEngine();
    },
  };
}

async function openEngine(service: ServiceName, location: DatabaseLocation) {
  if (location.kind === 'postgres') {
    // JIT compilation costs a query tens of milliseconds more than the short aggregates here take.
    const adapter = new PrismaPg(
      {
        connectionString: location.url,
        options: `-c search_path=${location.schema} -c jit=off`,
        max: poolSize(),
        // Without a bound, a request waits for a connection forever while the server is unreachable.
        connectionTimeoutMillis: 5000,
      },
      { schema: location.schema },
    );
    return { adapter, closeEngine: async () => {} };
  }
  if (location.dataDir) await mkdir(location.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(location.dataDir ? { dataDir: location.dataDir } : {}),
    ...(location.loadDataDir ? { loadDataDir: location.loadDataDir } : {}),
  });
  await applyMigrations(service, pgliteSession(pglite), 'public');
  return { adapter: new PrismaPGlite(pglite), closeEngine: () => pglite.close() };
}

function poolSize(): number {
  return Number(process.env.DATABASE_POOL_SIZE ?? 10);
}

/** Wraps a driver adapter factory so that every statement it sends, in or out of a transaction, is counted. */
function countingStatements(
  factory: SqlDriverAdapterFactory,
  onStatement: () => void,
): SqlDriverAdapterFactory {
  const counted = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, property) {
        const value: unknown = Reflect.get(object, property, object);
        if (typeof value !== 'function') return value;
        if (property === 'queryRaw' || property === 'executeRaw') {
          return (...args: unknown[]) => {
            onStatement();
            return value.apply(object, args);
          };
        }
        if (property === 'startTransaction' || property === 'connect') {
          return async (...args: unknown[]) => counted(await value.apply(object, args));
        }
        return value.bind(object);
      },
    });
  return counted(factory);
}
