import { graphql, graphqlData } from '@kdn/platform/testing';
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
