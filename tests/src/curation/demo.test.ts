import { familyId } from '@kdn/demo';
import { graphqlData } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Stack, startStack } from '../stack.ts';

/** The demo data through the gateway: the caseload table of Resolution No. 2 (7 Feb 2012) and what curation adds to a family. */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ demo: true });
});
afterAll(() => stack?.stop());

interface CaseloadRow {
  kind: string;
  curators: number;
  families: number;
  minors: number;
}

interface DistrictCaseload {
  district: {
    register: { families: number; minors: number };
    caseload: {
      byAgencyKind: CaseloadRow[];
      total: Omit<CaseloadRow, 'kind'>;
      byAgency: Array<CaseloadRow & { agency: { name: string; kind: string } }>;
      byCurator: Array<{
        curator: { fullName: string; agencyKind: string };
        families: number;
        minors: number;
      }>;
      wardsPerCurator: Array<{ curators: number }>;
    };
  };
}

const caseloadQuery = `query ($code: String!, $asOf: Date!) {
  district(code: $code) {
    register(asOf: $asOf) { families minors }
    caseload(asOf: $asOf) {
      byAgencyKind { kind curators families minors }
      total { curators families minors }
      byAgency { agency { name kind } kind curators families minors }
      byCurator { curator { fullName agencyKind } families minors }
      wardsPerCurator { curators }
    }
  }
}`;

const caseloadOf = async (code: string, asOf: string) =>
  (await graphqlData<DistrictCaseload>(stack.gateway, caseloadQuery, { code, asOf })).district;

describe('Kirovsky district on 31 Dec 2011', () => {
  test('19 curators, 25 families and 37 minors, split by agency kind exactly as the resolution reports', async () => {
    const { register, caseload } = await caseloadOf('kirovsky', '2011-12-31');
    expect(caseload.byAgencyKind).toEqual([
      { kind: 'EDUCATION', curators: 7, families: 7, minors: 9 },
      { kind: 'POLICE_JUVENILE_UNIT', curators: 9, families: 14, minors: 23 },
      { kind: 'GUARDIANSHIP', curators: 1, families: 1, minors: 1 },
      { kind: 'SOCIAL_SERVICE_CENTRE', curators: 2, families: 3, minors: 4 },
    ]);
    expect(caseload.total).toEqual({ curators: 19, families: 25, minors: 37 });
    expect(register).toEqual({ families: 25, minors: 37 });
  });

  test('agrees with itself per agency, per curator and in the distribution of wards', async () => {
    const { caseload } = await caseloadOf('kirovsky', '2011-12-31');
    const sum = (rows: Array<{ families: number; minors: number }>) =>
      rows.reduce(
        (total, row) => ({ families: total.families + row.families, minors: total.minors + row.minors }),
        {
          families: 0,
          minors: 0,
        },
      );
    expect(sum(caseload.byAgency)).toEqual({ families: 25, minors: 37 });
    expect(sum(caseload.byCurator)).toEqual({ families: 25, minors: 37 });
    expect(caseload.byCurator).toHaveLength(19);
    expect(caseload.byAgency.filter((row) => row.kind === 'EDUCATION')).toHaveLength(7);
    for (const row of caseload.byAgency) expect(row.agency.kind).toBe(row.kind);
    expect(caseload.wardsPerCurator.map((bucket) => bucket.curators)).toEqual([14, 5, 0, 0]);
  });
});

describe('Zheleznodorozhny district', () => {
  test('two specialists of the Kachinsky centre curate two families since October 2011', async () => {
    const { caseload } = await caseloadOf('zheleznodorozhny', '2012-02-01');
    const centre = caseload.byAgency.filter((row) => row.kind === 'SOCIAL_SERVICE_CENTRE');
    expect(centre).toEqual([
      {
        agency: { name: 'МБУ «ЦСПСиД «Качинский»', kind: 'SOCIAL_SERVICE_CENTRE' },
        kind: 'SOCIAL_SERVICE_CENTRE',
        curators: 2,
        families: 2,
        minors: 3,
      },
    ]);
    expect(
      (await caseloadOf('zheleznodorozhny', '2011-09-30')).caseload.byAgencyKind.map((row) => row.kind),
    ).toEqual(['EDUCATION', 'POLICE_JUVENILE_UNIT']);
  });
});

