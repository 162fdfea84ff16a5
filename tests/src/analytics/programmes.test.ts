import { graphql, graphqlData } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Stack, startStack } from '../stack.ts';
import { buildProgrammesScenario, type ProgrammesScenario } from './programmes-scenario.ts';

let stack: Stack;
let scenario: ProgrammesScenario;

beforeAll(async () => {
  stack = await startStack();
  scenario = await buildProgrammesScenario(stack);
}, 120_000);
afterAll(() => stack?.stop());

const year = { from: '2011-01-01', to: '2011-12-31' };

async function outcomes<Figure>(selection: string, asOf: string, period = year) {
  const data = await graphqlData<{ district: { programmeOutcomes: Figure } }>(
    stack.gateway,
    `query ($asOf: Date!, $from: Date!, $to: Date!) {
      district(code: "north") { programmeOutcomes(asOf: $asOf, from: $from, to: $to) { ${selection} } }
    }`,
    { asOf, ...period },
  );
  return data.district.programmeOutcomes;
}

async function checklist(asOf: string, period = year) {
  const data = await graphqlData<{
    resourceCentres: Array<{ id: string; checklist: Record<string, number> }>;
  }>(
    stack.gateway,
    `query ($asOf: Date!, $from: Date!, $to: Date!) {
      resourceCentres { id checklist(asOf: $asOf, from: $from, to: $to) {
        meetingsHeld programmesReviewed reportsDue reportsOnTime reportsWeighingChange
        programmesCorrected priorityMeasuresDue priorityMeasuresDone
      } }
    }`,
    { asOf, ...period },
  );
  return data.resourceCentres.find((centre) => centre.id === scenario.north.resourceCentreId)?.checklist;
}

const counts = 'total notDue overdue doneOnTime doneLate notExecuted refusedByAgency';
const none = {
  total: 0,
  notDue: 0,
  overdue: 0,
  doneOnTime: 0,
  doneLate: 0,
  notExecuted: 0,
  refusedByAgency: 0,
};

describe('programmes by status on a day', () => {
  test.each([
    ['2011-03-14', []],
    ['2011-03-15', [['DRAFT', 3]]],
    [
      '2011-03-24',
      [
        ['DRAFT', 1],
        ['APPROVED', 2],
      ],
    ],
    [
      '2011-04-01',
      [
        ['DRAFT', 1],
        ['APPROVED', 1],
        ['UNDER_REVIEW', 1],
      ],
    ],
    [
      '2011-04-07',
      [
        ['DRAFT', 1],
        ['APPROVED', 2],
      ],
    ],
    [
      '2011-04-21',
      [
        ['DRAFT', 1],
        ['APPROVED', 3],
      ],
    ],
    [
      '2011-06-01',
      [
        ['DRAFT', 1],
        ['APPROVED', 2],
        ['UNDER_REVIEW', 1],
      ],
    ],
    [
      '2011-06-09',
      [
        ['DRAFT', 1],
        ['APPROVED', 3],
      ],
    ],
    [
      '2011-11-29',
      [
        ['DRAFT', 1],
        ['APPROVED', 2],
        ['UNDER_REVIEW', 1],
      ],
    ],
    [
      '2011-11-30',
      [
        ['DRAFT', 1],
        ['APPROVED', 1],
        ['UNDER_REVIEW', 1],
        ['COMPLETED', 1],
      ],
    ],
  ])(
    'on %s: drafts from their first day, approved, under review from a proposal to its decision, completed',
    async (asOf, expected) => {
      const figures = await outcomes<{ byStatus: Array<{ status: string; programmes: number }> }>(
        'byStatus { status programmes }',
        asOf,
      );
      expect(figures.byStatus.map(({ status, programmes }) => [status, programmes])).toEqual(expected);
    },
  );

  test('answer the day and period they were asked about', async () => {
    expect(await outcomes('asOf from to', '2011-06-30', { from: '2011-04-01', to: '2011-06-30' })).toEqual({
      asOf: '2011-06-30',
      from: '2011-04-01',
      to: '2011-06-30',
    });
  });
});

