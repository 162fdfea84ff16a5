import { graphql, graphqlData } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type Assignment,
  assignCurator,
  createCurator,
  createDistrictWithFamilies,
  mutations,
  recordVisit,
  replaceCurator,
} from '../curation/world.ts';
import { type Stack, startStack } from '../stack.ts';

let stack: Stack;
let agencies: { school: string; police: string; centre: string };

/**
 * District `north`, four families of two minors on the register since 2011-03-01:
 * - F1: the school's curator from 03-10; home visits 03-15 and 05-02, an OTHER visit 06-10, an
 *   interagency visit (a home visit too, clause 4.2) 07-01;
 * - F2: police curator P1 from 04-20, home visit 04-30; replaced by P2 on 06-15, home visit 06-20;
 * - F3: P1 from 05-31 to the end of June (ended on 07-01), home visit 06-30;
 * - F4: no curator.
 * District `south`: one family curated from 03-01, visited at home every month from March to July.
 */
beforeAll(async () => {
  stack = await startStack();
  const north = await createDistrictWithFamilies(stack, 'north', { families: 4 });
  agencies = { school: north.school.id, police: north.police.id, centre: north.centre.id };
  const [f1, f2, f3] = north.families as [string, string, string];
  const schoolCurator = await createCurator(stack, north.school.id, 'Школьный куратор');
  const p1 = await createCurator(stack, north.police.id, 'Инспектор Первый');
  const p2 = await createCurator(stack, north.police.id, 'Инспектор Второй');

  const first = await assignCurator(stack, f1, schoolCurator, '2011-03-10');
  await recordVisit(stack, first, '2011-03-15');
  await recordVisit(stack, first, '2011-05-02');
  await recordVisit(stack, first, '2011-06-10', 'OTHER');
  await recordVisit(stack, first, '2011-07-01', 'INTERAGENCY', [north.police.id]);

  const second = await assignCurator(stack, f2, p1, '2011-04-20');
  await recordVisit(stack, second, '2011-04-30');
  const replaced = await replaceCurator(stack, {
    familyId: f2,
    version: second.ward.version,
    curatorId: p2,
    date: '2011-06-15',
  });
  await recordVisit(stack, replaced.data?.replaceCurator as Assignment, '2011-06-20');

  const third = await assignCurator(stack, f3, p1, '2011-05-31');
  await recordVisit(stack, third, '2011-06-30');
  await graphqlData(stack.gateway, mutations.endCuratorAssignment, {
    input: { familyId: f3, version: third.ward.version, endedOn: '2011-07-01', results: 'Семья выбыла' },
  });

  const south = await createDistrictWithFamilies(stack, 'south', { families: 1 });
  const southCurator = await createCurator(stack, south.school.id, 'Куратор юга');
  const southern = await assignCurator(stack, south.families[0] as string, southCurator, '2011-03-01');
  for (const day of ['2011-03-05', '2011-04-05', '2011-05-05', '2011-06-05', '2011-07-05']) {
    await recordVisit(stack, southern, day);
  }
}, 120_000);
afterAll(() => stack?.stop());

async function homeVisitMonths(from: string, to: string) {
  const data = await graphqlData<{ district: { homeVisitMonths: unknown } }>(
    stack.gateway,
    `query ($from: Date!, $to: Date!) {
      district(code: "north") { homeVisitMonths(from: $from, to: $to) { wardMonths withHomeVisit share } }
    }`,
    { from, to },
  );
  return data.district.homeVisitMonths;
}

