import type { SubgraphName } from '@kdn/platform';
import type { Stack } from '../stack.ts';

interface TableState {
  rows: number;
  checksum: string;
}

interface RawClient {
  $queryRawUnsafe<Row>(query: string): PromiseLike<Row>;
}

const services: SubgraphName[] = ['agencies', 'registry', 'curation', 'programmes'];

/**
 * The audit's READ records are left out: every request that reads personal data adds one, a retry
 * answered from the client request log too, batched after the answer. Its WRITE records stay in:
 * a mutation applied once writes one.
 */
const writesOnly: Record<string, string> = { AuditRecord: `WHERE t.action = 'WRITE'` };

/**
 * Every table of every service's schema, with its row count and an md5 of all its rows: two states
 * are equal only if nothing was written in between. Read straight from the databases, not the API,
 * once the events written so far have been applied everywhere (what a write sets off belongs to it).
 */
export async function databaseState(stack: Stack): Promise<Record<string, TableState>> {
  await stack.settle();
  const entries = await Promise.all(
    services.map(async (service) => {
      const db = stack[service].db.client as unknown as RawClient;
      const tables = await db.$queryRawUnsafe<Array<{ name: string }>>(
        `SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
      );
      const states = [];
      for (const { name } of tables) {
        const [state] = await db.$queryRawUnsafe<[TableState]>(
          `SELECT count(*)::int AS rows, coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS checksum
             FROM "${name}" t ${writesOnly[name] ?? ''}`,
        );
        states.push([`${service}.${name}`, state] as const);
      }
      return states;
    }),
  );
  return Object.fromEntries(entries.flat());
}

/** Rows per table only: what a mutation adds, whatever it writes in them. */
export function rowCounts(state: Record<string, TableState>): Record<string, number> {
  return Object.fromEntries(Object.entries(state).map(([table, { rows }]) => [table, rows]));
}

/** How many rows each table gained from `before` to `after`, tables that did not change left out. */
export function rowsAdded(before: Record<string, number>, after: Record<string, number>) {
  return Object.fromEntries(
    Object.entries(after)
      .map(([table, rows]) => [table, rows - (before[table] ?? 0)] as const)
      .filter(([, added]) => added !== 0),
  );
}
