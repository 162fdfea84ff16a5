import { setTimeout as sleep } from 'node:timers/promises';
import { publish, readEvents, type SqlClient, startPosition, transaction } from '@kdn/platform';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import {
  comparePositions,
  eventOf,
  newFamily,
  openProducerAndConsumer,
  type ProducerAndConsumer,
  recordingConsumer,
  write,
} from './consumers.ts';
import { closingDayOf, until } from './processes.ts';

const onPostgres = Boolean(process.env.DATABASE_URL);

/** A transaction held open until `release()`, having run `work` first. */
function heldOpen(world: ProducerAndConsumer, work: (tx: SqlClient) => PromiseLike<unknown>) {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let started = () => {};
  const ready = new Promise<void>((resolve) => {
    started = resolve;
  });
  const done = transaction(world.registry.client, async (tx) => {
    await work(tx);
    started();
    await gate;
  });
  return { ready, release, done };
}

/** Whether `promise` is still pending after `ms`. */
async function stillPending(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const pending = Symbol('pending');
  return (await Promise.race([promise.then(() => null), sleep(ms).then(() => pending)])) === pending;
}

const fromStart = { after: startPosition, limit: 100 };

describe('the outbox’s order under concurrent writers', () => {
  test.skipIf(!onPostgres)(
    'PostgreSQL: a writer waits for the commit of one whose events are still open, so no reader sees a later event before an earlier one',
    async () => {
      const world = await openProducerAndConsumer();
      const consumer = recordingConsumer(world, 'only');
      try {
        consumer.start();
        const first = eventOf('RegistrationClosed', newFamily(), closingDayOf(0));
        const second = eventOf('RegistrationClosed', newFamily(), closingDayOf(1));
        const earlier = heldOpen(world, (tx) => publish(tx, 'registry', [first]));
        await earlier.ready;
        const later = write(world, [second]);

        expect(await stillPending(later, 300)).toBe(true);
        expect(await readEvents(world.registry.client, 'registry', fromStart)).toEqual([]);
        expect(await world.applied()).toEqual([]);

        earlier.release();
        await Promise.all([earlier.done, later]);
        const served = await readEvents(world.registry.client, 'registry', fromStart);
        expect(served.map((event) => event.familyId)).toEqual([first.familyId, second.familyId]);
        await until(async () => (await world.applied()).length === 2, 10_000, 'both applied');
        expect((await world.applied()).map((event) => event.eventId)).toEqual(
          served.map((event) => event.id),
        );
        expect(await world.cursor()).toBe(served[1]?.position);
      } finally {
        await consumer.stop();
        await world.close();
      }
    },
  );

  test.skipIf(!onPostgres)(
    'PostgreSQL: a long transaction that writes no event, here or in another database of the cluster, delays no event',
    async () => {
      const world = await openProducerAndConsumer();
      const elsewhere = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await elsewhere.connect();
      const here = heldOpen(world, (tx) => tx.$queryRawUnsafe('SELECT pg_current_xact_id()::text'));
      try {
        await elsewhere.query('BEGIN');
        await elsewhere.query('SELECT pg_current_xact_id()');
        await here.ready;
        const event = eventOf('RegistrationClosed', newFamily(), closingDayOf(0));
        await write(world, [event]);
        const served = await readEvents(world.registry.client, 'registry', fromStart);
        expect(served.map((read) => read.familyId)).toEqual([event.familyId]);
      } finally {
        here.release();
        await here.done;
        await elsewhere.end();
        await world.close();
      }
    },
  );

  test.skipIf(!onPostgres)(
    'PostgreSQL: a family’s event written by a transaction that began before another’s commit comes after it, in the order of the commits',
    async () => {
      const world = await openProducerAndConsumer();
      try {
        const family = newFamily();
        const earlier = heldOpen(world, (tx) => tx.$queryRawUnsafe('SELECT pg_current_xact_id()::text'));
        await earlier.ready;
        await write(world, [eventOf('MinorAddedToRegistration', family, '2011-04-01')]);
        const leaving = transaction(world.registry.client, async (tx) => {
          await tx.$queryRawUnsafe('SELECT pg_current_xact_id()::text');
          await publish(tx, 'registry', [eventOf('MinorLeftRegistration', family, '2011-05-01')]);
        });
        earlier.release();
        await Promise.all([earlier.done, leaving]);
        const events = await readEvents(world.registry.client, 'registry', fromStart);
        expect(events.map((event) => event.type)).toEqual([
          'MinorAddedToRegistration',
          'MinorLeftRegistration',
        ]);
      } finally {
        await world.close();
      }
    },
  );

  test.skipIf(onPostgres)(
    'PGlite: one connection, one transaction at a time, so no transaction can commit behind another; each committed event is served at once, in order',
    async () => {
      const world = await openProducerAndConsumer();
      try {
        const written = [0, 1, 2].map((index) =>
          eventOf('RegistrationClosed', newFamily(), closingDayOf(index)),
        );
        let served = 0;
        for (const event of written) {
          await write(world, [event]);
          const events = await readEvents(world.registry.client, 'registry', fromStart);
          served = events.length;
          expect(events.at(-1)?.familyId).toBe(event.familyId);
        }
        expect(served).toBe(3);
        const positions = (await readEvents(world.registry.client, 'registry', fromStart)).map(
          (event) => event.position,
        );
        expect(positions).toEqual([...positions].sort(comparePositions));
      } finally {
        await world.close();
      }
    },
  );
});
