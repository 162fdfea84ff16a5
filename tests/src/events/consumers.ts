import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { curationService } from '@kdn/curation';
import {
  type DomainEvent,
  EventConsumer,
  type EventEnvelope,
  publish,
  readEvents,
  rootLogger,
  type SqlClient,
  transaction,
} from '@kdn/platform';
import { createTestDatabases } from '@kdn/platform/testing';
import { registryService } from '@kdn/registry';

/**
 * A producer's and a consumer's databases of the test's own (the registry's and curation's, fresh):
 * the mechanism driven directly, with a reaction that records every event it applies, in the order
 * it applies them, so that an event applied twice or out of order shows.
 */
export async function openProducerAndConsumer() {
  const databases = await createTestDatabases(['registry', 'curation']);
  const registry = await registryService.openDatabase(databases.locationOf('registry'));
  const curation = await curationService.openDatabase(databases.locationOf('curation'));
  await curation.client.$executeRawUnsafe(
    `CREATE TABLE "AppliedInTest" (seq BIGSERIAL PRIMARY KEY, "eventId" uuid NOT NULL, "familyId" uuid,
       type text NOT NULL, position text NOT NULL, replica text NOT NULL)`,
  );
  return {
    registry,
    curation,
    /** Every application of an event, in the order the reactions ran. */
    applied: () =>
      curation.client.$queryRawUnsafe<
        Array<{ eventId: string; familyId: string | null; type: string; position: string; replica: string }>
      >('SELECT "eventId", "familyId", type, position, replica FROM "AppliedInTest" ORDER BY seq'),
    cursor: async () => {
      const [row] = await curation.client.$queryRawUnsafe<Array<{ position: string }>>(
        `SELECT position FROM "EventCursor" WHERE producer = 'registry'`,
      );
      return row?.position ?? null;
    },
    async close() {
      await Promise.all([registry.close(), curation.close()]);
      await databases.drop();
    },
  };
}

export type ProducerAndConsumer = Awaited<ReturnType<typeof openProducerAndConsumer>>;

type RegistryType = 'RegistrationClosed' | 'MinorAddedToRegistration' | 'MinorLeftRegistration';

/**
 * A consumer of the registry's events over the world's curation database, as one replica of
 * curation would run it, reading the registry's outbox in process (what `registryEvents` serves).
 * Its reaction records the event and takes `reactionMs`, so that replicas overlap.
 */
export function recordingConsumer(world: ProducerAndConsumer, replica: string, { reactionMs = 0 } = {}) {
  const record = async (tx: SqlClient, event: EventEnvelope) => {
    if (reactionMs > 0) await sleep(reactionMs);
    await tx.$executeRawUnsafe(
      'INSERT INTO "AppliedInTest" ("eventId", "familyId", type, position, replica) VALUES ($1::uuid, $2::uuid, $3, $4, $5)',
      event.id,
      event.familyId,
      event.type,
      event.position,
      replica,
    );
  };
  return new EventConsumer<SqlClient>({
    service: 'curation',
    db: world.curation.client as ConstructorParameters<typeof EventConsumer<SqlClient>>[0]['db'],
    subscriptions: {
      registry: {
        RegistrationClosed: record,
        MinorAddedToRegistration: record,
        MinorLeftRegistration: record,
      },
    },
    feedOf: () => ({
      async read({ after, first, waitSeconds }) {
        const events = await readEvents(world.registry.client, 'registry', { after, limit: first });
        if (events.length === 0 && waitSeconds > 0) await sleep(20);
        return events;
      },
    }),
    log: rootLogger.child({ service: 'curation', replica }),
  });
}

export interface Family {
  familyId: string;
  registrationId: string;
}

export const newFamily = (): Family => ({ familyId: randomUUID(), registrationId: randomUUID() });

type Written = Pick<DomainEvent<'registry', RegistryType>, 'type' | 'familyId'>;

/** Writes events into the registry's outbox in one transaction, as a mutation would. */
export async function write(world: ProducerAndConsumer, events: Array<ReturnType<typeof eventOf>>) {
  await transaction(world.registry.client, (tx) => publish(tx, 'registry', events));
}

export function eventOf(
  type: RegistryType,
  family: Family,
  day: string,
): Parameters<typeof publish<'registry', RegistryType>>[2][number] & Written {
  const common = { registrationId: family.registrationId, districtCode: 'twin' };
  const payload =
    type === 'RegistrationClosed'
      ? {
          ...common,
          closedOn: day,
          reason: 'SITUATION_IMPROVED',
          resolution: { number: '7/1', date: day },
        }
      : type === 'MinorAddedToRegistration'
        ? { ...common, minorId: randomUUID(), addedOn: day, comesOfAgeOn: '2025-01-01' }
        : { ...common, minorId: randomUUID(), leftOn: day, reason: 'CAME_OF_AGE' };
  return { type, effectiveOn: new Date(day), familyId: family.familyId, districtCode: 'twin', payload };
}

/** Positions compared as the producer orders them. */
export function comparePositions(a: string, b: string): number {
  const [left, right] = [BigInt(a), BigInt(b)];
  return left === right ? 0 : left < right ? -1 : 1;
}

/** Samples the consumer's cursor until `stop`, failing if it ever moves back. */
export function watchCursor(world: ProducerAndConsumer) {
  const seen: string[] = [];
  let stopped = false;
  const watching = (async () => {
    while (!stopped) {
      const position = await world.cursor();
      if (position && position !== seen.at(-1)) seen.push(position);
      await sleep(5);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await watching;
      return seen;
    },
  };
}
