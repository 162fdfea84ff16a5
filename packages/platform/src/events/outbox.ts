import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { currentMutation } from '../audit/writes.ts';
import { onCommit, type SqlClient } from '../client-requests.ts';
import { isoDate } from '../dates.ts';
import { conflict } from '../errors.ts';
import {
  definitionOf,
  type EventEnvelope,
  type EventType,
  type PayloadInput,
  type Producer,
  storedPayload,
} from './catalogue.ts';

/**
 * The transactional outbox: a change that other services must know of writes its event into the
 * producer's own `DomainEvent` table in the same transaction as the change, so the two commit or
 * roll back together. Readers follow a producer's events by position (`readEvents`), through the
 * producer's API.
 */

/** Who caused the events written now: the mutation being served, or the event being reacted to. */
interface Cause {
  requestId: string | null;
  userId: string | null;
}

const reactingTo = new AsyncLocalStorage<Cause>();

/** Runs a consumer's reaction so that the events it writes carry the cause of the event it reacts to. */
export function asReactionTo<Result>(event: Cause, work: () => Promise<Result>): Promise<Result> {
  return reactingTo.run({ requestId: event.requestId, userId: event.userId }, work);
}

function currentCause(): Cause {
  const reaction = reactingTo.getStore();
  if (reaction) return reaction;
  const mutation = currentMutation.getStore();
  return { requestId: mutation?.requestId ?? null, userId: mutation?.principal.userId ?? null };
}

export interface NewEvent<P extends Producer, T extends EventType<P>> {
  type: T;
  effectiveOn: Date;
  /** The family the event concerns, or for a directory event the agency. */
  familyId?: string;
  agencyId?: string;
  districtCode: string;
  payload: PayloadInput<P, T> | Record<string, unknown>;
}

/** Signals, within this process, that a producer's transaction with events has committed. */
const committed = new EventEmitter().setMaxListeners(0);

/**
 * Writes events into the producer's outbox inside the caller's transaction. The payload is checked
 * against the catalogue first: an event that does not fit its type is a programming error, and
 * the whole change rolls back with it.
 */
export async function publish<P extends Producer, T extends EventType<P>>(
  tx: SqlClient,
  producer: P,
  events: Array<NewEvent<P, T>>,
): Promise<void> {
  if (events.length === 0) return;
  const cause = currentCause();
  const rows = events.map((event) => {
    const payload = storedPayload(event.payload);
    const definition = definitionOf(producer, event.type);
    if (!definition) throw new Error(`${producer} has no event type ${event.type}`);
    definition.payload.parse(payload);
    return {
      id: randomUUID(),
      type: event.type,
      version: definition.version,
      effectiveOn: isoDate(event.effectiveOn),
      familyId: event.familyId ?? null,
      agencyId: event.agencyId ?? null,
      districtCode: event.districtCode,
      requestId: cause.requestId,
      userId: cause.userId,
      payload,
    };
  });
  // Events are served in the order of their transactions' ids, taken at a transaction's first write,
  // not at its commit. A transaction that took its id first but writes a family's event after
  // another transaction has committed one for the same family would put its event before that one.
  // The family's lock serialises its writers up to commit; a writer that finds a later transaction's
  // event of the family already committed is refused as a conflict, to be tried again with a new id.
  const familyIds = [...new Set(rows.flatMap((row) => (row.familyId ? [row.familyId] : [])))].sort();
  if (familyIds.length > 0) {
    await tx.$queryRawUnsafe(
      `SELECT count(pg_advisory_xact_lock(hashtextextended('DomainEvent family ' || f, 0)))::int AS locked
         FROM (SELECT unnest($1::text[]) AS f ORDER BY 1) AS families`,
      familyIds,
    );
  }
  const written = await tx.$executeRawUnsafe(
    `INSERT INTO "DomainEvent" (id, "txId", type, version, "effectiveOn", "familyId", "agencyId", "districtCode", "requestId", "userId", payload)
     SELECT e.id, pg_current_xact_id()::text::bigint, e.type, e.version, e."effectiveOn", e."familyId", e."agencyId", e."districtCode", e."requestId", e."userId", e.payload
       FROM jsonb_to_recordset($1::jsonb) AS e(id uuid, type text, version int, "effectiveOn" date, "familyId" uuid, "agencyId" uuid, "districtCode" text, "requestId" text, "userId" text, payload jsonb)
      WHERE e."familyId" IS NULL OR NOT EXISTS (
        SELECT 1 FROM "DomainEvent" later
         WHERE later."familyId" = e."familyId" AND later."txId" > pg_current_xact_id()::text::bigint)`,
    JSON.stringify(rows),
  );
  if (written < rows.length) {
    throw conflict('The family was changed by another request meanwhile: read it again and retry');
  }
  onCommit(() => committed.emit(producer));
}

