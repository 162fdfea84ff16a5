import { graphql, graphqlData, signedIn } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDistrict, createFamilies } from '../fixtures.ts';
import { type Stack, startStack } from '../stack.ts';

let stack: Stack;

/**
 * A district built so the answers are known: 6 families of 2 minors registered on 2011-01-10; two
 * closed on 2011-03-11 (60 days) as SITUATION_IMPROVED, one on 2011-07-19 (190 days) as MOVED_AWAY,
 * one on 2012-01-15 (370 days) as SITUATION_IMPROVED; two still open. Another district's closure
 * must not count.
 */
beforeAll(async () => {
  stack = await startStack();
  const { commission } = await createDistrict(stack.agencies.db.client, 'north');
  const { commission: other } = await createDistrict(stack.agencies.db.client, 'south');
  const registry = stack.registry.db.client;
  const families = await createFamilies(registry, {
    districtCode: 'north',
    commissionId: commission.id,
    count: 6,
    minorsEach: 2,
    openedOn: new Date('2011-01-10'),
  });
  const [southFamily] = await createFamilies(registry, {
    districtCode: 'south',
    commissionId: other.id,
    count: 1,
    openedOn: new Date('2011-01-10'),
  });
  const close = (
    familyIds: Array<string | undefined>,
    closedOn: string,
    closingReason: 'SITUATION_IMPROVED' | 'MOVED_AWAY',
  ) =>
    registry.registration.updateMany({
      where: { familyId: { in: familyIds.filter((id): id is string => Boolean(id)) } },
      data: { closedOn: new Date(closedOn), closingReason },
    });
  await close([families[0]?.id, families[1]?.id], '2011-03-11', 'SITUATION_IMPROVED');
  await close([families[2]?.id], '2011-07-19', 'MOVED_AWAY');
  await close([families[3]?.id], '2012-01-15', 'SITUATION_IMPROVED');
  await close([southFamily?.id], '2011-05-01', 'MOVED_AWAY');
});
afterAll(() => stack?.stop());

const takenOff = `query ($from: Date!, $to: Date!) {
  district(code: "north") {
    takenOffDuring(from: $from, to: $to) { families minors meanDaysOnRegister byReason { reason families minors } }
  }
}`;

describe('families taken off the register in a period', () => {
  test('are counted by reason, with the mean time they spent on the register', async () => {
    const data = await graphqlData<{ district: { takenOffDuring: unknown } }>(stack.gateway, takenOff, {
      from: '2011-01-01',
      to: '2011-12-31',
    });
    expect(data.district.takenOffDuring).toEqual({
      families: 3,
      minors: 6,
      meanDaysOnRegister: (60 + 60 + 190) / 3,
      byReason: [
        { reason: 'SITUATION_IMPROVED', families: 2, minors: 4 },
        { reason: 'MOVED_AWAY', families: 1, minors: 2 },
      ],
    });
  });

  test('include both ends of the period and nothing outside it', async () => {
    const data = await graphqlData<{ district: { takenOffDuring: { families: number } } }>(
      stack.gateway,
      takenOff,
      {
        from: '2011-07-19',
        to: '2012-01-15',
      },
    );
    expect(data.district.takenOffDuring).toMatchObject({ families: 2, meanDaysOnRegister: (190 + 370) / 2 });
  });

  test('are none, with no mean, in a period without closures', async () => {
    const data = await graphqlData(stack.gateway, takenOff, { from: '2010-01-01', to: '2010-12-31' });
    expect(data).toEqual({
      district: { takenOffDuring: { families: 0, minors: 0, meanDaysOnRegister: null, byReason: [] } },
    });
  });

  test('for every district asked at once cost one aggregate', async () => {
    const before = stack.registry.db.statementCount();
    const data = await graphqlData<{
      districts: Array<{ code: string; takenOffDuring: { families: number } }>;
    }>(
      stack.gateway,
      '{ districts { code takenOffDuring(from: "2011-01-01", to: "2011-12-31") { families } } }',
    );
    expect(stack.registry.db.statementCount() - before).toBe(1);
    expect(data.districts.map((district) => [district.code, district.takenOffDuring.families])).toEqual([
      ['north', 3],
      ['south', 1],
    ]);
  });

  test('refuse a period that ends before it starts', async () => {
    const { errors } = await graphql(stack.gateway, takenOff, { from: '2011-12-31', to: '2011-01-01' });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  });

  test('agree with the register: those on it at the end of the period plus those taken off equal those there at its start plus those put on', async () => {
    const data = await graphqlData<{
      district: {
        start: { families: number };
        end: { families: number };
        on: { families: number };
        off: { families: number };
      };
    }>(
      stack.gateway,
      `{ district(code: "north") {
          start: register(asOf: "2010-12-31") { families }
          end: register(asOf: "2011-12-31") { families }
          on: registeredDuring(from: "2011-01-01", to: "2011-12-31") { families }
          off: takenOffDuring(from: "2011-01-01", to: "2011-12-31") { families }
      } }`,
    );
    const { start, end, on, off } = data.district;
    expect(end.families + off.families).toBe(start.families + on.families);
  });
});

describe('who may read the register’s figures', () => {
  interface Closures {
    families: number | null;
    minors: number | null;
    meanDaysOnRegister: number | null;
    byReason: Array<{ reason: string; families: number | null; minors: number | null }>;
  }
  const suppressed = (count: number | null) => (count !== null && count < 3 ? null : count);

  test.each([
    ['with three families closed', '2011-01-01', '2011-12-31'],
    ['with two families closed', '2011-07-19', '2012-01-15'],
  ])(
    'a methodologist gets them %s with every count below 3, and a mean of fewer than 3, suppressed',
    async (_case, from, to) => {
      const methodologist = await signedIn({ sub: 'methodologist', role: 'METHODOLOGIST' });
      const full = (
        await graphqlData<{ district: { takenOffDuring: Closures } }>(stack.gateway, takenOff, { from, to })
      ).district.takenOffDuring;
      const shown = await graphqlData<{ district: { takenOffDuring: Closures } }>(
        stack.gateway,
        takenOff,
        { from, to },
        methodologist,
      );
      expect(shown.district.takenOffDuring).toEqual({
        families: suppressed(full.families),
        minors: suppressed(full.minors),
        meanDaysOnRegister: suppressed(full.families) === null ? null : full.meanDaysOnRegister,
        byReason: full.byReason.map(({ reason, families, minors }) => ({
          reason,
          families: suppressed(families),
          minors: suppressed(minors),
        })),
      });
    },
  );

  test('the staff of a district read their own district’s figures, not another’s', async () => {
    const southAgency = await signedIn({
      sub: 'agency-south',
      role: 'AGENCY',
      district: 'south',
      agency: '0190a000-0000-7000-8000-000000000001',
    });
    const query = `query ($code: String!) { district(code: $code) { register(asOf: "2011-12-31") { families } } }`;
    const own = await graphql<{ district: { register: { families: number } | null } }>(
      stack.gateway,
      query,
      { code: 'south' },
      southAgency,
    );
    expect(own.errors).toBeUndefined();
    expect(own.data?.district.register).not.toBeNull();
    const throughGateway = await graphql(stack.gateway, query, { code: 'north' }, southAgency);
    const direct = await graphql(
      stack.registry.url,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on District { register(asOf: "2011-12-31") { families } } } }',
      { r: [{ __typename: 'District', code: 'north' }] },
      southAgency,
    );
    for (const refused of [throughGateway, direct]) {
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});
