import { setTimeout as sleep } from 'node:timers/promises';
import { isDatabaseUnavailable } from '../database-errors.ts';
import { badInput, ErrorCode } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { SqlClient, TransactionalClient } from '../sql-client.ts';
import { transaction } from '../transaction.ts';
import { inBackground } from './background.ts';
import {
  type DomainEvent,
  type EventEnvelope,
  type EventType,
  isKnownType,
  MalformedEvent,
  type Producer,
  parseEvent,
} from './catalogue.ts';
import type { EventFeed } from './feed-client.ts';
import { asReactionTo, isAfter, startPosition } from './outbox.ts';

/** What a consumer does with one event of a type, inside the transaction that records it applied. */
export type Reaction<Tx, P extends Producer, T extends EventType<P>> = (
  tx: Tx,
  event: DomainEvent<P, T>,
) => Promise<void>;

/** The reactions of a consumer to one producer's events; types it does not name pass it by. */
export type Reactions<Tx, P extends Producer> = { [T in EventType<P>]?: Reaction<Tx, P, T> };

export type Subscriptions<Tx> = { [P in Producer]?: Reactions<Tx, P> };

export interface ConsumerOptions<Tx extends SqlClient> {
  service: string;
  db: SqlClient & TransactionalClient<Tx>;
  subscriptions: Subscriptions<Tx>;
  feedOf: (producer: Producer) => EventFeed;
  log: Logger;
  /** Attempts before a failing reaction's event is set aside as dead. */
  attempts?: number;
  /** How long one request for events may wait for the first (long polling). */
  waitSeconds?: number;
}

/**
 * Applies the events of the producers a service subscribes to, exactly once in effect: each event's
 * reaction and the consumer's cursor past it commit in one transaction, with the cursor's row locked,
 * so a redelivered event (a retry, a restart, a second replica) finds the cursor past it and changes
 * nothing. Events are applied in the producer's order (a page at a time, in one transaction), so a
 * family's events are applied in the order they were written. A reaction that keeps failing sets its event aside as a
 * dead event (kept with its error, listed for administrators, replayable) and the stream goes on.
 */
export class EventConsumer<Tx extends SqlClient> {
  private readonly stopping = new AbortController();
  private loops: Promise<void>[] = [];
  private readonly attempts: number;
  private readonly waitSeconds: number;

  constructor(private readonly options: ConsumerOptions<Tx>) {
    this.attempts = options.attempts ?? 3;
    this.waitSeconds = options.waitSeconds ?? 4;
  }

  get producers(): Producer[] {
    return Object.keys(this.options.subscriptions) as Producer[];
  }

  /** Follows every subscribed producer until `stop()`. */
  start(): void {
    this.loops = this.producers.map((producer) => this.follow(producer));
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.all(this.loops);
  }

  /**
   * Applies every event the producers have now, without waiting for more; says how many it applied.
   * Tests call it to let the federation settle; the loops started by `start()` do the same continuously.
   */
  async catchUp(): Promise<number> {
    let applied = 0;
    for (const producer of this.producers) {
      applied += await this.deliverFrom(producer, await this.cursorOf(producer));
    }
    return applied;
  }

  /**
   * Delivers a producer's events after `position` as the loop does (a consumer that restarts from
   * an older position after a crash): those already applied find the cursor past them and change
   * nothing. Says how many it applied.
   */
  async deliverFrom(producer: Producer, position: string): Promise<number> {
    let after = position;
    let applied = 0;
    for (;;) {
      const events = await this.options.feedOf(producer).read({ after, first: 100, waitSeconds: 0 });
      const last = events.at(-1);
      if (!last) return applied;
      applied += await this.applyAll(producer, events);
      after = last.position;
    }
  }

  /**
   * Applies a producer's events of some families again, whatever the cursor says, in one
   * transaction (`reconcile --repair`): reactions converge, so what is in line stays so. `null`
   * replays every event of the producer (an agency's events concern no family). A family the
   * producer wrote no event of is bad input: nothing of it can be replayed. Says how many applied.
   */
  async replay(producer: Producer, familyIds: readonly string[] | null): Promise<number> {
    const events: EventEnvelope[] = [];
    for (let after = startPosition; ; ) {
      const page = await this.options
        .feedOf(producer)
        .read({ after, first: 1000, waitSeconds: 0, ...(familyIds ? { familyIds } : {}) });
      const last = page.at(-1);
      if (!last) break;
      events.push(...page);
      after = last.position;
    }
    const written = new Set(events.map((event) => event.familyId));
    const unknown = familyIds?.findIndex((familyId) => !written.has(familyId)) ?? -1;
    if (unknown >= 0) {
      throw badInput(`input.familyIds[${unknown}]`, `the ${producer} service wrote no event of this family`);
    }
    const reactions = events.flatMap((event) => this.reactionTo(producer, event) ?? []);
    return this.inTransaction(async (tx) => {
      for (const reaction of reactions) await reaction(tx);
      return reactions.length;
    });
  }

