import { conflict } from '@kdn/platform';

/**
 * A stale version is a conflict before any other check: two clients who read the same version get
 * one success and one CONFLICT whichever the database serialises first, never a rule violation
 * computed from a state the loser has not seen. `updateAtVersion` still guards the write itself.
 */
export function assertVersionRead(record: { version: number }, version: number, what: string): void {
  if (record.version !== version) {
    throw conflict(
      `The ${what} was changed by someone else since you read it: reload it and try again.`,
      'input.version',
    );
  }
}