/** An outbox row: the envelope, its position as the two numbers it is ordered by. */
interface StoredEvent extends Omit<EventEnvelope, 'producer' | 'position'> {
  txId: bigint | string;
  seq: bigint | string;
}

export const startPosition = '0-0';

/** `<txId>-<seq>` as the two numbers, checked: a cursor is the client's input. */
export function parsePosition(position: string): [string, string] | null {
  const match = /^(\d{1,19})-(\d{1,19})$/.exec(position);
  return match ? [match[1] as string, match[2] as string] : null;
}

/** Whether position `a` comes after `b` in the producer's order. */
export function isAfter(a: string, b: string): boolean {
  const [aTx, aSeq] = parsePosition(a) ?? ['0', '0'];
  const [bTx, bSeq] = parsePosition(b) ?? ['0', '0'];
  return BigInt(aTx) > BigInt(bTx) || (aTx === bTx && BigInt(aSeq) > BigInt(bSeq));
}

export interface EventFilter {
  after: string;
  limit: number;
  /** Only the events of these families (a repair replays a family's history). */
  familyIds?: readonly string[] | null;
  /** Only the events of this district (an integrator bound to one district). */
  districtCode?: string | null;
}

/**
 * The producer's events after a position, in order. Only events of transactions older than every
 * transaction still running are returned: a transaction that started earlier but commits later
 * has a smaller `txId`, and would otherwise be skipped by a reader that had already moved past.
 */
export async function readEvents(
  db: SqlClient,
  producer: Producer,
  { after, limit, familyIds, districtCode }: EventFilter,
): Promise<EventEnvelope[]> {
  const [txId, seq] = parsePosition(after) ?? ['0', '0'];
  const rows = await db.$queryRawUnsafe<StoredEvent[]>(
    `SELECT id, "txId", seq, type, version, "effectiveOn", "occurredAt", "familyId", "agencyId", "districtCode", "requestId", "userId", payload
       FROM "DomainEvent"
      WHERE ("txId", seq) > ($1::bigint, $2::bigint)
        AND "txId" < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
        AND ($3::uuid[] IS NULL OR "familyId" = ANY($3::uuid[]))
        AND ($4::text IS NULL OR "districtCode" = $4)
      ORDER BY "txId", seq
      LIMIT $5`,
    txId,
    seq,
    familyIds ?? null,
    districtCode ?? null,
    limit,
  );
  return rows.map((row) => ({
    id: row.id,
    producer,
    type: row.type,
    version: row.version,
    position: `${row.txId}-${row.seq}`,
    effectiveOn: row.effectiveOn,
    occurredAt: row.occurredAt,
    familyId: row.familyId,
    agencyId: row.agencyId,
    districtCode: row.districtCode,
    requestId: row.requestId,
    userId: row.userId,
    payload: row.payload,
  }));
}

/**
 * `readEvents`, waiting up to `waitMs` for the first event when there is none yet (long polling):
 * woken when a transaction of this process writes one, and looking again every `recheckMs` for
 * those written by other replicas of the producer.
 */
export async function waitForEvents(
  db: SqlClient,
  producer: Producer,
  filter: EventFilter,
  { waitMs, recheckMs = 500, signal }: { waitMs: number; recheckMs?: number; signal?: AbortSignal },
): Promise<EventEnvelope[]> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const events = await readEvents(db, producer, filter);
    const left = deadline - Date.now();
    if (events.length > 0 || left <= 0 || signal?.aborted) return events;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        committed.off(producer, done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.min(left, recheckMs));
      committed.on(producer, done);
      signal?.addEventListener('abort', done);
    });
  }
}
