import { type DefaultConnectionArguments, resolveCursorConnection } from '@pothos/plugin-relay';
import { z } from 'zod';
import { badInput } from './errors.ts';

export interface IdWindow {
  /** Only ids after this one (in the order of `direction`)… */
  after?: string;
  /** …and before this one. */
  before?: string;
  take: number;
  direction: 'asc' | 'desc';
}

const cursor = z.uuid();

/**
 * Cursor pagination over records keyed by time-ordered UUIDs (v7): the cursor is the id itself,
 * pages are ordered by id, and `totalCount` runs its count only when a client asks for it.
 */
export async function idCursorConnection<Row extends { id: string }>(
  args: DefaultConnectionArguments,
  page: (window: IdWindow) => Promise<Row[]>,
  count: () => Promise<number>,
) {
  for (const name of ['after', 'before'] as const) {
    const value = args[name];
    if (value != null && !cursor.safeParse(value).success)
      throw badInput(name, 'is not a cursor of this list');
  }
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (value != null && (value < 0 || value > 100)) throw badInput(name, 'must be between 0 and 100');
  }
  const connection = await resolveCursorConnection(
    { args, toCursor: (row: Row) => row.id, defaultSize: 20, maxSize: 100 },
    ({
      before,
      after,
      limit,
      inverted,
    }: {
      before?: string;
      after?: string;
      limit: number;
      inverted: boolean;
    }) =>
      page({
        ...(after ? { after } : {}),
        ...(before ? { before } : {}),
        take: limit,
        direction: inverted ? 'desc' : 'asc',
      }),
  );
  return { ...connection, totalCount: count };
}
