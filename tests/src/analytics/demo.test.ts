import { demoUser, resourceCentreIds } from '@kdn/demo';
import { graphql, graphqlData, signedIn } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Stack, startStack } from '../stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ demo: true });
}, 120_000);
afterAll(() => stack?.stop());

/**
 * The figures the dashboard opens on: Kirovsky and Zheleznodorozhny on 31 Dec 2011, the year 2011.
 * The expected values were worked out from `packages/demo` (`programmes-plan.ts`): every programme is
 * approved at its first review on the day its period begins, corrected at the meeting after its first
 * report, and completed when the registration closed; the Kirovsky programmes approved in January
 * 2012 are not programmes of 31 Dec yet, and the proposals awaiting review were made on 30 Jan 2012.
 */
const day = { asOf: '2011-12-31', from: '2011-01-01', to: '2011-12-31' };

interface Measure {
  timeliness: string;
  category: string;
  agency: { id: string };
}

interface ProgrammeRecord {
  periodFrom: string;
  measures: Array<Measure & { id: string }>;
  changes: Array<{
    kind: string;
    decision: string;
    measure: { id: string } | null;
    meeting: { heldOn: string } | null;
  }>;
}

const timelinessField: Record<string, string> = {
  NOT_DUE: 'notDue',
  OVERDUE: 'overdue',
  DONE_ON_TIME: 'doneOnTime',
  DONE_LATE: 'doneLate',
  NOT_EXECUTED: 'notExecuted',
  REFUSED_BY_AGENCY: 'refusedByAgency',
};

function tally(measures: Measure[]) {
  const counts: Record<string, number> = {
    total: 0,
    notDue: 0,
    overdue: 0,
    doneOnTime: 0,
    doneLate: 0,
    notExecuted: 0,
    refusedByAgency: 0,
  };
  for (const { timeliness } of measures) {
    const field = timelinessField[timeliness];
    if (!field) continue;
    counts[field] = (counts[field] ?? 0) + 1;
    counts.total = (counts.total ?? 0) + 1;
  }
  return counts;
}

