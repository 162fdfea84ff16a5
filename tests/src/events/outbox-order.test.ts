import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { publish, readEvents, transaction } from '@kdn/platform';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import {
  comparePositions,
  eventOf,
  newFamily,
  openProducerAndConsumer,
  recordingConsumer,
  write,
} from './consumers.ts';
import { closingDayOf, until } from './processes.ts';

const onPostgres = Boolean(process.env.DATABASE_URL);

/** A closing's event written as `publish` writes it: the writing transaction's id, then the sequence. */
const insertEvent = `INSERT INTO "DomainEvent" (id, "txId", type, version, "effectiveOn", "familyId", "districtCode", payload)
  VALUES ($1::uuid, pg_current_xact_id()::text::bigint, 'RegistrationClosed', 1, $2::date, $3::uuid, 'twin', $4::jsonb)`;

function closingRow(day: string) {
  const family = newFamily();
  return [
    randomUUID(),
    day,
    family.familyId,
    JSON.stringify({
      registrationId: family.registrationId,
      districtCode: 'twin',
      closedOn: day,
      reason: 'SITUATION_IMPROVED',
      resolution: { number: '7/1', date: day },
    }),
  ];
}

describe('the outbox’s order under concurrent writers', () => {
  test.skipIf(!onPostgres)(
    'PostgreSQL: a transaction that started earlier and commits later is not skipped by a reader that would have read a later-committed event',
    async () => {
      const world = await openProducerAndConsumer();
      const location = world.registry.location;
      if (location.kind !== 'postgres') throw new Error('expected PostgreSQL');
      const connect = async () => {
        const client = new pg.Client({
          connectionString: location.url,
          options: `-c search_path=${location.schema}`,
        });
        await client.connect();
        return client;
      };
      const [earlier, later] = await Promise.all([connect(), connect()]);
      const consumer = recordingConsumer(world, 'only');
      try {
        consumer.start();
        const first = closingRow(closingDayOf(0));
        const second = closingRow(closingDayOf(1));
        await earlier.query('BEGIN');
        await earlier.query(insertEvent, first);
        await later.query('BEGIN');
        await later.query(insertEvent, second);
        await later.query('COMMIT');

        // The later transaction's event is committed, but its id comes after the earlier transaction's,
        // still running: served now, a reader would move past it and never read the earlier one.
        const committed = await later.query('SELECT id FROM "DomainEvent"');
        expect(committed.rows).toEqual([{ id: second[0] }]);
        expect(await readEvents(world.registry.client, 'registry', { after: '0-0', limit: 100 })).toEqual([]);
        await sleep(300);
        expect(await world.applied()).toEqual([]);

        await earlier.query('COMMIT');
        const served = await readEvents(world.registry.client, 'registry', { after: '0-0', limit: 100 });
        expect(served.map((event) => event.id)).toEqual([first[0], second[0]]);
        await until(async () => (await world.applied()).length === 2, 10_000, 'both applied');
        expect((await world.applied()).map((event) => event.eventId)).toEqual([first[0], second[0]]);
        expect(await world.cursor()).toBe(served[1]?.position);
      } finally {
        await consumer.stop();
        await Promise.all([earlier.end(), later.end()]);
        await world.close();
      }
    },
  );

  test.skipIf(!onPostgres)(
    'PostgreSQL: a family’s event is never put before one of the same family committed earlier by a transaction that started later: refused as a CONFLICT',
    async () => {
      const world = await openProducerAndConsumer();
      try {
        const family = newFamily();
        let release = () => {};
        const gate = new Promise<void>((resolve) => {
          release = resolve;
        });
        let idTaken = () => {};
        const taken = new Promise<void>((resolve) => {
          idTaken = resolve;
        });
        // A mutation whose first write takes its transaction's id, and that writes its event last.
        const earlier = transaction(world.registry.client, async (tx) => {
          await tx.$queryRawUnsafe('SELECT pg_current_xact_id()::text');
          idTaken();
          await gate;
          await publish(tx, 'registry', [eventOf('MinorLeftRegistration', family, '2011-05-01')]);
        });
        await taken;
        await write(world, [eventOf('MinorAddedToRegistration', family, '2011-04-01')]);
        release();
        const refused = await earlier.then(
          () => null,
          (error: { extensions?: { code?: string } }) => error,
        );
        expect(refused?.extensions?.code).toBe('CONFLICT');
        const events = await readEvents(world.registry.client, 'registry', { after: '0-0', limit: 100 });
        expect(events.map((event) => event.type)).toEqual(['MinorAddedToRegistration']);
        // Tried again, as a client does after a CONFLICT, it comes after.
        await write(world, [eventOf('MinorLeftRegistration', family, '2011-05-01')]);
        const after = await readEvents(world.registry.client, 'registry', { after: '0-0', limit: 100 });
        expect(after.map((event) => event.type)).toEqual([
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
          const events = await readEvents(world.registry.client, 'registry', { after: '0-0', limit: 100 });
          served = events.length;
          expect(events.at(-1)?.familyId).toBe(event.familyId);
        }
        expect(served).toBe(3);
        const positions = (
          await readEvents(world.registry.client, 'registry', { after: '0-0', limit: 100 })
        ).map((event) => event.position);
        expect(positions).toEqual([...positions].sort(comparePositions));
      } finally {
        await world.close();
      }
    },
  );
});
