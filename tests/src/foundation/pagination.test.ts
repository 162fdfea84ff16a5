import { graphql, graphqlData, signedIn } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDistrict, createFamilies } from '../fixtures.ts';
import { type Stack, startStack } from '../stack.ts';

let stack: Stack;
let allIds: string[];

beforeAll(async () => {
  stack = await startStack();
  const { commission } = await createDistrict(stack.agencies.db.client, 'central');
  const { commission: other } = await createDistrict(stack.agencies.db.client, 'river');
  const registry = stack.registry.db.client;
  const early = await createFamilies(registry, {
    districtCode: 'central',
    commissionId: commission.id,
    count: 70,
    openedOn: new Date('2011-02-01'),
  });
  const late = await createFamilies(registry, {
    districtCode: 'central',
    commissionId: commission.id,
    count: 45,
    minorsEach: 1,
    openedOn: new Date('2011-09-01'),
  });
  await createFamilies(registry, { districtCode: 'river', commissionId: other.id, count: 5 });
  await registry.registration.updateMany({
    where: { familyId: { in: early.slice(0, 10).map((family) => family.id) } },
    data: { closedOn: new Date('2011-06-30'), closingReason: 'SITUATION_IMPROVED' },
  });
  allIds = [...early, ...late].map((family) => family.id);
});
afterAll(() => stack?.stop());

interface Page {
  families: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
    edges: Array<{ cursor: string; node: { id: string } }>;
  };
}

const families = `query ($first: Int, $after: String, $last: Int, $before: String, $filter: RegisterFilter) {
  families(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id } }
  }
}`;

const central = { districtCode: 'central' };

describe('families, a page at a time', () => {
  test('forward pages of 50 visit every family of the district once, in order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    const pageSizes: number[] = [];
    for (;;) {
      const page: Page = await graphqlData<Page>(stack.gateway, families, {
        first: 50,
        after,
        filter: central,
      });
      pageSizes.push(page.families.edges.length);
      seen.push(...page.families.edges.map((edge) => edge.node.id));
      expect(page.families.totalCount).toBe(115);
      if (!page.families.pageInfo.hasNextPage) break;
      after = page.families.pageInfo.endCursor;
    }
    expect(pageSizes).toEqual([50, 50, 15]);
    expect(seen).toEqual(allIds.toSorted());
  });

  test('backward pages with last/before end where forward pages begin', async () => {
    const lastPage = await graphqlData<Page>(stack.gateway, families, { last: 20, filter: central });
    expect(lastPage.families.edges.map((edge) => edge.node.id)).toEqual(allIds.toSorted().slice(-20));
    expect(lastPage.families.pageInfo.hasPreviousPage).toBe(true);
    const before = await graphqlData<Page>(stack.gateway, families, {
      last: 5,
      before: lastPage.families.pageInfo.startCursor,
      filter: central,
    });
    expect(before.families.edges.map((edge) => edge.node.id)).toEqual(allIds.toSorted().slice(-25, -20));
  });

  test.each([
    ['on the register at the end of 2011', { onRegister: true, asOf: '2011-12-31' }, 105],
    ['not on the register at the end of 2011', { onRegister: false, asOf: '2011-12-31' }, 10],
    ['on the register in May 2011', { onRegister: true, asOf: '2011-05-01' }, 70],
    ['on the register before any registration', { onRegister: true, asOf: '2010-12-31' }, 0],
    ['of the whole district', {}, 115],
  ])('filtered to those %s', async (_case, filter, expected) => {
    const page = await graphqlData<Page>(stack.gateway, families, {
      first: 1,
      filter: { ...central, ...filter },
    });
    expect(page.families.totalCount).toBe(expected);
  });

  test('minors filter the same way', async () => {
    const data = await graphqlData<{ minors: { totalCount: number } }>(
      stack.gateway,
      `{ minors(first: 1, filter: { districtCode: "central", onRegister: true, asOf: "2011-12-31" }) { totalCount } }`,
    );
    expect(data.minors.totalCount).toBe(60 * 2 + 45);
  });

  test.each([
    ['a cursor that is not one', { first: 10, after: 'abc' }, 'after'],
    ['a page larger than 100', { first: 101 }, 'first'],
    ['a negative page', { last: -1 }, 'last'],
  ])('with %s is refused as bad input', async (_case, variables, field) => {
    const { errors } = await graphql(stack.gateway, families, variables);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('whose rows the lists hold (clause 3.1 of the curator regulation)', () => {
  const minors = `query ($filter: RegisterFilter) { minors(first: 100, filter: $filter) { totalCount edges { node { id } } } }`;

  test('a commission gets only its own district’s families and minors, the count agreeing with the pages', async () => {
    const river = await signedIn({ sub: 'commission-river', role: 'COMMISSION', district: 'river' });
    const registry = stack.registry.db.client;
    const riverFamilies = (await registry.family.findMany({ where: { districtCode: 'river' } })).map(
      (family) => family.id,
    );
    const riverMinors = await registry.minor.count({ where: { familyId: { in: riverFamilies } } });
    for (const url of [stack.gateway, stack.registry.url]) {
      const own = await graphqlData<Page>(url, families, { first: 100 }, river);
      expect(own.families.totalCount).toBe(riverFamilies.length);
      expect(own.families.edges.map((edge) => edge.node.id)).toEqual(riverFamilies.toSorted());
      const elsewhere = await graphqlData<Page>(url, families, { first: 100, filter: central }, river);
      expect(elsewhere.families).toMatchObject({ totalCount: 0, edges: [] });
      const ownMinors = await graphqlData<{ minors: { totalCount: number; edges: unknown[] } }>(
        url,
        minors,
        {},
        river,
      );
      expect(ownMinors.minors.totalCount).toBe(riverMinors);
      expect(ownMinors.minors.edges).toHaveLength(riverMinors);
    }
  });

  test('a principal that reads no cases gets empty lists', async () => {
    const figuresOnly = await signedIn({ sub: 'figures', role: 'INTEGRATOR', scope: 'aggregates:read' });
    const before = stack.registry.db.statementCount();
    const data = await graphqlData<Page & { minors: { totalCount: number } }>(
      stack.registry.url,
      `{ families(first: 10) { totalCount edges { node { id } } } minors(first: 10) { totalCount } }`,
      {},
      figuresOnly,
    );
    expect(data.families).toMatchObject({ totalCount: 0, edges: [] });
    expect(data.minors.totalCount).toBe(0);
    expect(stack.registry.db.statementCount() - before).toBe(0);
  });
});