describe('measures against their deadlines', () => {
  test('at the end of the year: by timeliness, the excluded one left out, a deadline that day not yet due', async () => {
    const figures = await outcomes<{ measures: unknown }>(`measures { ${counts} }`, '2011-12-31');
    expect(figures.measures).toEqual({
      total: 9,
      notDue: 1,
      overdue: 2,
      doneOnTime: 2,
      doneLate: 2,
      notExecuted: 1,
      refusedByAgency: 1,
    });
  });

  test('count nothing while every programme is a draft', async () => {
    expect(await outcomes(`measures { ${counts} }`, '2011-03-15')).toEqual({ measures: none });
  });

  test('count an excluded measure up to the day before the meeting that excluded it', async () => {
    const before = await outcomes<{ measures: { total: number; notDue: number } }>(
      `measures { ${counts} }`,
      '2011-04-06',
    );
    const after = await outcomes<{ measures: { total: number; notDue: number } }>(
      `measures { ${counts} }`,
      '2011-04-07',
    );
    expect(before.measures).toEqual({ ...none, total: 6, notDue: 6 });
    expect(after.measures).toEqual({ ...none, total: 5, notDue: 5 });
  });

  test('count a measure a change included from the day of the meeting that accepted it, and outcomes from their day', async () => {
    const before = await outcomes<{ measures: unknown }>(`measures { ${counts} }`, '2011-06-08');
    const after = await outcomes<{ measures: unknown }>(`measures { ${counts} }`, '2011-06-09');
    expect(before.measures).toEqual({
      ...none,
      total: 8,
      notDue: 5,
      overdue: 1,
      doneOnTime: 1,
      notExecuted: 1,
    });
    expect(after.measures).toEqual({
      ...none,
      total: 9,
      notDue: 6,
      overdue: 1,
      doneOnTime: 1,
      notExecuted: 1,
    });
  });

  test('by agency, the most overdue, not executed and refused first, then by agency id', async () => {
    const { school, police, health, sport } = scenario.north.agencies;
    const figures = await outcomes<{ measuresByAgency: Array<{ agency: { id: string }; counts: unknown }> }>(
      `measuresByAgency { agency { id } counts { ${counts} } }`,
      '2011-12-31',
    );
    const expected = {
      [school]: { ...none, total: 3, doneLate: 1, notExecuted: 1, overdue: 1 },
      [police]: { ...none, total: 3, refusedByAgency: 1, overdue: 1, notDue: 1 },
      [health]: { ...none, total: 2, doneOnTime: 2 },
      [sport]: { ...none, total: 1, doneLate: 1 },
    };
    const order = [...[school, police].sort(), ...[health, sport].sort()];
    expect(figures.measuresByAgency).toEqual(order.map((id) => ({ agency: { id }, counts: expected[id] })));
  });

  test('by category, in the order of the categories, those with none left out', async () => {
    const figures = await outcomes<{ measuresByCategory: unknown }>(
      `measuresByCategory { category counts { ${counts} } }`,
      '2011-12-31',
    );
    expect(figures.measuresByCategory).toEqual([
      { category: 'EDUCATIONAL', counts: { ...none, total: 3, doneLate: 1, notExecuted: 1, overdue: 1 } },
      { category: 'MEDICAL', counts: { ...none, total: 2, doneOnTime: 2 } },
      { category: 'LEGAL', counts: { ...none, total: 3, refusedByAgency: 1, overdue: 1, notDue: 1 } },
      { category: 'LEISURE_SPORT', counts: { ...none, total: 1, doneLate: 1 } },
    ]);
  });

  test('agree with each measure’s own timeliness', async () => {
    const data = await graphqlData<{
      programmes: { edges: Array<{ node: { status: string; measures: Array<{ timeliness: string }> } }> };
    }>(
      stack.gateway,
      `{ programmes(first: 100, filter: { districtCode: "north" }) { edges { node {
          status measures { timeliness(asOf: "2011-09-30") }
        } } } }`,
    );
    const tally = { ...none };
    const key: Record<string, keyof typeof none> = {
      NOT_DUE: 'notDue',
      OVERDUE: 'overdue',
      DONE_ON_TIME: 'doneOnTime',
      DONE_LATE: 'doneLate',
      NOT_EXECUTED: 'notExecuted',
      REFUSED_BY_AGENCY: 'refusedByAgency',
    };
    // On 30 Sep every programme but the draft is in force and every measure exists.
    const nodes = data.programmes.edges.map((edge) => edge.node);
    for (const { measures } of nodes.filter((node) => node.status !== 'DRAFT')) {
      for (const { timeliness } of measures) {
        const field = key[timeliness];
        if (!field) continue;
        tally[field] += 1;
        tally.total += 1;
      }
    }
    expect((await outcomes<{ measures: unknown }>(`measures { ${counts} }`, '2011-09-30')).measures).toEqual(
      tally,
    );
  });
});