  /**
   * Applies a dead event's reaction again after a fix; on success it is marked replayed. The dead
   * event's row is locked with the reaction, so two replays at once apply it once: the second finds
   * it replayed. An id that names no dead event waiting is bad input.
   */
  async replayDead(id: string): Promise<{ replayed: boolean; error: string | null }> {
    const notWaiting = badInput('input.id', 'no dead event with this id waits for a replay');
    try {
      const replayed = await this.inTransaction(async (tx) => {
        const [dead] = await tx.$queryRawUnsafe<Array<{ producer: Producer; event: EventEnvelope }>>(
          'SELECT producer, event FROM "DeadEvent" WHERE id = $1::uuid AND "replayedAt" IS NULL FOR UPDATE',
          id,
        );
        if (!dead) throw notWaiting;
        const reaction = this.reactionTo(dead.producer, reviveEnvelope(dead.event));
        await reaction?.(tx);
        await tx.$executeRawUnsafe('UPDATE "DeadEvent" SET "replayedAt" = now() WHERE id = $1::uuid', id);
        // The transaction's result is the mutation's: a retry under the same client request id answers it.
        return { replayed: true, error: null };
      });
      return replayed;
    } catch (error) {
      if (error === notWaiting) throw error;
      const message = messageOf(error);
      await inBackground(() =>
        this.options.db.$executeRawUnsafe(
          'UPDATE "DeadEvent" SET error = $2, attempts = attempts + 1, "failedAt" = now() WHERE id = $1::uuid AND "replayedAt" IS NULL',
          id,
          message,
        ),
      );
      return { replayed: false, error: message };
    }
  }

  private async follow(producer: Producer): Promise<void> {
    const { log } = this.options;
    let failures = 0;
    while (!this.stopping.signal.aborted) {
      try {
        const cursor = await this.cursorOf(producer);
        const events = await this.options.feedOf(producer).read({
          after: cursor,
          first: 100,
          waitSeconds: this.waitSeconds,
          signal: this.stopping.signal,
        });
        await this.applyAll(producer, events);
        failures = 0;
      } catch (error) {
        if (this.stopping.signal.aborted) return;
        failures += 1;
        // A producer or database that does not answer is waited for, not counted against events.
        if (failures === 1 || failures % 30 === 0) {
          log.warn({ err: error, producer, failures }, 'events not read or applied; trying again');
        }
        await sleep(Math.min(200 * 2 ** Math.min(failures, 5), 5000), undefined, {
          signal: this.stopping.signal,
        }).catch(() => {});
      }
    }
  }

  /**
   * Applies a page of events in order. The whole page goes in one transaction with one cursor move
   * when every reaction succeeds (the common case, and many times faster than a transaction per
   * event); when one fails the page is rolled back and applied event by event, so that the failing
   * one is retried and, if it keeps failing, set aside alone.
   */
  private async applyAll(producer: Producer, events: EventEnvelope[]): Promise<number> {
    const last = events.at(-1);
    if (!last) return 0;
    try {
      return await this.inTransaction(async (tx) => {
        const cursor = await this.lockCursor(tx, producer);
        if (!isAfter(last.position, cursor)) return 0;
        let applied = 0;
        for (const event of events) {
          if (!isAfter(event.position, cursor)) continue;
          const reaction = this.reactionTo(producer, event);
          if (!reaction) continue;
          await reaction(tx);
          applied += 1;
        }
        await this.writeCursor(tx, producer, last.position);
        return applied;
      });
    } catch (error) {
      if (isDatabaseUnavailable(error) || isConflict(error)) throw error;
      return this.applyOneByOne(producer, events);
    }
  }

  private async applyOneByOne(producer: Producer, events: EventEnvelope[]): Promise<number> {
    let applied = 0;
    let passed: string | null = null;
    for (const event of events) {
      let reaction: ((tx: Tx) => Promise<void>) | null;
      try {
        reaction = this.reactionTo(producer, event);
      } catch (error) {
        await this.setAside(producer, event, error, 1);
        passed = null;
        continue;
      }
      if (!reaction) {
        passed = event.position;
        continue;
      }
      if (await this.applyOne(producer, event, reaction)) applied += 1;
      passed = null;
    }
    if (passed) await this.inTransaction((tx) => this.moveCursor(tx, producer, passed, async () => {}));
    return applied;
  }

  /** The reaction to an event, bound to its parsed form; null for a type this consumer ignores. */
  private reactionTo(producer: Producer, event: EventEnvelope): ((tx: Tx) => Promise<void>) | null {
    if (!isKnownType(producer, event.type)) {
      throw new MalformedEvent(`${producer} writes no event ${event.type}`);
    }
    const reactions = this.options.subscriptions[producer] as
      | Record<string, Reaction<Tx, Producer, never> | undefined>
      | undefined;
    const reaction = reactions?.[event.type];
    if (!reaction) return null;
    const parsed = parseEvent(event, producer, event.type as never);
    return (tx) => asReactionTo(event, () => reaction(tx, parsed as never));
  }

