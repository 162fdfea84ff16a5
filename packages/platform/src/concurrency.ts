import { badInput, conflict } from './errors.ts';

/**
 * Optimistic concurrency: `update` must change the row only where its version is the one the client
 * read (and increment it). No row changed means either the record is gone (a bad reference) or
 * someone else wrote first (a conflict); never a silently lost update.
 */
export async function updateAtVersion(
  update: () => Promise<{ count: number }>,
  exists: () => Promise<boolean>,
  record: { field: string; what: string },
): Promise<void> {
  const { count } = await update();
  if (count === 1) return;
  if (!(await exists())) throw badInput(record.field, `no ${record.what} with this id`);
  throw staleVersion(record.what);
}

/**
 * A stale version is a conflict before any other check: two clients who read the same version get
 * one success and one CONFLICT whichever the database serialises first, never a rule violation
 * computed from a state the loser has not seen. `updateAtVersion` still guards the write itself.
 */
export function assertVersionRead(record: { version: number }, version: number, what: string): void {
  if (record.version !== version) throw staleVersion(what);
}

function staleVersion(what: string) {
  return conflict(
    `The ${what} was changed by someone else since you read it: reload it and try again.`,
    'input.version',
  );
}
