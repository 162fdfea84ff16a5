import { setTimeout as sleep } from 'node:timers/promises';
import { graphqlData, signedIn } from '@kdn/platform/testing';
import { describe, expect, test } from 'vitest';
import {
  type PrivatePostgres,
  postgresBinaries,
  startPrivatePostgres,
} from '../reliability/private-postgres.ts';
import {
  administrator,
  assignmentsOf,
  closeUntilClosed,
  closingDayOf,
  curationCursorOverRegistry,
  eventsOf,
  inParallel,
  startSeededPlatform,
  until,
} from './processes.ts';

const onPostgres = Boolean(process.env.DATABASE_URL);
const bin = postgresBinaries();
const families = 50;

type World = Awaited<ReturnType<typeof startSeededPlatform>>;

/**
 * Closes every family's registration through the gateway, four at a time, each on a day of its own;
 * `fault` runs, without holding the burst up, once `after` closings have been answered.
 */
async function burstOfClosings(world: World, after: number, fault: () => Promise<void>) {
  let answered = 0;
  let faulted: Promise<void> | undefined;
  await inParallel(world.families, 4, async (familyId, index) => {
    await closeUntilClosed(world.platform.gateway, familyId, closingDayOf(index));
    answered += 1;
    if (answered === after) faulted = fault();
  });
  await faulted;
}

/**
 * Once curation has caught up with the registry: each assignment ended on its family's closing day,
 * by the closing, one `AssignmentEnded` per family in curation's outbox, no dead event, and the
 * cursor at the registry's last event.
 */
async function expectEveryAssignmentEndedOnce(world: World) {
  const { gateway } = world.platform;
  const registryEvents = await eventsOf(gateway, 'registry');
  const closings = registryEvents.filter((event) => event.type === 'RegistrationClosed');
  expect(closings).toHaveLength(families);
  const last = registryEvents.at(-1)?.position;
  await until(async () => (await curationCursorOverRegistry(gateway)) === last, 60_000, 'curation caught up');

  const assignments = await assignmentsOf(gateway, world.families);
  expect(assignments).toEqual(
    world.families.map((_, index) => [{ endedOn: closingDayOf(index), endKind: 'REGISTRATION_CLOSED' }]),
  );
  const ended = (await eventsOf(gateway, 'curation')).filter((event) => event.type === 'AssignmentEnded');
  expect(ended).toHaveLength(families);
  for (const [index, familyId] of world.families.entries()) {
    const ofFamily = ended.filter((event) => event.familyId === familyId);
    expect(ofFamily.map((event) => event.payload.endedOn)).toEqual([closingDayOf(index)]);
  }
  const { curationDeadEvents } = await graphqlData<{ curationDeadEvents: unknown[] }>(
    gateway,
    '{ curationDeadEvents { id error } }',
    {},
    await signedIn(administrator),
  );
  expect(curationDeadEvents).toEqual([]);
}

describe(`a burst of ${families} closings, every service a process of its own (${onPostgres ? 'PostgreSQL' : 'PGlite data directories'})`, () => {
  test('curation SIGKILLed during the burst and restarted: all 50 assignments ended exactly once', async () => {
    const world = await startSeededPlatform({ families });
    try {
      await burstOfClosings(world, 15, async () => {
        await world.platform.signal('curation', 'SIGKILL');
      });
      expect(world.platform.isRunning('curation')).toBe(false);
      await world.platform.start('curation');
      await expectEveryAssignmentEndedOnce(world);
    } finally {
      await world.stop();
    }
  }, 420_000);

  test('the registry (the producer) SIGKILLed during the burst and restarted: nothing lost, all 50 ended exactly once', async () => {
    const world = await startSeededPlatform({ families });
    try {
      await burstOfClosings(world, 15, async () => {
        await world.platform.signal('registry', 'SIGKILL');
        await sleep(500);
        await world.platform.start('registry');
      });
      await expectEveryAssignmentEndedOnce(world);
    } finally {
      await world.stop();
    }
  }, 420_000);

  const restartable = onPostgres && bin !== null;
  test.skipIf(!restartable)(
    restartable
      ? 'PostgreSQL (a private cluster) restarted during the burst: all 50 assignments ended exactly once'
      : 'PostgreSQL restarted during the burst: runs on PostgreSQL only, the embedded database has no server to restart',
    async () => {
      const postgres: PrivatePostgres = await startPrivatePostgres(bin as string);
      try {
        const world = await startSeededPlatform({ families, postgresUrl: postgres.url });
        try {
          await burstOfClosings(world, 15, async () => {
            await postgres.stop();
            await sleep(1000);
            await postgres.start();
          });
          await expectEveryAssignmentEndedOnce(world);
        } finally {
          await world.stop();
        }
      } finally {
        await postgres.destroy();
      }
    },
    420_000,
  );
});
