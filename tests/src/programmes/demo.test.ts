import { demoUser, families, familyId } from '@kdn/demo';
import { graphqlData, signedIn } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Stack, startStack } from '../stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ demo: true });
});
afterAll(() => stack?.stop());

const familyPage = `query ($id: ID!) {
  family(id: $id) {
    address
    district { name }
    minors { fullName birthDate }
    currentRegistration(asOf: "2011-12-31") { openedOn resolution { number date } grounds }
    programmes {
      number status periodFrom periodTo
      curator { fullName }
      resourceCentre { agency { name } }
      approvedAt { protocolNumber heldOn }
      goals { title indicator targetDate }
      measures { title deadline priority status timeliness(asOf: "2011-12-31") agency { name kind } }
      priorityPlan { title }
      reports { kind dueOn submittedOn timeliness(asOf: "2011-12-31") overallAssessment }
    }
  }
}`;

interface FamilyPage {
  family: {
    minors: unknown[];
    currentRegistration: { openedOn: string };
    programmes: Array<{
      number: string;
      status: string;
      curator: { fullName: string } | null;
      resourceCentre: { agency: { name: string } };
      approvedAt: { protocolNumber: string };
      goals: Array<{ indicator: string }>;
      measures: Array<{ agency: { name: string; kind: string } }>;
      priorityPlan: unknown[];
      reports: unknown[];
    }>;
  };
}

test('a family’s page: family, minors, registration and programme with measures and their agencies, in one request', async () => {
  const spec = families.find((family) => family.district === 'kirovsky' && family.key === 'antonova');
  const { family } = await graphqlData<FamilyPage>(stack.gateway, familyPage, {
    id: familyId('kirovsky', 'antonova'),
  });
  expect(family.minors).toHaveLength(1);
  expect(family.currentRegistration.openedOn).toBe('2011-02-02');
  const [programme] = family.programmes;
  expect(family.programmes).toHaveLength(1);
  expect(programme).toMatchObject({
    status: 'APPROVED',
    curator: { fullName: spec?.curator.curator.fullName },
    resourceCentre: { agency: { name: 'МБУ «Центр социальной помощи семье и детям «Первомайский»' } },
  });
  expect(programme?.approvedAt.protocolNumber).toMatch(/^\d+\/2011$/);
  expect(programme?.goals.length).toBeGreaterThanOrEqual(2);
  expect(new Set(programme?.measures.map((measure) => measure.agency.name)).size).toBeGreaterThanOrEqual(3);
  expect(programme?.priorityPlan.length).toBeGreaterThanOrEqual(1);
});