describe('home visits at the end of 2011', () => {
  test('show the wards left unvisited for two months as overdue, by curator and agency', async () => {
    const { districts } = await graphqlData<{
      districts: Array<{
        code: string;
        homeVisits: {
          activeWards: number;
          overdue: Array<{ curator: { fullName: string }; family: { address: string } }>;
          byAgency: Array<{ kind: string; overdueWards: number }>;
        };
      }>;
    }>(
      stack.gateway,
      `{ districts { code homeVisits(asOf: "2011-12-31") {
        activeWards overdue { curator { fullName } family { address } } byAgency { kind overdueWards }
      } } }`,
    );
    const byCode = Object.fromEntries(districts.map((district) => [district.code, district.homeVisits]));
    expect(byCode.kirovsky?.activeWards).toBe(25);
    expect(byCode.kirovsky?.overdue.map((row) => row.curator.fullName).sort()).toEqual([
      'Лаптева Юлия Викторовна',
      'Орлова Анастасия Юрьевна',
    ]);
    expect(byCode.zheleznodorozhny?.overdue.map((row) => row.curator.fullName).sort()).toEqual([
      'Ефимова Ирина Станиславовна',
      'Клименко Юлия Андреевна',
    ]);
    const overdueByKind = byCode.kirovsky?.byAgency
      .filter((row) => row.overdueWards > 0)
      .map((row) => row.kind);
    expect(overdueByKind).toEqual(['EDUCATION', 'POLICE_JUVENILE_UNIT']);
  });
});

test('replacements keep their history, with a reason of clause 1.9 each', async () => {
  const reasons = await stack.curation.db.client.curatorAssignment.findMany({
    where: { endKind: 'REPLACED' },
    select: { replacementReason: true },
  });
  expect(reasons.map((row) => row.replacementReason).sort()).toEqual([
    'CURATOR_PETITION',
    'PROBLEM_CHANGED',
    'SOCIAL_PROTECTION_PETITION',
    'STAFF_CHANGE',
    'WARD_REQUEST',
  ]);
});

test('a family’s page comes back from every subgraph in one request: minors, registration, curators, visits', async () => {
  const { family } = await graphqlData<{ family: Record<string, unknown> }>(
    stack.gateway,
    `query ($id: ID!) { family(id: $id) {
      address
      district { name commission { name } }
      minors { fullName age(on: "2011-12-31") }
      currentRegistration(asOf: "2011-12-31") { openedOn resolution { number date } }
      currentCurator(asOf: "2011-12-31") { fullName position agency { name kind } }
      curatorAssignments {
        startedOn endedOn replacementReason curator { fullName agency { name } }
        homeVisitMonths(asOf: "2011-12-31") { month visited }
      }
      visits { visitedOn kind participatingAgencies { name } }
    } }`,
    { id: familyId('kirovsky', 'vlasov') },
  );
  expect(family).toMatchObject({
    address: 'г. Красноярск, ул. Кутузова, д. 87, кв. 14',
    district: { name: 'Кировский район', commission: { name: expect.stringContaining('Кировского') } },
    minors: [{ fullName: 'Власов Никита Олегович' }, { fullName: 'Власова Дарья Олеговна' }],
    currentRegistration: { openedOn: '2010-03-17', resolution: { number: '5/3' } },
    currentCurator: {
      fullName: 'Соколова Ирина Олеговна',
      position: 'инспектор ОДН',
      agency: { name: 'ОДН ОП № 3 МУ МВД России «Красноярское»', kind: 'POLICE_JUVENILE_UNIT' },
    },
    curatorAssignments: [
      {
        startedOn: '2011-03-16',
        endedOn: null,
        replacementReason: null,
        curator: { fullName: 'Соколова Ирина Олеговна' },
      },
      {
        startedOn: '2010-03-17',
        endedOn: '2011-03-16',
        replacementReason: 'PROBLEM_CHANGED',
        curator: { fullName: 'Белоусова Наталья Геннадьевна', agency: { name: 'МБОУ СОШ № 8' } },
      },
    ],
  });
  const visits = family.visits as Array<{ kind: string; participatingAgencies: unknown[] }>;
  expect(visits.length).toBeGreaterThan(12);
  expect(visits.some((visit) => visit.kind === 'INTERAGENCY' && visit.participatingAgencies.length > 0)).toBe(
    true,
  );
});
