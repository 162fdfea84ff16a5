import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from '../access/principal.ts';
import type { SqlClient } from '../sql-client.ts';
import { insertAuditRecords } from './audit-log.ts';

/** The mutation being served: what its audit record says, once its transaction has written. */
export interface MutationInFlight {
  operation: string;
  input: Record<string, unknown>;
  principal: Principal;
  requestId: string;
  /** The GraphQL type the mutation returns: a `Family` result is itself the family changed. */
  returns: string;
}

export const currentMutation = new AsyncLocalStorage<MutationInFlight>();

/**
 * Called by `transaction()` after the mutation's writes, in the same transaction: the audit record
 * of the write commits or rolls back with it. The families changed are those the input or the
 * written record names (`familyId`), or the record itself when it is a family.
 */
export async function auditWrite(tx: SqlClient, result: unknown): Promise<void> {
  const mutation = currentMutation.getStore();
  if (!mutation) return;
  const families = new Set<string>();
  const minors = new Set<string>();
  collectIds(mutation.input, families, minors);
  collectIds(result, families, minors);
  if (mutation.returns === 'Family' && typeof (result as { id?: unknown })?.id === 'string') {
    families.add((result as { id: string }).id);
  }
  await insertAuditRecords(tx, [
    {
      action: 'WRITE',
      operation: mutation.operation,
      requestId: mutation.requestId,
      userId: mutation.principal.userId,
      role: mutation.principal.role,
      familyIds: [...families],
      minorIds: [...minors],
      fields: leafPaths(mutation.input),
      changes: { input: mutation.input, written: summaryOf(result) },
    },
  ]);
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function collectIds(value: unknown, families: Set<string>, minors: Set<string>, depth = 0): void {
  if (depth > 4 || value === null || typeof value !== 'object' || value instanceof Date) return;
  if (Array.isArray(value)) {
    for (const item of value) collectIds(item, families, minors, depth + 1);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    const target =
      key === 'familyId' || key === 'familyIds'
        ? families
        : key === 'minorId' || key === 'minorIds'
          ? minors
          : null;
    for (const id of Array.isArray(item) ? item : [item]) {
      if (target && typeof id === 'string' && uuid.test(id)) target.add(id);
    }
    collectIds(item, families, minors, depth + 1);
  }
}

/** `input.address`, `input.minors.birthDate`: the fields a write set. */
function leafPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || value instanceof Date) return prefix ? [prefix] : [];
  const items = Array.isArray(value) ? value : [value];
  const paths = new Set<string>();
  for (const item of items) {
    if (item === null || typeof item !== 'object' || item instanceof Date) {
      if (prefix) paths.add(prefix);
      continue;
    }
    for (const [key, child] of Object.entries(item)) {
      for (const path of leafPaths(child, prefix ? `${prefix}.${key}` : key)) paths.add(path);
    }
  }
  return [...paths].sort();
}

/** The written record's identity, not its whole content (the input says what was set). */
function summaryOf(result: unknown): unknown {
  if (result === null || typeof result !== 'object') return result ?? null;
  const { id, version } = result as { id?: unknown; version?: unknown };
  return { id: id ?? null, version: version ?? null };
}
