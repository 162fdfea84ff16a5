import { readEvents } from '@kdn/platform';
import { describe, expect, test } from 'vitest';
import { eventOf, newFamily, openProducerAndConsumer, recordingConsumer, write } from './consumers.ts';

const onPostgres = Boolean(process.env.DATABASE_URL);

describe(`a dead event replayed (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  test('by two administrators at once: its reaction applied once, the other refused as none waits', async () => {
    const world = await openProducerAndConsumer();
    try {
      await write(world, [eventOf('RegistrationClosed', newFamily(), '2011-06-01')]);
      const [event] = await readEvents(world.registry.client, 'registry', { after: '0', limit: 1 });
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

      const outcomes = await Promise.allSettled([
        consumer.replayDead(event.id),
        consumer.replayDead(event.id),
      ]);

      expect(
        outcomes.filter((outcome) => outcome.status === 'fulfilled').map((outcome) => outcome.value),
      ).toEqual([{ replayed: true, error: null }]);
      const refused = outcomes.find((outcome) => outcome.status === 'rejected');
      expect(refused?.reason).toMatchObject({
        message: 'input.id: no dead event with this id waits for a replay',
        extensions: { code: 'BAD_USER_INPUT', field: 'input.id' },
      });
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