describe('the programme outcomes of Kirovsky on 31 Dec 2011', () => {
  let outcomes: {
    byStatus: unknown;
    measures: unknown;
    measuresByAgency: Array<{ agency: { id: string; name: string }; counts: Record<string, number> }>;
    measuresByCategory: Array<{ category: string; counts: Record<string, number> }>;
    lastReport: unknown;
    programmesReviewed: number;
    programmesChangedAfterReview: number;
  };
  let measuresOfTheDay: Measure[];

  beforeAll(async () => {
    const counts = 'total notDue overdue doneOnTime doneLate notExecuted refusedByAgency';
    const data = await graphqlData<{
      district: { programmeOutcomes: typeof outcomes };
      programmes: { edges: Array<{ node: ProgrammeRecord }> };
    }>(
      stack.gateway,
      `query ($asOf: Date!, $from: Date!, $to: Date!) {
        district(code: "kirovsky") { programmeOutcomes(asOf: $asOf, from: $from, to: $to) {
          byStatus { status programmes } measures { ${counts} }
          measuresByAgency { agency { id name } counts { ${counts} } }
          measuresByCategory { category counts { ${counts} } }
          lastReport { families improved unchanged worsened }
          programmesReviewed programmesChangedAfterReview
        } }
        programmes(first: 100, filter: { districtCode: "kirovsky" }) { edges { node {
          periodFrom
          measures { id timeliness(asOf: $asOf) category agency { id } }
          changes { kind decision measure { id } meeting { heldOn } }
        } } }
      }`,
      day,
    );
    outcomes = data.district.programmeOutcomes;
    // The demo approves each programme on the day its period begins; a measure a change included
    // exists from the meeting that accepted it.
    measuresOfTheDay = data.programmes.edges
      .map((edge) => edge.node)
      .filter((programme) => programme.periodFrom <= day.asOf)
      .flatMap((programme) => {
        const later = new Set(
          programme.changes
            .filter(
              (change) =>
                ['MEASURE_ADDED', 'AGENCY_INVOLVED'].includes(change.kind) &&
                change.decision === 'ACCEPTED' &&
                (change.meeting?.heldOn ?? '') > day.asOf,
            )
            .map((change) => change.measure?.id),
        );
        return programme.measures.filter((measure) => !later.has(measure.id));
      });
  });

  test('programmes: 19 approved and 5 completed, none under review or draft that day', () => {
    expect(outcomes.byStatus).toEqual([
      { status: 'APPROVED', programmes: 19 },
      { status: 'COMPLETED', programmes: 5 },
    ]);
  });

  test('measures: 133 besides the 2 excluded, mostly done on time, some late, failed, refused or overdue', () => {
    expect(outcomes.measures).toEqual({
      total: 133,
      notDue: 19,
      overdue: 2,
      doneOnTime: 80,
      doneLate: 17,
      notExecuted: 11,
      refusedByAgency: 4,
    });
    expect(outcomes.measures).toEqual(tally(measuresOfTheDay));
  });

  test('by agency and by category, each agreeing with the measures’ own timeliness', () => {
    const failed = ({ overdue = 0, notExecuted = 0, refusedByAgency = 0 }: Record<string, number>) =>
      overdue + notExecuted + refusedByAgency;
    expect(outcomes.measuresByAgency.length).toBe(14);
    for (const { agency, counts } of outcomes.measuresByAgency) {
      expect(counts, agency.name).toEqual(tally(measuresOfTheDay.filter((m) => m.agency.id === agency.id)));
    }
    const order = outcomes.measuresByAgency.map(({ agency, counts }) => [-failed(counts), agency.id]);
    expect(order).toEqual(
      [...order].sort(([a, x], [b, y]) => Number(a) - Number(b) || String(x).localeCompare(String(y))),
    );
    expect(outcomes.measuresByAgency[0]).toMatchObject({
      agency: { name: 'МБУ «Центр социальной помощи семье и детям «Первомайский»' },
      counts: { total: 36, notExecuted: 3, refusedByAgency: 1 },
    });

    expect(outcomes.measuresByCategory.map(({ category }) => category)).toEqual([
      'SOCIAL',
      'PSYCHOLOGICAL',
      'EDUCATIONAL',
      'MEDICAL',
      'LEGAL',
      'LEISURE_SPORT',
      'EMPLOYMENT',
      'SOCIAL_SUPPORT_BENEFITS',
    ]);
    for (const { category, counts } of outcomes.measuresByCategory) {
      expect(counts, category).toEqual(tally(measuresOfTheDay.filter((m) => m.category === category)));
    }
  });

  test('families at their last report: 20 of the 24, 13 improved, 4 unchanged, 3 worsened', () => {
    expect(outcomes.lastReport).toEqual({ families: 20, improved: 13, unchanged: 4, worsened: 3 });
  });

  test('in 2011 the working group reviewed all 24 programmes and changed 7', () => {
    expect(outcomes.programmesReviewed).toBe(24);
    expect(outcomes.programmesChangedAfterReview).toBe(7);
  });
});

describe('the Kachinsky checklists of both centres for 2011', () => {
  test('two protocols a month at each; reports, corrections and priority plans as the demo records them', async () => {
    const data = await graphqlData<{
      resourceCentres: Array<{ id: string; district: { code: string }; checklist: unknown }>;
    }>(
      stack.gateway,
      `query ($asOf: Date!, $from: Date!, $to: Date!) { resourceCentres { id district { code }
        checklist(asOf: $asOf, from: $from, to: $to) {
          meetingsHeld programmesReviewed reportsDue reportsOnTime reportsWeighingChange
          programmesCorrected priorityMeasuresDue priorityMeasuresDone
        } } }`,
      day,
    );
    const checklistOf = (code: 'kirovsky' | 'zheleznodorozhny') =>
      data.resourceCentres.find((centre) => centre.id === resourceCentreIds[code])?.checklist;
    expect(checklistOf('kirovsky')).toEqual({
      meetingsHeld: 24,
      programmesReviewed: 24,
      reportsDue: 37,
      reportsOnTime: 27,
      reportsWeighingChange: 40,
      programmesCorrected: 7,
      priorityMeasuresDue: 55,
      priorityMeasuresDone: 46,
    });
    expect(checklistOf('zheleznodorozhny')).toEqual({
      meetingsHeld: 24,
      programmesReviewed: 18,
      reportsDue: 21,
      reportsOnTime: 12,
      reportsWeighingChange: 20,
      programmesCorrected: 4,
      priorityMeasuresDue: 34,
      priorityMeasuresDone: 24,
    });
  });
});

