import { randomUUID } from 'node:crypto';
import { graphql, graphqlData, signedIn } from '@kdn/platform/testing';
import type { RegistryDatabase } from '@kdn/registry/context';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { assignCurator, createCurator, createDistrictWithFamilies } from '../curation/world.ts';
import { type Stack, startStack } from '../stack.ts';
import { administrator } from './processes.ts';
import { closeRegistration, eventually, registrationOf } from './world.ts';

let stack: Stack;
let families: string[];
let schoolId: string;

beforeAll(async () => {
  stack = await startStack();
  const district = await createDistrictWithFamilies(stack, 'dead', { families: 6 });
  families = district.families;
  schoolId = district.school.id;
  const curatorId = await createCurator(stack, schoolId, 'Школьная Анна Сергеевна');
  for (const familyId of families) await assignCurator(stack, familyId, curatorId, '2011-03-01');
});
afterAll(() => stack?.stop());

/** Writes an event into the registry's outbox straight in SQL, as `publish` would but unchecked. */
async function plantEvent(
  db: RegistryDatabase['client'],
  event: { type: string; familyId: string; payload: string; version?: number },
): Promise<string> {
  const id = randomUUID();
  await db.$executeRawUnsafe(
    `INSERT INTO "DomainEvent" (id, type, version, "effectiveOn", "familyId", "districtCode", payload)
     VALUES ($1::uuid, $2, $3, '2011-06-01', $4::uuid, 'dead', $5::jsonb)`,
    id,
    event.type,
    event.version ?? 1,
    event.familyId,
    event.payload,
  );
  return id;
}

interface DeadEvent {
  id: string;
  producer: string;
  type: string;
  familyId: string | null;
  error: string;
  attempts: number;
  replayedAt: string | null;
  event: { position: string; payload: unknown };
}

async function deadEvents(waiting = true): Promise<DeadEvent[]> {
  const { curationDeadEvents } = await graphqlData<{ curationDeadEvents: DeadEvent[] }>(
    stack.gateway,
    `query ($waiting: Boolean) { curationDeadEvents(waiting: $waiting) {
      id producer type familyId error attempts replayedAt event { position payload } } }`,
    { waiting },
    await signedIn(administrator),
  );
  return curationDeadEvents;
}

const replay = `mutation ($id: ID!) { replayCurationDeadEvent(input: { id: $id }) { replayed error } }`;

async function assignmentsOf(familyId: string) {
  const { family } = await graphqlData<{
    family: { curatorAssignments: Array<{ endedOn: string | null; endKind: string | null }> };
  }>(stack.gateway, 'query ($id: ID!) { family(id: $id) { curatorAssignments { endedOn endKind } } }', {
    id: familyId,
  });
  return family.curatorAssignments;
}

async function assignmentEndedEvents(familyId: string) {
  return stack.curation.db.client.domainEvent.findMany({ where: { familyId, type: 'AssignmentEnded' } });
}

