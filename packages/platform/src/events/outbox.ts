import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { currentMutation } from '../audit/writes.ts';
import { isoDate } from '../dates.ts';
import type { SqlClient } from '../sql-client.ts';
import { onCommit } from '../transaction.ts';
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
  // Events are served in the order of `seq`, drawn after this outbox's lock, which is held to
  // commit: the outbox's writers commit one at a time in the order of their `seq`, so a reader never
  // sees an event before every earlier one has committed. The lock's key is the table's own oid, so
  // two services sharing a database do not wait for each other.
  await tx.$executeRawUnsafe(
    `SELECT pg_advisory_xact_lock(${OUTBOX_LOCK_SPACE}, '"DomainEvent"'::regclass::oid::int)`,
  );
  await tx.$executeRawUnsafe(
    `INSERT INTO "DomainEvent" (id, type, version, "effectiveOn", "familyId", "agencyId", "districtCode", "requestId", "userId", payload)
     SELECT e.id, e.type, e.version, e."effectiveOn", e."familyId", e."agencyId", e."districtCode", e."requestId", e."userId", e.payload
       FROM jsonb_to_recordset($1::jsonb) AS e(id uuid, type text, version int, "effectiveOn" date, "familyId" uuid, "agencyId" uuid, "districtCode" text, "requestId" text, "userId" text, payload jsonb)`,
    JSON.stringify(rows),
  );
  onCommit(() => committed.emit(producer));
}

/** An outbox row: the envelope, its position the sequence number it is ordered by. */
interface StoredEvent extends Omit<EventEnvelope, 'producer' | 'position'> {
  seq: bigint | string;
}

/** The first of the two keys of the outbox's advisory lock, apart from any other advisory lock. */
const OUTBOX_LOCK_SPACE = 0x0e7e;

export const startPosition = '0';

/** A position is the event's sequence number, checked: a cursor is the client's input. */
export function parsePosition(position: string): bigint | null {
  return /^\d{1,18}$/.test(position) ? BigInt(position) : null;
}

/** Whether position `a` comes after `b` in the producer's order. */
export function isAfter(a: string, b: string): boolean {
  return (parsePosition(a) ?? 0n) > (parsePosition(b) ?? 0n);
}

export interface EventFilter {
  after: string;
  limit: number;
  /** Only the events of these families (a repair replays a family's history). */
  familyIds?: readonly string[] | null;
  /** Only the events of this district (an integrator bound to one district). */
  districtCode?: string | null;
}

/** The producer's events after a position, in order. */
export async function readEvents(
  db: SqlClient,
  producer: Producer,
  { after, limit, familyIds, districtCode }: EventFilter,
): Promise<EventEnvelope[]> {
  const rows = await db.$queryRawUnsafe<StoredEvent[]>(
    `SELECT id, seq, type, version, "effectiveOn", "occurredAt", "familyId", "agencyId", "districtCode", "requestId", "userId", payload
       FROM "DomainEvent"
      WHERE seq > $1::bigint
        AND ($2::uuid[] IS NULL OR "familyId" = ANY($2::uuid[]))
        AND ($3::text IS NULL OR "districtCode" = $3)
      ORDER BY seq
      LIMIT $4`,
    String(parsePosition(after) ?? 0n),
    familyIds ?? null,
    districtCode ?? null,
    limit,
  );
  return rows.map((row) => ({
    id: row.id,
    producer,
    type: row.type,
    version: row.version,
    position: String(row.seq),
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
