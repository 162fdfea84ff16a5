import { graphqlData } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDistrict, createFamilies } from '../fixtures.ts';
import { type Stack, startStack } from '../stack.ts';

let stack: Stack;
let familyIds: string[];

beforeAll(async () => {
  stack = await startStack();
  const { commission } = await createDistrict(stack.agencies.db.client, 'east');
  await createDistrict(stack.agencies.db.client, 'west');
  const east = await createFamilies(stack.registry.db.client, {
    districtCode: 'east',
    commissionId: commission.id,
    count: 120,
    minorsEach: 2,
  });
  familyIds = east.map((family) => family.id);
});
afterAll(() => stack?.stop());

/** The SQL statements one request made each subgraph send to its database. */
async function statementsOf(request: () => Promise<unknown>) {
  const before = {
    agencies: stack.agencies.db.statementCount(),
    registry: stack.registry.db.statementCount(),
  };
  await request();
  return {
    agencies: stack.agencies.db.statementCount() - before.agencies,
    registry: stack.registry.db.statementCount() - before.registry,
  };
}

const familiesPage = `query ($first: Int!) {
  families(first: $first, filter: { districtCode: "east" }) {
    edges { node {
      id address
      socialPassport { housing }
      minors { fullName registrations { id } }
      registrations { openedOn commission { id } minors { addedOn minor { firstName } } }
    } }
  }
}`;

describe('a page of families with their minors and registrations, straight from the registry subgraph', () => {
  test('costs the same statements for 100 families as for 10: one per relation, never one per row', async () => {
    const ten = await statementsOf(() => graphqlData(stack.registry.url, familiesPage, { first: 10 }));
    const hundred = await statementsOf(async () => {
      const data = await graphqlData<{ families: { edges: unknown[] } }>(stack.registry.url, familiesPage, {
        first: 100,
      });
      expect(data.families.edges).toHaveLength(100);
    });
    // families, passports, minors, the minors' registrations, registrations, the registrations' minors
    expect(hundred.registry).toBe(6);
    expect(ten.registry).toBe(hundred.registry);
  });
});

describe('entity references from other subgraphs', () => {
  test('100 families resolved by key cost one statement', async () => {
    const representations = familyIds.slice(0, 100).map((id) => ({ __typename: 'Family', id }));
    const statements = await statementsOf(async () => {
      const data = await graphqlData<{ _entities: Array<{ id: string }> }>(
        stack.registry.url,
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Family { id } } }',
        { r: representations },
      );
      expect(data._entities.map((family) => family.id)).toEqual(familyIds.slice(0, 100));
    });
    expect(statements.registry).toBe(1);
  });

  test('districts asked for their register by key cost one aggregate for all of them', async () => {
    const statements = await statementsOf(async () => {
      const data = await graphqlData<{ _entities: Array<{ register: { families: number } }> }>(
        stack.registry.url,
        `query ($r: [_Any!]!) { _entities(representations: $r) {
          ... on District { register(asOf: "2011-12-31") { families minors } }
        } }`,
        { r: ['east', 'west', 'east'].map((code) => ({ __typename: 'District', code })) },
      );
      expect(data._entities.map((district) => district.register.families)).toEqual([120, 0, 120]);
    });
    expect(statements.registry).toBe(1);
  });
});

describe('through the gateway, across both subgraphs', () => {
  const query = `query ($first: Int!) {
    families(first: $first, filter: { districtCode: "east" }) {
      totalCount
      edges { node {
        id
        district { name commission { name } agencies { name } register(asOf: "2011-12-31") { families } }
        registrations { commission { name district { code } } }
      } }
    }
  }`;

  test('each subgraph sends the same statements for 100 families as for 10', async () => {
    const ten = await statementsOf(() => graphqlData(stack.gateway, query, { first: 10 }));
    const hundred = await statementsOf(() => graphqlData(stack.gateway, query, { first: 100 }));
    expect(hundred).toEqual(ten);
    // registry: families, their count, registrations, the district's register; agencies: districts,
    // commissions of districts, agencies of districts, commissions by key, districts of commissions
    expect(hundred.registry).toBe(4);
    expect(hundred.agencies).toBeLessThanOrEqual(5);
  });
});
