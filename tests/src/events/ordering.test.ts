import { readEvents } from '@kdn/platform';
import { describe, expect, test } from 'vitest';
import {
  comparePositions,
  eventOf,
  type Family,
  newFamily,
  openProducerAndConsumer,
  recordingConsumer,
  watchCursor,
  write,
} from './consumers.ts';
import { until } from './processes.ts';

const onPostgres = Boolean(process.env.DATABASE_URL);

describe(`events applied in the order they were written (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  test('three families’ events interleaved, some several to a transaction, two replicas at once: each family’s in its order, the cursor only forward', async () => {
    const world = await openProducerAndConsumer();
    try {
      const families: Family[] = [newFamily(), newFamily(), newFamily()];
      const [a, b, c] = families as [Family, Family, Family];
      // Minors come and go, then the registration closes; the transactions mix the families.
      const transactions = [
        [eventOf('MinorAddedToRegistration', a, '2011-04-01')],
        [
          eventOf('MinorAddedToRegistration', b, '2011-04-02'),
          eventOf('MinorAddedToRegistration', a, '2011-04-02'),
        ],
        [eventOf('MinorAddedToRegistration', c, '2011-04-03')],
        [eventOf('MinorLeftRegistration', a, '2011-05-01')],
        [
          eventOf('MinorLeftRegistration', c, '2011-05-02'),
          eventOf('MinorLeftRegistration', b, '2011-05-02'),
          eventOf('MinorAddedToRegistration', c, '2011-05-02'),
        ],
        [eventOf('RegistrationClosed', b, '2011-06-01')],
        [eventOf('MinorLeftRegistration', a, '2011-06-02')],
        [eventOf('RegistrationClosed', c, '2011-06-03'), eventOf('RegistrationClosed', a, '2011-06-03')],
      ];
      const replicas = ['first', 'second'].map((name) => recordingConsumer(world, name, { reactionMs: 5 }));
      const cursor = watchCursor(world);
      for (const replica of replicas) replica.start();
      // Written while the replicas run, so that they read some pages before the rest is written.
      for (const events of transactions) await write(world, events);
      // Served only once older than every transaction running (the replicas' too): a moment after.
      const all = transactions.flat().length;
      let stored = await readEvents(world.registry.client, 'registry', { after: '0', limit: 100 });
      await until(
        async () => {
          stored = await readEvents(world.registry.client, 'registry', { after: '0', limit: 100 });
          return stored.length === all;
        },
        10_000,
        'every event served',
      );
      await until(
        async () => (await world.cursor()) === stored.at(-1)?.position,
        20_000,
        'the replicas caught up',
      );
      await Promise.all(replicas.map((replica) => replica.stop()));
      const positions = await cursor.stop();

      const writtenOrder = transactions.flat().map((event) => `${event.familyId} ${event.type}`);
      expect(stored.map((event) => `${event.familyId} ${event.type}`)).toEqual(writtenOrder);
      const applied = await world.applied();
      expect(applied.map((event) => `${event.familyId} ${event.type}`)).toEqual(writtenOrder);
      for (const family of families) {
        const ofFamily = (list: Array<{ familyId: string | null; type: string }>) =>
          list.filter((event) => event.familyId === family.familyId).map((event) => event.type);
        expect(ofFamily(applied)).toEqual(ofFamily(transactions.flat()));
        expect(ofFamily(applied).at(-1)).toBe('RegistrationClosed');
      }
      expect(positions.length).toBeGreaterThan(1);
      for (let index = 1; index < positions.length; index += 1) {
        expect(comparePositions(positions[index] as string, positions[index - 1] as string)).toBe(1);
      }
    } finally {
      await world.close();
    }
  });
});