describe('the resource-centre comparison by role', () => {
  const comparison = `query ($asOf: Date!, $from: Date!, $to: Date!) { resourceCentres { id
    checklist(asOf: $asOf, from: $from, to: $to) {
      meetingsHeld programmesReviewed reportsDue reportsOnTime reportsWeighingChange
      programmesCorrected priorityMeasuresDue priorityMeasuresDone
    }
  } }`;
  type Comparison = {
    resourceCentres: Array<{ id: string; checklist: Record<string, number | null> | null }>;
  };
  const checklistsAs = async (user: string) =>
    graphql<Comparison>(stack.gateway, comparison, day, await signedIn(demoUser(user).claims));
  const byCentre = (data: Comparison | null | undefined) =>
    new Map((data?.resourceCentres ?? []).map((centre) => [centre.id, centre.checklist]));

  test('a methodologist compares every centre, each count below 3 suppressed', async () => {
    const whole = byCentre(await graphqlData<Comparison>(stack.gateway, comparison, day));
    const { data, errors } = await checklistsAs('methodologist');
    expect(errors).toBeUndefined();
    const seen = byCentre(data);
    for (const code of ['kirovsky', 'zheleznodorozhny'] as const) {
      const id = resourceCentreIds[code];
      const expected = Object.fromEntries(
        Object.entries(whole.get(id) ?? {}).map(([name, value]) => [
          name,
          value !== null && value < 3 ? null : value,
        ]),
      );
      expect(seen.get(id)).toEqual(expected);
    }
  });

  test('the programmes hold no row for a methodologist', async () => {
    const { data } = await graphql<{ programmes: { totalCount: number } }>(
      stack.gateway,
      '{ programmes(first: 5) { totalCount } }',
      {},
      await signedIn(demoUser('methodologist').claims),
    );
    expect(data?.programmes.totalCount).toBe(0);
  });

  test('a district’s commission reads its own centre’s checklist, not the other district’s', async () => {
    const { data, errors } = await checklistsAs('commission-kirovsky');
    const seen = byCentre(data);
    expect(seen.get(resourceCentreIds.kirovsky)?.meetingsHeld).toBeGreaterThan(0);
    expect(seen.get(resourceCentreIds.zheleznodorozhny)).toBeNull();
    expect(errors?.map((error) => error.extensions?.code)).toContain('FORBIDDEN');
  });
});

describe('the curators of Kirovsky', () => {
  test('their agencies’ caseloads add up to the resolution’s table by kind', async () => {
    const { district } = await graphqlData<{
      district: {
        agencies: Array<{ kind: string; caseload: { curators: number; families: number; minors: number } }>;
      };
    }>(
      stack.gateway,
      '{ district(code: "kirovsky") { agencies { kind caseload(asOf: "2011-12-31") { curators families minors } } } }',
    );
    const byKind: Record<string, number[]> = {};
    for (const { kind, caseload } of district.agencies) {
      const sum = byKind[kind] ?? [0, 0, 0];
      byKind[kind] = [
        (sum[0] ?? 0) + caseload.curators,
        (sum[1] ?? 0) + caseload.families,
        (sum[2] ?? 0) + caseload.minors,
      ];
    }
    expect(byKind).toMatchObject({
      EDUCATION: [7, 7, 9],
      POLICE_JUVENILE_UNIT: [9, 14, 23],
      GUARDIANSHIP: [1, 1, 1],
      SOCIAL_SERVICE_CENTRE: [2, 3, 4],
    });
  });

  test('visit their wards at home in most ward-months of 2011, as each assignment’s months show', async () => {
    const data = await graphqlData<{
      district: {
        homeVisitMonths: { wardMonths: number; withHomeVisit: number };
        agencies: Array<{
          curators: Array<{
            assignments: Array<{
              family: { id: string };
              homeVisitMonths: Array<{ month: string; homeVisits: number }>;
            }>;
          }>;
        }>;
      };
    }>(
      stack.gateway,
      `{ district(code: "kirovsky") {
        homeVisitMonths(from: "2011-01-01", to: "2011-12-31") { wardMonths withHomeVisit }
        agencies { curators { assignments { family { id } homeVisitMonths(asOf: "2011-12-31") { month homeVisits } } } }
      } }`,
    );
    const wardMonths = new Map<string, boolean>();
    for (const agency of data.district.agencies) {
      for (const curator of agency.curators) {
        for (const { family, homeVisitMonths } of curator.assignments) {
          for (const { month, homeVisits } of homeVisitMonths.filter((m) => m.month.startsWith('2011'))) {
            const key = `${family.id} ${month}`;
            wardMonths.set(key, (wardMonths.get(key) ?? false) || homeVisits > 0);
          }
        }
      }
    }
    expect(data.district.homeVisitMonths).toEqual({
      wardMonths: wardMonths.size,
      withHomeVisit: [...wardMonths.values()].filter(Boolean).length,
    });
    expect(data.district.homeVisitMonths).toEqual({ wardMonths: 220, withHomeVisit: 197 });
  });
});