describe('families at their last report', () => {
  test.each([
    ['2011-06-13', { families: 0, improved: 0, unchanged: 0, worsened: 0 }],
    ['2011-06-14', { families: 1, improved: 1, unchanged: 0, worsened: 0 }],
    ['2011-06-16', { families: 2, improved: 1, unchanged: 1, worsened: 0 }],
    ['2011-09-20', { families: 2, improved: 0, unchanged: 1, worsened: 1 }],
    ['2011-11-30', { families: 2, improved: 1, unchanged: 1, worsened: 0 }],
  ])('on %s: by the overall assessment of the latest report submitted', async (asOf, expected) => {
    expect(await outcomes('lastReport { families improved unchanged worsened }', asOf)).toEqual({
      lastReport: expected,
    });
  });
});

describe('reviews and corrections in a period', () => {
  test.each([
    [year, 4, 2],
    [{ from: '2011-04-07', to: '2011-06-09' }, 3, 2],
    [{ from: '2011-04-08', to: '2011-06-08' }, 1, 0],
    [{ from: '2011-04-07', to: '2011-04-07' }, 1, 1],
  ])(
    'in %o: programmes reviewed at meetings, and those changed (rejections do not count)',
    async (period, reviewed, changed) => {
      expect(await outcomes('programmesReviewed programmesChangedAfterReview', '2011-12-31', period)).toEqual(
        {
          programmesReviewed: reviewed,
          programmesChangedAfterReview: changed,
        },
      );
    },
  );

  test('refuse a period that ends before it starts', async () => {
    const { errors } = await graphql(
      stack.gateway,
      '{ district(code: "north") { programmeOutcomes(asOf: "2011-12-31", from: "2011-12-31", to: "2011-01-01") { programmesReviewed } } }',
    );
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  });
});

describe('the Kachinsky checklist of a resource centre', () => {
  test('over the year', async () => {
    expect(await checklist('2011-12-31')).toEqual({
      meetingsHeld: 6,
      programmesReviewed: 4,
      reportsDue: 8,
      reportsOnTime: 2,
      reportsWeighingChange: 4,
      programmesCorrected: 2,
      priorityMeasuresDue: 5,
      priorityMeasuresDone: 3,
    });
  });

  test('counts events on both days of the period, and nothing outside it', async () => {
    expect(await checklist('2011-12-31', { from: '2011-04-07', to: '2011-06-16' })).toEqual({
      meetingsHeld: 3,
      programmesReviewed: 3,
      reportsDue: 2,
      reportsOnTime: 1,
      reportsWeighingChange: 2,
      programmesCorrected: 2,
      priorityMeasuresDue: 3,
      priorityMeasuresDone: 2,
    });
    expect(await checklist('2011-12-31', { from: '2011-04-08', to: '2011-06-08' })).toMatchObject({
      meetingsHeld: 1,
      programmesReviewed: 1,
      reportsDue: 0,
      reportsWeighingChange: 0,
      programmesCorrected: 0,
    });
  });

  test('counts a report on time only once submitted by the day asked about', async () => {
    const june = { from: '2011-06-01', to: '2011-06-30' };
    expect(await checklist('2011-06-13', june)).toMatchObject({ reportsDue: 2, reportsOnTime: 0 });
    expect(await checklist('2011-06-14', june)).toMatchObject({ reportsDue: 2, reportsOnTime: 1 });
  });

  test('leaves a priority measure out from the day it was excluded, and counts it done from the day it was done', async () => {
    const april = { from: '2011-04-01', to: '2011-04-30' };
    expect(await checklist('2011-04-06', april)).toMatchObject({
      priorityMeasuresDue: 2,
      priorityMeasuresDone: 0,
    });
    expect(await checklist('2011-04-07', april)).toMatchObject({
      priorityMeasuresDue: 1,
      priorityMeasuresDone: 0,
    });
    expect(await checklist('2011-04-19', april)).toMatchObject({
      priorityMeasuresDue: 1,
      priorityMeasuresDone: 0,
    });
    expect(await checklist('2011-04-20', april)).toMatchObject({
      priorityMeasuresDue: 1,
      priorityMeasuresDone: 1,
    });
  });
});

