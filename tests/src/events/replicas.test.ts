import { curationService } from '@kdn/curation';
import {
  type EventConsumer,
  eventConsumerOf,
  readEvents,
  type SqlClient,
  type SubgraphUrls,
} from '@kdn/platform';
import { graphqlData, signedIn } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { assignCurator, createCurator, createDistrictWithFamilies } from '../curation/world.ts';
import { type Stack, startStack } from '../stack.ts';
import {
  comparePositions,
  eventOf,
  newFamily,
  openProducerAndConsumer,
  recordingConsumer,
  watchCursor,
  write,
} from './consumers.ts';
import { administrator, closeUntilClosed, closingDayOf, inParallel, until } from './processes.ts';
import { closeRegistration } from './world.ts';

const onPostgres = Boolean(process.env.DATABASE_URL);

describe('curation’s consumer of the registry’s closings', () => {
  let stack: Stack;
  let families: string[];

  beforeAll(async () => {
    stack = await startStack();
    const district = await createDistrictWithFamilies(stack, 'twin', { families: 24 });
    families = district.families;
    const curatorId = await createCurator(stack, district.school.id, 'Школьная Анна Сергеевна');
    await inParallel(families, 4, (familyId) => assignCurator(stack, familyId, curatorId, '2011-03-01'));
  });
  afterAll(() => stack?.stop());

  async function assignmentEndedPerFamily(familyIds: readonly string[]) {
    const events = await stack.curation.db.client.domainEvent.findMany({
      where: { familyId: { in: [...familyIds] }, type: 'AssignmentEnded' },
    });
    return familyIds.map((familyId) =>
      events
        .filter((event) => event.familyId === familyId)
        .map((event) => (event.payload as { endedOn: string }).endedOn),
    );
  }

  async function endedAssignments(familyIds: readonly string[]) {
    return stack.curation.db.client.curatorAssignment.findMany({
      where: { familyId: { in: [...familyIds] } },
      select: { familyId: true, endedOn: true, endKind: true },
    });
  }

  test('the same events delivered three times, three deliveries at once: each applied once', async () => {
    const closed = families.slice(0, 4);
    for (const [index, familyId] of closed.entries())
      await closeRegistration(stack, familyId, closingDayOf(index));
    await stack.settle();
    const consumer = stack.eventsOf('curation');
    // The consumer's own loop delivered them once; three more deliveries from the start, all at once.
    const applied = await Promise.all([
      consumer.deliverFrom('registry', '0'),
      consumer.deliverFrom('registry', '0'),
      consumer.deliverFrom('registry', '0'),
    ]);
    expect(applied).toEqual([0, 0, 0]);
    expect(await assignmentEndedPerFamily(closed)).toEqual(closed.map((_, index) => [closingDayOf(index)]));
    const assignments = await endedAssignments(closed);
    expect(assignments).toHaveLength(closed.length);
    for (const assignment of assignments) expect(assignment.endKind).toBe('REGISTRATION_CLOSED');
  });

  test('three replicas of curation’s consumer at once over one database, during a burst of 20 closings: each applied once', async () => {
    const peers: SubgraphUrls = {
      agencies: stack.agencies.url,
      registry: stack.registry.url,
      curation: stack.curation.url,
      programmes: stack.programmes.url,
    };
    // The stack's own consumer, and two more replicas reading the registry over HTTP as it does.
    const replicas = [1, 2].map(
      () => eventConsumerOf(curationService, stack.curation.db, peers) as EventConsumer<SqlClient>,
    );
    for (const replica of replicas) replica.start();
    const burst = families.slice(4, 24);
    try {
      // Sent as a client that retries would: a closing whose answer is lost is looked at before it is sent again.
      await inParallel(burst, 4, (familyId, index) =>
        closeUntilClosed(stack.gateway, familyId, closingDayOf(index)),
      );
      const { registryEvents } = await graphqlData<{ registryEvents: { endCursor: string } }>(
        stack.gateway,
        '{ registryEvents(first: 1000) { endCursor } }',
        {},
        await signedIn(administrator),
      );
      await until(
        async () => {
          const cursor = await stack.curation.db.client.eventCursor.findUnique({
            where: { producer: 'registry' },
          });
          return cursor?.position === registryEvents.endCursor;
        },
        20_000,
        'the replicas caught up',
      );
    } finally {
      await Promise.all(replicas.map((replica) => replica.stop()));
    }
    expect(await assignmentEndedPerFamily(burst)).toEqual(burst.map((_, index) => [closingDayOf(index)]));
    const assignments = await endedAssignments(burst);
    expect(assignments.map((assignment) => assignment.endKind)).toEqual(
      burst.map(() => 'REGISTRATION_CLOSED'),
    );
    expect(await stack.curation.db.client.deadEvent.count()).toBe(0);
  });
});

describe(`two replicas starting at once on a consumer that has no cursor yet (${onPostgres ? 'PostgreSQL' : 'PGlite: one connection, their transactions one at a time'})`, () => {
  test('apply every event once, and the cursor only moves forward', async () => {
    const world = await openProducerAndConsumer();
    try {
      const written = Array.from({ length: 10 }, (_, index) =>
        eventOf('RegistrationClosed', newFamily(), closingDayOf(index)),
      );
      for (const event of written) await write(world, [event]);
      const replicas = ['first', 'second'].map((name) => recordingConsumer(world, name, { reactionMs: 30 }));
      const cursor = watchCursor(world);
      for (const replica of replicas) replica.start();
      const last = (await readEvents(world.registry.client, 'registry', { after: '0', limit: 100 })).at(-1);
      await until(async () => (await world.cursor()) === last?.position, 20_000, 'the replicas caught up');
      await Promise.all(replicas.map((replica) => replica.stop()));
      const positions = await cursor.stop();

      const applied = await world.applied();
      expect(applied.map((event) => event.familyId)).toEqual(written.map((event) => event.familyId));
      for (let index = 1; index < positions.length; index += 1) {
        expect(comparePositions(positions[index] as string, positions[index - 1] as string)).toBe(1);
      }
      expect(await world.cursor()).toBe(applied.at(-1)?.position);
    } finally {
      await world.close();
    }
  });
});
