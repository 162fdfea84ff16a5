import { graphql, graphqlData, signedIn } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { assignCurator, createCurator, createDistrictWithFamilies } from '../curation/world.ts';
import { type Stack, startStack } from '../stack.ts';
import { closeRegistration, eventually, registrationOf } from './world.ts';

let stack: Stack;
let east: Awaited<ReturnType<typeof createDistrictWithFamilies>>;
let curatorId: string;

beforeAll(async () => {
  stack = await startStack();
  east = await createDistrictWithFamilies(stack, 'east', { families: 6 });
  curatorId = await createCurator(stack, east.school.id, 'Школьная Анна Сергеевна');
  for (const familyId of east.families) await assignCurator(stack, familyId, curatorId, '2011-03-01');
});
afterAll(() => stack?.stop());

const caseload = `query ($asOf: Date!) { district(code: "east") { caseload(asOf: $asOf) { total { curators families minors } } } }`;
const currentAssignment = `query ($id: ID!) { family(id: $id) {
  currentAssignment { id endedOn endKind endResolution { number date } }
  curatorAssignments { endedOn endKind }
} }`;

describe('a registration closed in the registry', () => {
  test('ends the family’s curator assignment on the closing day by itself, and the caseload follows', async () => {
    const familyId = east.families[0] as string;
    const before = await graphqlData<{ district: { caseload: { total: { families: number } } } }>(
      stack.gateway,
      caseload,
      { asOf: '2011-06-01' },
    );
    expect(before.district.caseload.total).toEqual({ curators: 1, families: 6, minors: 12 });

    await closeRegistration(stack, familyId, '2011-06-01');

    // Nobody calls anything in curation: its consumer reads the registry's event and reacts.
    const family = await eventually(async () => {
      const { family } = await graphqlData<{
        family: {
          currentAssignment: unknown;
          curatorAssignments: Array<{ endedOn: string | null; endKind: string | null }>;
        };
      }>(stack.gateway, currentAssignment, { id: familyId });
      expect(family.currentAssignment).toBeNull();
      return family;
    });
    expect(family.curatorAssignments).toEqual([{ endedOn: '2011-06-01', endKind: 'REGISTRATION_CLOSED' }]);
    const assignment = await stack.curation.db.client.curatorAssignment.findFirstOrThrow({
      where: { familyId },
    });
    expect(assignment).toMatchObject({ endResolutionNumber: '77/3' });

    // A registration closed on a day is not open that day: the family leaves the caseload that day.
    const onClosing = await graphqlData<{ district: { caseload: { total: unknown } } }>(
      stack.gateway,
      caseload,
      {
        asOf: '2011-06-01',
      },
    );
    expect(onClosing.district.caseload.total).toEqual({ curators: 1, families: 5, minors: 10 });
    const dayBefore = await graphqlData<{ district: { caseload: { total: unknown } } }>(
      stack.gateway,
      caseload,
      {
        asOf: '2011-05-31',
      },
    );
    expect(dayBefore.district.caseload.total).toEqual({ curators: 1, families: 6, minors: 12 });
  });

  test('the curator no longer reads the family’s personal data once the assignment has ended', async () => {
    const familyId = east.families[1] as string;
    const asCurator = await signedIn({
      sub: 'curator-east',
      role: 'CURATOR',
      district: 'east',
      agency: east.school.id,
      curator: curatorId,
    });
    const address = `query ($id: ID!) { family(id: $id) { address } }`;
    const readable = await graphql<{ family: { address: string } | null }>(
      stack.gateway,
      address,
      { id: familyId },
      asCurator,
    );
    expect(readable.data?.family?.address).toMatch(/Тестовая/);

    await closeRegistration(stack, familyId, '2011-06-01');
    await stack.settle();

    const after = await graphql<{ family: unknown }>(stack.gateway, address, { id: familyId }, asCurator);
    expect(after.data?.family ?? null).toBeNull();
  });

  test('writes one AssignmentEnded event in curation’s outbox, however often the closing is delivered', async () => {
    const familyId = east.families[2] as string;
    await closeRegistration(stack, familyId, '2011-07-01');
    await stack.settle();
    const consumer = stack.eventsOf('curation');
    // The same events delivered again, twice, from the start of the registry's stream.
    expect(await consumer.deliverFrom('registry', '0')).toBe(0);
    expect(await consumer.deliverFrom('registry', '0')).toBe(0);
    const ended = await stack.curation.db.client.domainEvent.findMany({
      where: { familyId, type: 'AssignmentEnded' },
    });
    expect(ended).toHaveLength(1);
    expect(ended[0]?.payload).toMatchObject({
      endedOn: '2011-07-01',
      endKind: 'REGISTRATION_CLOSED',
      curatorId,
    });
  });

  test('the registry’s event carries keys and dates, the request and the user that caused it', async () => {
    const familyId = east.families[3] as string;
    const registration = await registrationOf(stack, familyId);
    await closeRegistration(stack, familyId, '2011-08-01');
    const { registryEvents } = await graphqlData<{
      registryEvents: { events: Array<Record<string, unknown>> };
    }>(
      stack.gateway,
      `query ($families: [ID!]) { registryEvents(familyIds: $families) { events {
        type version effectiveOn familyId districtCode requestId userId payload } } }`,
      { families: [familyId] },
    );
    expect(registryEvents.events).toEqual([
      {
        type: 'RegistrationClosed',
        version: 1,
        effectiveOn: '2011-08-01',
        familyId,
        districtCode: 'east',
        requestId: expect.any(String),
        userId: 'test-integrator',
        payload: {
          registrationId: registration.id,
          districtCode: 'east',
          closedOn: '2011-08-01',
          reason: 'SITUATION_IMPROVED',
          resolution: { number: '77/3', date: '2011-08-01' },
        },
      },
    ]);
  });
});