describe('batching', () => {
  const outcomesOfAll = `{ districts { code programmeOutcomes(asOf: "2011-12-31", from: "2011-01-01", to: "2011-12-31") {
    byStatus { status programmes } measures { total overdue } measuresByAgency { counts { total } }
    measuresByCategory { category } lastReport { families } programmesReviewed programmesChangedAfterReview
  } } }`;

  test('every figure of every district asked at once costs one statement, as for one district', async () => {
    const before = stack.programmes.db.statementCount();
    await outcomes(
      'byStatus { status } measures { total } lastReport { families } programmesReviewed',
      '2011-12-31',
    );
    const forOne = stack.programmes.db.statementCount() - before;
    const start = stack.programmes.db.statementCount();
    const data = await graphqlData<{
      districts: Array<{ code: string; programmeOutcomes: { measures: { total: number; overdue: number } } }>;
    }>(stack.gateway, outcomesOfAll);
    expect(stack.programmes.db.statementCount() - start).toBe(forOne);
    expect(forOne).toBe(1);
    const byCode = Object.fromEntries(data.districts.map((d) => [d.code, d.programmeOutcomes.measures]));
    expect(byCode.north).toMatchObject({ total: 9, overdue: 2 });
    expect(byCode.south).toEqual({ total: 3, overdue: 3 });
    expect(byCode['north-east']).toEqual({ total: 0, overdue: 0 });
  });

  test('each figure asked alone, or through a fragment, is the figure asked with all the others', async () => {
    const selections = {
      byStatus: 'byStatus { status programmes }',
      measures: `measures { ${counts} }`,
      measuresByAgency: `measuresByAgency { agency { id } counts { ${counts} } }`,
      measuresByCategory: `measuresByCategory { category counts { ${counts} } }`,
      lastReport: 'lastReport { families improved unchanged worsened }',
      programmesReviewed: 'programmesReviewed',
      programmesChangedAfterReview: 'programmesChangedAfterReview',
    };
    const all = await outcomes<Record<string, unknown>>(Object.values(selections).join(' '), '2011-12-31');
    expect(all.lastReport).not.toEqual({ families: 0, improved: 0, unchanged: 0, worsened: 0 });
    expect(all.programmesReviewed).toBeGreaterThan(0);
    for (const [name, selection] of Object.entries(selections)) {
      expect(await outcomes(selection, '2011-12-31')).toEqual({ [name]: all[name] });
    }
    const data = await graphqlData<{ district: { programmeOutcomes: unknown } }>(
      stack.gateway,
      `fragment Reports on ProgrammeOutcomes { lastReport { families improved unchanged worsened } }
       query { district(code: "north") {
         programmeOutcomes(asOf: "2011-12-31", from: "2011-01-01", to: "2011-12-31") {
           ...Reports ... on ProgrammeOutcomes { programmesReviewed }
         }
       } }`,
    );
    expect(data.district.programmeOutcomes).toEqual({
      lastReport: all.lastReport,
      programmesReviewed: all.programmesReviewed,
    });
  });

  test('the checklists of every centre cost one statement', async () => {
    const before = stack.programmes.db.statementCount();
    const data = await graphqlData<{ resourceCentres: Array<{ id: string; checklist: unknown }> }>(
      stack.gateway,
      `{ resourceCentres { id checklist(asOf: "2011-12-31", from: "2011-01-01", to: "2011-12-31") {
          meetingsHeld programmesReviewed reportsDue reportsOnTime reportsWeighingChange
          programmesCorrected priorityMeasuresDue priorityMeasuresDone
      } } }`,
    );
    expect(stack.programmes.db.statementCount() - before).toBe(1);
    expect(
      data.resourceCentres.find((centre) => centre.id === scenario.south.resourceCentreId)?.checklist,
    ).toEqual({
      meetingsHeld: 1,
      programmesReviewed: 1,
      reportsDue: 3,
      reportsOnTime: 0,
      reportsWeighingChange: 0,
      programmesCorrected: 0,
      priorityMeasuresDue: 2,
      priorityMeasuresDone: 0,
    });
  });
});