describe('the demo through the API, as the analytics will read it', () => {
  interface ProgrammeFigures {
    status: string;
    measures: Array<{ timeliness: string; category: string; agency: { kind: string } }>;
    reports: Array<{ kind: string; timeliness: string; overallAssessment: string | null }>;
    changes: Array<{ kind: string; decision: string }>;
  }
  let programmes: ProgrammeFigures[];
  beforeAll(async () => {
    const data = await graphqlData<{
      programmes: { totalCount: number; edges: Array<{ node: ProgrammeFigures }> };
    }>(
      stack.gateway,
      `{ programmes(first: 100) { totalCount edges { node {
        status
        measures { timeliness(asOf: "2011-12-31") category agency { kind } }
        reports { kind timeliness(asOf: "2011-12-31") overallAssessment }
        changes { kind decision }
      } } } }`,
    );
    programmes = data.programmes.edges.map((edge) => edge.node);
    expect(data.programmes.totalCount).toBe(programmes.length);
  });

  test('measures done on time, late, overdue, not executed, refused and excluded on 31 Dec 2011, across agency kinds and categories', () => {
    const measures = programmes.flatMap((programme) => programme.measures);
    expect(new Set(measures.map((measure) => measure.timeliness))).toEqual(
      new Set([
        'NOT_DUE',
        'OVERDUE',
        'DONE_ON_TIME',
        'DONE_LATE',
        'NOT_EXECUTED',
        'REFUSED_BY_AGENCY',
        'EXCLUDED',
      ]),
    );
    expect(new Set(measures.map((measure) => measure.agency.kind)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(measures.map((measure) => measure.category)).size).toBeGreaterThanOrEqual(7);
  });

  test('programmes in every status, corrected after review, and reports on time, late and overdue', () => {
    expect(new Set(programmes.map((programme) => programme.status))).toEqual(
      new Set(['DRAFT', 'APPROVED', 'UNDER_REVIEW', 'COMPLETED']),
    );
    const corrected = programmes.filter((p) => p.changes.some((change) => change.decision === 'ACCEPTED'));
    expect(corrected.length).toBeGreaterThanOrEqual(5);
    const reports = programmes.flatMap((programme) => programme.reports);
    for (const timeliness of ['SUBMITTED_ON_TIME', 'SUBMITTED_LATE', 'OVERDUE', 'NOT_DUE']) {
      expect(reports.map((report) => report.timeliness)).toContain(timeliness);
    }
    const finals = reports.filter((report) => report.kind === 'FINAL' && report.overallAssessment);
    expect(finals.length).toBeGreaterThanOrEqual(8);
  });

  test('both resource centres recorded about two protocols a month in 2011, families invited and mostly attending', async () => {
    const { resourceCentres } = await graphqlData<{
      resourceCentres: Array<{
        district: { code: string };
        meetings: Array<{
          protocolNumber: string;
          reviews: Array<{ familyInvited: boolean; familyAttended: boolean }>;
        }>;
      }>;
    }>(
      stack.gateway,
      `{ resourceCentres { district { code } meetings(from: "2011-01-01", to: "2011-12-31") {
        protocolNumber reviews { familyInvited familyAttended }
      } } }`,
    );
    for (const centre of resourceCentres) {
      expect(centre.meetings, centre.district.code).toHaveLength(24);
      const reviews = centre.meetings.flatMap((meeting) => meeting.reviews);
      expect(reviews.every((review) => review.familyInvited)).toBe(true);
      expect(reviews.filter((review) => review.familyAttended).length / reviews.length).toBeGreaterThan(0.6);
    }
  });

  test('refusals by agency carry the reason the curator may take to the commission (clause 4.6)', async () => {
    const { district } = await graphqlData<{
      district: { agencies: Array<{ measures: Array<{ failureReason: string; failedOn: string }> }> };
    }>(
      stack.gateway,
      '{ district(code: "kirovsky") { agencies { measures(status: REFUSED_BY_AGENCY) { failureReason failedOn } } } }',
    );
    const refused = district.agencies.flatMap((agency) => agency.measures);
    expect(refused.length).toBeGreaterThan(0);
    for (const measure of refused) expect(measure.failureReason.length).toBeGreaterThan(10);
  });
});

describe('the demo’s users see their own', () => {
  const programmesOf = `{ programmes(first: 100) { totalCount edges { node { family { id } measures { agency { id } } } } } }`;
  interface Programmes {
    programmes: {
      totalCount: number;
      edges: Array<{ node: { family: { id: string }; measures: Array<{ agency: { id: string } }> } }>;
    };
  }

  test('a curator reads the programmes of its own wards, and no other', async () => {
    const headers = await signedIn(demoUser('curator-belousova').claims);
    const wards = await graphqlData<{ wardFamilyIds: string[] }>(
      stack.gateway,
      '{ wardFamilyIds }',
      {},
      headers,
    );
    const { programmes } = await graphqlData<Programmes>(stack.gateway, programmesOf, {}, headers);
    expect(programmes.edges.every((edge) => wards.wardFamilyIds.includes(edge.node.family.id))).toBe(true);
    const whole = await graphqlData<Programmes>(stack.programmes.url, programmesOf);
    const ofWards = whole.programmes.edges.filter((edge) =>
      wards.wardFamilyIds.includes(edge.node.family.id),
    );
    expect(programmes.totalCount).toBe(ofWards.length);
  });

  test('an agency reads its own measures of the families it serves, and no one else’s', async () => {
    const user = demoUser('agency-kirovsky-centre');
    const headers = await signedIn(user.claims);
    const { programmes } = await graphqlData<Programmes>(stack.programmes.url, programmesOf, {}, headers);
    const served = await graphqlData<{ servedFamilyIds: string[] }>(
      stack.programmes.url,
      '{ servedFamilyIds }',
      {},
      headers,
    );
    const { edges } = programmes;
    expect(edges.length).toBeGreaterThan(0);
    expect(edges.every((edge) => served.servedFamilyIds.includes(edge.node.family.id))).toBe(true);
    const agencies = new Set(edges.flatMap((edge) => edge.node.measures.map((measure) => measure.agency.id)));
    expect([...agencies].every((id) => id === user.claims.agency)).toBe(true);
  });
});
