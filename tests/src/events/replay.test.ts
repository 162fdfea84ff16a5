import { readEvents } from '@kdn/platform';
import { describe, expect, test } from 'vitest';
import { eventOf, newFamily, openProducerAndConsumer, recordingConsumer, write } from './consumers.ts';

const onPostgres = Boolean(process.env.DATABASE_URL);

describe(`a dead event replayed (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  test('by two administrators at once: its reaction applied once, the other told none waits', async () => {
    const world = await openProducerAndConsumer();
    try {
      await write(world, [eventOf('RegistrationClosed', newFamily(), '2011-06-01')]);
      const [event] = await readEvents(world.registry.client, 'registry', { after: '0-0', limit: 1 });
      if (!event) throw new Error('no event written');
      await world.curation.client.$executeRawUnsafe(
        `INSERT INTO "DeadEvent" (id, producer, type, "familyId", event, error, attempts, "failedAt")
         VALUES ($1::uuid, 'registry', $2, $3::uuid, $4::jsonb, 'the data was missing', 3, now())`,
        event.id,
        event.type,
        event.familyId,
        JSON.stringify(event),
      );
      const consumer = recordingConsumer(world, 'replay', { reactionMs: 50 });

      const outcomes = await Promise.all([consumer.replayDead(event.id), consumer.replayDead(event.id)]);

      expect(outcomes).toEqual(
        expect.arrayContaining([
          { replayed: true, error: null },
          { replayed: false, error: 'no dead event with this id waits for a replay' },
        ]),
      );
      expect((await world.applied()).map((applied) => applied.eventId)).toEqual([event.id]);
      const [dead] = await world.curation.client.$queryRawUnsafe<Array<{ replayedAt: Date | null }>>(
        'SELECT "replayedAt" FROM "DeadEvent" WHERE id = $1::uuid',
        event.id,
      );
      expect(dead?.replayedAt).toBeInstanceOf(Date);
    } finally {
      await world.close();
    }
  });
});