describe('a bad or unknown event', () => {
  test('is a dead event, not a crash: listed for administrators with its error, and the family’s later events still apply', async () => {
    const familyId = families[0] as string;
    const registration = await registrationOf(stack, familyId);
    const unknown = await plantEvent(stack.registry.db.client, {
      type: 'FamilyTeleported',
      familyId,
      payload: JSON.stringify({ registrationId: registration.id }),
    });
    const misfit = await plantEvent(stack.registry.db.client, {
      type: 'RegistrationClosed',
      familyId,
      payload: JSON.stringify({
        registrationId: registration.id,
        districtCode: 'dead',
        closedOn: 'the first of June',
        reason: 'SITUATION_IMPROVED',
        resolution: { number: '1/1', date: '2011-06-01' },
      }),
    });
    // The family's next event, written after both through the gateway, is applied by itself.
    await closeRegistration(stack, familyId, '2011-06-02');
    await eventually(async () =>
      expect(await assignmentsOf(familyId)).toEqual([
        { endedOn: '2011-06-02', endKind: 'REGISTRATION_CLOSED' },
      ]),
    );

    const dead = await deadEvents();
    expect(
      dead.map(({ id, type, producer, familyId, attempts }) => ({ id, type, producer, familyId, attempts })),
    ).toEqual(
      expect.arrayContaining([
        { id: unknown, type: 'FamilyTeleported', producer: 'registry', familyId, attempts: 1 },
        { id: misfit, type: 'RegistrationClosed', producer: 'registry', familyId, attempts: 1 },
      ]),
    );
    expect(dead.find((event) => event.id === unknown)?.error).toMatch(
      /registry writes no event FamilyTeleported/,
    );
    expect(dead.find((event) => event.id === misfit)?.error).toMatch(/RegistrationClosed\.payload\.closedOn/);
    expect(await assignmentEndedEvents(familyId)).toHaveLength(1);

    // The consumer still runs: a closing of another family is applied by itself.
    const next = families[1] as string;
    await closeRegistration(stack, next, '2011-06-03');
    await eventually(async () =>
      expect(await assignmentsOf(next)).toEqual([{ endedOn: '2011-06-03', endKind: 'REGISTRATION_CLOSED' }]),
    );
    // A malformed event cannot be replayed into effect: it stays waiting, with its error.
    const replayed = await graphqlData<{ replayCurationDeadEvent: { replayed: boolean; error: string } }>(
      stack.gateway,
      replay,
      { id: unknown },
      await signedIn(administrator),
    );
    expect(replayed.replayCurationDeadEvent).toEqual({
      replayed: false,
      error: expect.stringMatching(/FamilyTeleported/),
    });
  });

  test('whose payload is not even a JSON object is a dead event too, and does not stall the stream', async () => {
    const familyId = families[2] as string;
    const planted = await plantEvent(stack.registry.db.client, {
      type: 'RegistrationClosed',
      familyId,
      payload: JSON.stringify(['2011-06-01']),
    });
    await closeRegistration(stack, familyId, '2011-06-04');
    await eventually(async () =>
      expect(await assignmentsOf(familyId)).toEqual([
        { endedOn: '2011-06-04', endKind: 'REGISTRATION_CLOSED' },
      ]),
    );
    const dead = (await deadEvents()).find((event) => event.id === planted);
    expect(dead).toMatchObject({
      type: 'RegistrationClosed',
      familyId,
      error: expect.stringMatching(/payload/),
    });
  });

  test('a reaction that fails until the data is fixed: a dead event after its attempts, replayed into effect once after the fix', async () => {
    const familyId = families[3] as string;
    const db = stack.curation.db.client;
    // Stands for a row the reaction cannot change until an operator mends it.
    await db.$executeRawUnsafe(
      `CREATE FUNCTION refuse_assignment_end() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'assignment % waits for a data fix', OLD.id; END $$`,
    );
    await db.$executeRawUnsafe(
      `CREATE TRIGGER refuse_assignment_end BEFORE UPDATE ON "CuratorAssignment" FOR EACH ROW
       WHEN (OLD."familyId" = '${familyId}'::uuid) EXECUTE FUNCTION refuse_assignment_end()`,
    );
    await closeRegistration(stack, familyId, '2011-06-05');
    const dead = await eventually(async () => {
      const found = (await deadEvents()).find((event) => event.familyId === familyId);
      expect(found).toMatchObject({
        type: 'RegistrationClosed',
        attempts: 3,
        error: expect.stringMatching(/waits for a data fix/),
      });
      return found as DeadEvent;
    }, 15_000);
    expect(await assignmentsOf(familyId)).toEqual([{ endedOn: null, endKind: null }]);

    // The stream went on past it.
    const later = families[4] as string;
    await closeRegistration(stack, later, '2011-06-06');
    await eventually(async () =>
      expect(await assignmentsOf(later)).toEqual([{ endedOn: '2011-06-06', endKind: 'REGISTRATION_CLOSED' }]),
    );

    const asAdministrator = await signedIn(administrator);
    const tooEarly = await graphqlData<{ replayCurationDeadEvent: { replayed: boolean; error: string } }>(
      stack.gateway,
      replay,
      { id: dead.id },
      asAdministrator,
    );
    expect(tooEarly.replayCurationDeadEvent).toEqual({
      replayed: false,
      error: expect.stringMatching(/waits for a data fix/),
    });
    expect(await assignmentsOf(familyId)).toEqual([{ endedOn: null, endKind: null }]);

    await db.$executeRawUnsafe('DROP TRIGGER refuse_assignment_end ON "CuratorAssignment"');
    await db.$executeRawUnsafe('DROP FUNCTION refuse_assignment_end()');
    const fixed = await graphqlData<{ replayCurationDeadEvent: { replayed: boolean; error: string | null } }>(
      stack.gateway,
      replay,
      { id: dead.id },
      asAdministrator,
    );
    expect(fixed.replayCurationDeadEvent).toEqual({ replayed: true, error: null });
    expect(await assignmentsOf(familyId)).toEqual([
      { endedOn: '2011-06-05', endKind: 'REGISTRATION_CLOSED' },
    ]);
    expect(await assignmentEndedEvents(familyId)).toHaveLength(1);

    expect((await deadEvents()).map((event) => event.id)).not.toContain(dead.id);
    expect((await deadEvents(false)).find((event) => event.id === dead.id)?.replayedAt).toEqual(
      expect.any(String),
    );
    // Replayed once, it no longer waits: a second replay is refused and applies nothing.
    const again = await graphql(stack.gateway, replay, { id: dead.id }, asAdministrator);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.id' });
    expect(await assignmentEndedEvents(familyId)).toHaveLength(1);
  });

  test('only administrators list, read the cursors of or replay dead events: every other role is FORBIDDEN', async () => {
    const others = [
      { sub: 'commission-dead', role: 'COMMISSION' as const, district: 'dead' },
      { sub: 'agency-dead', role: 'AGENCY' as const, district: 'dead', agency: schoolId },
      { sub: 'methodologist', role: 'METHODOLOGIST' as const },
      { sub: 'integrator', role: 'INTEGRATOR' as const, scope: 'events:read cases:read cases:write' },
    ];
    for (const claims of others) {
      const headers = await signedIn(claims);
      for (const [query, variables] of [
        ['{ curationDeadEvents { id } }', {}],
        ['{ curationEventCursors { producer } }', {}],
        [replay, { id: randomUUID() }],
      ] as const) {
        const { errors } = await graphql(stack.gateway, query, variables, headers);
        expect(errors?.[0]?.extensions?.code, `${claims.role}: ${query}`).toBe('FORBIDDEN');
      }
    }
  });
});
