import { graphql, graphqlData, signedIn } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { assignCurator, createCurator, createDistrictWithFamilies } from '../curation/world.ts';
import { type Stack, startStack } from '../stack.ts';
import { closeRegistration } from './world.ts';

let stack: Stack;
let north: Awaited<ReturnType<typeof createDistrictWithFamilies>>;
let west: Awaited<ReturnType<typeof createDistrictWithFamilies>>;

beforeAll(async () => {
  stack = await startStack();
  north = await createDistrictWithFamilies(stack, 'north', { families: 3 });
  west = await createDistrictWithFamilies(stack, 'west', { families: 1 });
  const curatorId = await createCurator(stack, north.school.id, 'Северная Анна Сергеевна');
  for (const familyId of north.families) await assignCurator(stack, familyId, curatorId, '2011-03-01');
  await closeRegistration(stack, north.families[0] as string, '2011-05-01');
  await closeRegistration(stack, west.families[0] as string, '2011-05-02');
  await closeRegistration(stack, north.families[1] as string, '2011-05-03');
  await stack.settle();
});
afterAll(() => stack?.stop());

const feed = `query ($after: String, $first: Int) { registryEvents(after: $after, first: $first) {
  endCursor events { id type position familyId districtCode effectiveOn } } }`;

interface Feed {
  registryEvents: {
    endCursor: string;
    events: Array<{ id: string; type: string; position: string; familyId: string; districtCode: string }>;
  };
}

const integrator = (scope: string, district?: string) =>
  signedIn({
    sub: `integrator-${scope}-${district ?? 'all'}`,
    role: 'INTEGRATOR',
    scope,
    ...(district ? { district } : {}),
  });

describe('integrators follow the events with a cursor', () => {
  test('page by page, in the order written, each page starting where the last ended', async () => {
    const headers = await integrator('events:read');
    const first = await graphqlData<Feed>(stack.gateway, feed, { first: 2 }, headers);
    expect(first.registryEvents.events.map((event) => event.familyId)).toEqual([
      north.families[0],
      west.families[0],
    ]);
    const second = await graphqlData<Feed>(
      stack.gateway,
      feed,
      { after: first.registryEvents.endCursor, first: 2 },
      headers,
    );
    expect(second.registryEvents.events.map((event) => event.familyId)).toEqual([north.families[1]]);
    const past = await graphqlData<Feed>(
      stack.gateway,
      feed,
      { after: second.registryEvents.endCursor },
      headers,
    );
    expect(past.registryEvents).toEqual({ endCursor: second.registryEvents.endCursor, events: [] });
    // Curation's events, caused by the closings, are a feed of their own.
    const curation = await graphqlData<{ curationEvents: { events: Array<{ type: string }> } }>(
      stack.gateway,
      '{ curationEvents { events { type } } }',
      {},
      headers,
    );
    expect(curation.curationEvents.events.map((event) => event.type)).toEqual([
      'CuratorAssigned',
      'CuratorAssigned',
      'CuratorAssigned',
      'AssignmentEnded',
      'AssignmentEnded',
    ]);
  });

  test('an integrator bound to a district reads its district’s events only', async () => {
    const { data } = await graphql<Feed>(stack.gateway, feed, {}, await integrator('events:read', 'west'));
    expect(data?.registryEvents.events.map((event) => event.districtCode)).toEqual(['west']);
  });

  test('without the scope events:read, or as a commission, reading events is FORBIDDEN', async () => {
    for (const headers of [
      await integrator('cases:read personal-data:read'),
      await signedIn({ sub: 'commission-north', role: 'COMMISSION', district: 'north' }),
    ]) {
      const { data, errors } = await graphql<Feed>(stack.gateway, feed, {}, headers);
      expect(data?.registryEvents ?? null).toBeNull();
      expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  test('a cursor that is no cursor, or too large a page, is BAD_USER_INPUT naming the argument', async () => {
    const headers = await integrator('events:read');
    for (const [variables, field] of [
      [{ after: 'not-a-cursor' }, 'after'],
      [{ first: 5000 }, 'first'],
    ] as const) {
      const { errors } = await graphql(stack.gateway, feed, variables, headers);
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  test('each read of a family’s events is audited in the service that wrote them', async () => {
    const familyId = north.families[1] as string;
    await graphqlData<Feed>(stack.gateway, feed, {}, await integrator('events:read'));
    const { familyAudit } = await graphqlData<{
      familyAudit: { registry: Array<{ userId: string; action: string; fields: string[] }> };
    }>(
      stack.gateway,
      'query ($id: ID!) { familyAudit(familyId: $id) { registry { userId action fields } } }',
      {
        id: familyId,
      },
    );
    expect(familyAudit.registry).toContainEqual({
      userId: 'integrator-events:read-all',
      action: 'READ',
      fields: ['DomainEvent'],
    });
  });
});