  /** Applies one event with its cursor; retries a failing reaction, then sets the event aside. */
  private async applyOne(
    producer: Producer,
    event: EventEnvelope,
    reaction: (tx: Tx) => Promise<void>,
  ): Promise<boolean> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.inTransaction((tx) => this.moveCursor(tx, producer, event.position, reaction));
      } catch (error) {
        if (isDatabaseUnavailable(error) || isConflict(error)) throw error;
        if (attempt >= this.attempts) {
          await this.setAside(producer, event, error, attempt);
          return false;
        }
        this.options.log.warn(
          { err: error, producer, type: event.type, id: event.id, attempt },
          'reaction failed',
        );
        await sleep(100 * 4 ** attempt);
      }
    }
  }

  /**
   * Locks the cursor, and unless it is already at or past `position` (another replica, or an
   * earlier delivery, applied the event) runs the reaction and moves the cursor, in one transaction.
   */
  private async moveCursor(
    tx: Tx,
    producer: Producer,
    position: string,
    reaction: (tx: Tx) => Promise<void>,
  ): Promise<boolean> {
    if (!isAfter(position, await this.lockCursor(tx, producer))) return false;
    await reaction(tx);
    await this.writeCursor(tx, producer, position);
    return true;
  }

  /**
   * The consumer's position in the producer's events, its row locked until the transaction ends:
   * replicas applying the same producer's events take turns here. It is created at the start if
   * there is none yet and locked either way: `SELECT … FOR UPDATE` locks nothing while the row does
   * not exist, so two replicas starting on a new consumer would both apply its first events.
   */
  private async lockCursor(tx: Tx, producer: Producer): Promise<string> {
    const [cursor] = await tx.$queryRawUnsafe<Array<{ position: string }>>(
      `INSERT INTO "EventCursor" (producer, position, "movedAt") VALUES ($1, $2, now())
       ON CONFLICT (producer) DO UPDATE SET "movedAt" = "EventCursor"."movedAt"
       RETURNING position`,
      producer,
      startPosition,
    );
    return cursor?.position ?? startPosition;
  }

  private async writeCursor(tx: Tx, producer: Producer, position: string): Promise<void> {
    await tx.$executeRawUnsafe(
      'UPDATE "EventCursor" SET position = $2, "movedAt" = now() WHERE producer = $1',
      producer,
      position,
    );
  }

  private async setAside(producer: Producer, event: EventEnvelope, error: unknown, attempts: number) {
    this.options.log.error(
      { err: error, producer, type: event.type, id: event.id, familyId: event.familyId },
      'dead event: set aside, the stream goes on',
    );
    await this.inTransaction((tx) =>
      this.moveCursor(tx, producer, event.position, async () => {
        await tx.$executeRawUnsafe(
          `INSERT INTO "DeadEvent" (id, producer, type, "familyId", event, error, attempts, "failedAt")
           VALUES ($1::uuid, $2, $3, $4::uuid, $5::jsonb, $6, $7, now())
           ON CONFLICT (id) DO UPDATE SET error = EXCLUDED.error, attempts = "DeadEvent".attempts + EXCLUDED.attempts,
             "failedAt" = now(), "replayedAt" = NULL`,
          uuidOr(event.id),
          producer,
          String(event.type).slice(0, 200),
          uuidOr(event.familyId, null),
          JSON.stringify(event),
          messageOf(error),
          attempts,
        );
      }),
    );
  }

  private async cursorOf(producer: Producer): Promise<string> {
    // A Prisma query runs when awaited, not when called: awaited inside, it is counted as background work.
    const [row] = await inBackground(
      async () =>
        await this.options.db.$queryRawUnsafe<Array<{ position: string }>>(
          'SELECT position FROM "EventCursor" WHERE producer = $1',
          producer,
        ),
    );
    return row?.position ?? startPosition;
  }

  private inTransaction<Result>(work: (tx: Tx) => Promise<Result>): Promise<Result> {
    return inBackground(() => transaction(this.options.db, work));
  }
}

function isConflict(error: unknown): boolean {
  const code = (error as { extensions?: { code?: unknown } })?.extensions?.code;
  // PostgreSQL's serialization failure and deadlock: the same transaction succeeds when run again.
  const sqlState = (error as { meta?: { driverAdapterError?: { cause?: { code?: string } } } })?.meta
    ?.driverAdapterError?.cause?.code;
  return code === ErrorCode.Conflict || sqlState === '40001' || sqlState === '40P01';
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 2000);
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed event's id may not be a UUID: its dead record then gets one of its own. */
function uuidOr(value: unknown, fallback: string | null = crypto.randomUUID()): string | null {
  return typeof value === 'string' && uuidPattern.test(value) ? value : fallback;
}

/** An envelope stored as JSON, its dates back as `Date`s. */
function reviveEnvelope(stored: EventEnvelope): EventEnvelope {
  return {
    ...stored,
    effectiveOn: new Date(stored.effectiveOn),
    occurredAt: new Date(stored.occurredAt),
  };
}