describe('home visits by ward-month in a period', () => {
  test('count each ward’s months with a curator, one for a month a replacement splits, and those with a home visit', async () => {
    // F1: March–July, visited in March, May and July; F2: April–July, visited in April and June;
    // F3: May (one day) and June, visited in June.
    expect(await homeVisitMonths('2011-03-01', '2011-07-31')).toEqual({
      wardMonths: 11,
      withHomeVisit: 6,
      share: 6 / 11,
    });
  });

  test('count only the months of the period', async () => {
    expect(await homeVisitMonths('2011-04-01', '2011-06-30')).toEqual({
      wardMonths: 8,
      withHomeVisit: 4,
      share: 0.5,
    });
  });

  test('cut months at the period’s ends: a visit the day before it does not count; an assignment on its last day does', async () => {
    // F1 March (16th–31st) without its visit of the 15th, April, May; F2 April, May; F3 May (31st).
    expect(await homeVisitMonths('2011-03-16', '2011-05-31')).toEqual({
      wardMonths: 6,
      withHomeVisit: 2,
      share: 2 / 6,
    });
    expect(await homeVisitMonths('2011-06-30', '2011-06-30')).toEqual({
      wardMonths: 3,
      withHomeVisit: 1,
      share: 1 / 3,
    });
  });

  test('leave out an assignment from the day it ended', async () => {
    expect(await homeVisitMonths('2011-07-01', '2011-07-31')).toEqual({
      wardMonths: 2,
      withHomeVisit: 1,
      share: 0.5,
    });
  });

  test('have no share in a period without wards', async () => {
    expect(await homeVisitMonths('2010-01-01', '2010-12-31')).toEqual({
      wardMonths: 0,
      withHomeVisit: 0,
      share: null,
    });
  });

  test('refuse a period that ends before it starts', async () => {
    const { errors } = await graphql(
      stack.gateway,
      '{ district(code: "north") { homeVisitMonths(from: "2011-12-31", to: "2011-01-01") { wardMonths } } }',
    );
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  });

  test('for every district asked at once cost one statement', async () => {
    const before = stack.curation.db.statementCount();
    const data = await graphqlData<{ districts: Array<{ code: string; homeVisitMonths: unknown }> }>(
      stack.gateway,
      '{ districts { code homeVisitMonths(from: "2011-03-01", to: "2011-07-31") { wardMonths withHomeVisit } } }',
    );
    expect(stack.curation.db.statementCount() - before).toBe(1);
    expect(data.districts).toEqual([
      { code: 'north', homeVisitMonths: { wardMonths: 11, withHomeVisit: 6 } },
      { code: 'south', homeVisitMonths: { wardMonths: 5, withHomeVisit: 5 } },
    ]);
  });
});

interface AgencyCaseloads {
  district: {
    agencies: Array<{ id: string; caseload: unknown }>;
    caseload: {
      byAgency: Array<{ agency: { id: string }; curators: number; families: number; minors: number }>;
    };
  };
}

async function agencyCaseloads(asOf: string) {
  const { district } = await graphqlData<AgencyCaseloads>(
    stack.gateway,
    `query ($asOf: Date!) { district(code: "north") {
      agencies { id caseload(asOf: $asOf) { curators wards families minors } }
      caseload(asOf: $asOf) { byAgency { agency { id } curators families minors } }
    } }`,
    { asOf },
  );
  return district;
}

describe('an agency’s caseload on a day', () => {
  const idle = { curators: 0, wards: 0, families: 0, minors: 0 };

  test.each([
    ['2011-03-09', idle, idle],
    ['2011-03-10', { curators: 1, wards: 1, families: 1, minors: 2 }, idle],
    [
      '2011-06-14',
      { curators: 1, wards: 1, families: 1, minors: 2 },
      { curators: 1, wards: 2, families: 2, minors: 4 },
    ],
    [
      '2011-06-15',
      { curators: 1, wards: 1, families: 1, minors: 2 },
      { curators: 2, wards: 2, families: 2, minors: 4 },
    ],
    [
      '2011-07-01',
      { curators: 1, wards: 1, families: 1, minors: 2 },
      { curators: 1, wards: 1, families: 1, minors: 2 },
    ],
  ])(
    'on %s: curators with a ward that day and their wards, as the district’s table by agency',
    async (asOf, school, police) => {
      const district = await agencyCaseloads(asOf);
      const caseloadOf = (id: string) => district.agencies.find((agency) => agency.id === id)?.caseload;
      expect(caseloadOf(agencies.school)).toEqual(school);
      expect(caseloadOf(agencies.police)).toEqual(police);
      expect(caseloadOf(agencies.centre)).toEqual(idle);
      for (const { agency, ...line } of district.caseload.byAgency) {
        expect(caseloadOf(agency.id)).toMatchObject(line);
      }
    },
  );

  test('of every agency asked at once costs one statement', async () => {
    const before = stack.curation.db.statementCount();
    const data = await graphqlData<{
      districts: Array<{ agencies: Array<{ caseload: { wards: number } }> }>;
    }>(stack.gateway, '{ districts { agencies { caseload(asOf: "2011-06-15") { wards } } } }');
    expect(stack.curation.db.statementCount() - before).toBe(1);
    const wards = data.districts.flatMap((d) => d.agencies.map((agency) => agency.caseload.wards));
    expect(wards.reduce((sum, n) => sum + n, 0)).toBe(4);
  });
});
