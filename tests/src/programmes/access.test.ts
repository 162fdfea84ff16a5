import type { Claims } from '@kdn/platform';
import { graphql, signedIn } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Stack, startStack } from '../stack.ts';
import {
  approvedProgramme,
  createWorld,
  draft,
  type ProgrammeView,
  programmeInput,
  programmeRows,
  reportInput,
  submitReportMutation,
  updateMeasureMutation,
  type World,
  type WorldFamily,
} from './world.ts';

let stack: Stack;
let world: World;
let served: ProgrammeView;
let drafted: ProgrammeView;

const familyAt = (index: number) => world.families[index] as WorldFamily;

beforeAll(async () => {
  stack = await startStack();
  world = await createWorld(stack, 'policy', { families: 4 });
  served = await approvedProgramme(stack, world, familyAt(0));
  drafted = await draft(stack, programmeInput(world, familyAt(1)));
  // The world's curator has the first family as its ward today (curation's records).
  const curation = stack.curation.db.client;
  await curation.ward.create({ data: { familyId: familyAt(0).familyId } });
  await curation.curatorAssignment.create({
    data: {
      familyId: familyAt(0).familyId,
      registrationId: familyAt(0).registrationId,
      curatorId: world.curatorId,
      districtCode: world.districtCode,
      resolutionNumber: '1',
      resolutionDate: new Date('2011-03-01'),
      startedOn: new Date('2011-03-01'),
    },
  });
});
afterAll(() => stack?.stop());

const commission = (district = 'policy'): Claims => ({
  sub: `commission-${district}`,
  role: 'COMMISSION',
  district,
});
const agency = (id: string): Claims => ({
  sub: `agency-${id}`,
  role: 'AGENCY',
  district: 'policy',
  agency: id,
});
const curator = (): Claims => ({
  sub: 'curator-policy',
  role: 'CURATOR',
  district: 'policy',
  agency: world.agencies.centre,
  curator: world.curatorId,
});
const methodologist: Claims = { sub: 'methodologist', role: 'METHODOLOGIST' };
const recordsOnly: Claims = { sub: 'integrator-records', role: 'INTEGRATOR', scope: 'cases:read' };

/** Straight to the programmes subgraph, past the gateway: the policy holds there too. */
async function ask<Data = Record<string, unknown>>(
  claims: Claims,
  query: string,
  variables?: Record<string, unknown>,
) {
  return graphql<Data>(stack.programmes.url, query, variables, await signedIn(claims));
}

const codeOf = (response: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) =>
  response.errors?.[0]?.extensions?.code;

describe('the families an agency serves', () => {
  test('a programme in force with a measure assigned to the agency, not a draft; nobody else’s', async () => {
    const school = await ask<{ servedFamilyIds: string[] }>(
      agency(world.agencies.school),
      '{ servedFamilyIds }',
    );
    expect(school.data?.servedFamilyIds).toContain(familyAt(0).familyId);
    expect(school.data?.servedFamilyIds).not.toContain(familyAt(1).familyId);
    const sport = await ask<{ servedFamilyIds: string[] }>(
      agency(world.agencies.sport),
      '{ servedFamilyIds }',
    );
    expect(sport.data?.servedFamilyIds).toEqual([]);
    const board = await ask<{ servedFamilyIds: string[] }>(commission(), '{ servedFamilyIds }');
    expect(board.data?.servedFamilyIds).toEqual([]);
  });
});

const programmeQuery = `query ($id: ID!) { programme(id: $id) {
  id status measures { id title agency { id } } priorityPlan { id } goals { id targetDate measures { id } }
} }`;

interface ProgrammeAnswer {
  programme: {
    measures: Array<{ id: string; agency: { id: string } }>;
    priorityPlan: Array<{ id: string }>;
    goals: Array<{ measures: Array<{ id: string }> }>;
  } | null;
}

describe('who sees a programme', () => {
  test('the district’s commission sees it whole, another district’s does not know it exists', async () => {
    const own = await ask<ProgrammeAnswer>(commission(), programmeQuery, { id: served.id });
    expect(own.data?.programme?.measures).toHaveLength(served.measures.length);
    const other = await ask<ProgrammeAnswer>(commission('elsewhere'), programmeQuery, { id: served.id });
    expect(other.errors).toBeUndefined();
    expect(other.data?.programme).toBeNull();
    const list = await ask<{ programmes: { totalCount: number } }>(
      commission('elsewhere'),
      '{ programmes(first: 10) { totalCount } }',
    );
    expect(list.data?.programmes.totalCount).toBe(0);
  });

  test('an agency sees, of a programme it serves, only the measures assigned to it', async () => {
    const { data, errors } = await ask<ProgrammeAnswer>(agency(world.agencies.school), programmeQuery, {
      id: served.id,
    });
    expect(errors).toBeUndefined();
    const measures = data?.programme?.measures ?? [];
    expect(measures.length).toBeGreaterThan(0);
    expect(measures.length).toBeLessThan(served.measures.length);
    expect(measures.every((measure) => measure.agency.id === world.agencies.school)).toBe(true);
    const everywhere = [
      ...(data?.programme?.priorityPlan ?? []),
      ...(data?.programme?.goals.flatMap((goal) => goal.measures) ?? []),
    ];
    expect(everywhere.every((measure) => measures.some((own) => own.id === measure.id))).toBe(true);
  });

  test('an agency does not read the family’s goals or reports, only what its measures need', async () => {
    const school = agency(world.agencies.school);
    expect(
      codeOf(
        await ask(school, 'query ($id: ID!) { programme(id: $id) { goals { title } } }', { id: served.id }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(
        await ask(school, 'query ($id: ID!) { programme(id: $id) { reports { summary } } }', {
          id: served.id,
        }),
      ),
    ).toBe('FORBIDDEN');
  });

  test('an agency without measures in it, a methodologist and an admin do not see it', async () => {
    for (const claims of [
      agency(world.agencies.sport),
      methodologist,
      { sub: 'admin', role: 'ADMIN' } as Claims,
    ]) {
      const { data, errors } = await ask<ProgrammeAnswer>(claims, programmeQuery, { id: served.id });
      expect(errors).toBeUndefined();
      expect(data?.programme).toBeNull();
    }
  });

  test('an agency’s measures list holds its own measures of the families it serves, another agency’s none', async () => {
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Agency { measures { id } } } }`;
    const representations = [world.agencies.school, world.agencies.police].map((id) => ({
      __typename: 'Agency',
      id,
    }));
    const { data } = await ask<{ _entities: Array<{ measures: Array<{ id: string }> }> }>(
      agency(world.agencies.school),
      query,
      { r: representations },
    );
    const [school, police] = data?._entities ?? [];
    expect(school?.measures.length).toBeGreaterThan(0);
    expect(police?.measures).toEqual([]);
  });

  test('an integrator without personal-data:read sees the case records, not the family’s words', async () => {
    const { data } = await ask<ProgrammeAnswer>(recordsOnly, programmeQuery.replace(' title', ''), {
      id: served.id,
    });
    expect(data?.programme?.measures).toHaveLength(served.measures.length);
    expect(
      codeOf(
        await ask(recordsOnly, 'query ($id: ID!) { programme(id: $id) { goals { title } } }', {
          id: served.id,
        }),
      ),
    ).toBe('FORBIDDEN');
  });

  test('the curator of the family sees its programme; the meeting’s protocol is the commission’s', async () => {
    const query = `query ($id: ID!) { programme(id: $id) {
      goals { title } approvedAt { id } reviews { familyInvited meeting { id } }
    } }`;
    const { data, errors } = await ask<{
      programme: { goals: unknown[]; approvedAt: unknown; reviews: Array<{ meeting: unknown }> } | null;
    }>(curator(), query, { id: served.id });
    expect(errors).toBeUndefined();
    expect(data?.programme?.goals.length).toBeGreaterThan(0);
    expect(data?.programme?.approvedAt).toBeNull();
    expect(data?.programme?.reviews.map((review) => review.meeting)).toEqual([null]);
    const other = await ask<ProgrammeAnswer>(curator(), programmeQuery, { id: drafted.id });
    expect(other.data?.programme).toBeNull();
  });
});

describe('working-group meetings', () => {
  const meetingQuery = `query ($id: ID!) { workingGroupMeeting(id: $id) { id protocolNumber decisions } }`;

  test('the commission reads the protocol; curators, agencies and other districts do not see it', async () => {
    const meetingId = served.approvedAt?.id;
    const own = await ask<{ workingGroupMeeting: { decisions: string } | null }>(commission(), meetingQuery, {
      id: meetingId,
    });
    expect(own.data?.workingGroupMeeting?.decisions).toBeTruthy();
    for (const claims of [curator(), agency(world.agencies.school), commission('elsewhere')]) {
      const { data, errors } = await ask<{ workingGroupMeeting: unknown }>(claims, meetingQuery, {
        id: meetingId,
      });
      expect(errors).toBeUndefined();
      expect(data?.workingGroupMeeting).toBeNull();
    }
  });

  test('an integrator without personal-data:read sees the meeting, not the protocol’s text', async () => {
    const response = await ask(recordsOnly, meetingQuery, { id: served.approvedAt?.id });
    expect(codeOf(response)).toBe('FORBIDDEN');
  });
});

describe('who writes', () => {
  test('another district’s commission cannot draft a programme: FORBIDDEN, nothing written', async () => {
    const before = await programmeRows(stack.programmes.db.client);
    const response = await ask(
      commission('elsewhere'),
      `mutation ($input: CreateProgrammeInput!) { createProgramme(input: $input) { id } }`,
      { input: programmeInput(world, familyAt(2)) },
    );
    expect(codeOf(response)).toBe('FORBIDDEN');
    expect(await programmeRows(stack.programmes.db.client)).toEqual(before);
  });

  test('the agency a measure is assigned to records its progress; another agency cannot', async () => {
    const own = served.measures.find((measure) => measure.agency.id === world.agencies.school);
    const input = { id: own?.id, version: own?.version, status: 'IN_PROGRESS' };
    const refused = await ask(agency(world.agencies.police), updateMeasureMutation, { input });
    expect(codeOf(refused)).toBe('FORBIDDEN');
    const before = await stack.programmes.db.client.measure.findUniqueOrThrow({
      where: { id: own?.id ?? '' },
    });
    expect(before.status).toBe('PLANNED');
    const recorded = await ask<{ updateMeasure: { status: string } }>(
      agency(world.agencies.school),
      updateMeasureMutation,
      {
        input,
      },
    );
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data?.updateMeasure.status).toBe('IN_PROGRESS');
  });

  test('the family’s curator submits its report; an agency cannot', async () => {
    const report = served.reports.find((candidate) => candidate.kind === 'INTERIM');
    const input = reportInput({ id: report?.id ?? '', version: report?.version ?? 0 });
    expect(codeOf(await ask(agency(world.agencies.school), submitReportMutation, { input }))).toBe(
      'FORBIDDEN',
    );
    const submitted = await ask<{ submitProgressReport: { submittedOn: string } }>(
      curator(),
      submitReportMutation,
      {
        input,
      },
    );
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data?.submitProgressReport.submittedOn).toBe(input.submittedOn);
  });
});

describe('figures', () => {
  const outcomes = `{ _entities(representations: [{ __typename: "District", code: "policy" }]) {
    ... on District { programmeOutcomes(asOf: "2011-12-31", from: "2011-01-01", to: "2011-12-31") {
      byStatus { status programmes } programmesReviewed measures { total }
    } }
  } }`;
  interface Outcomes {
    _entities: Array<{
      programmeOutcomes: {
        byStatus: Array<{ status: string; programmes: number | null }>;
        programmesReviewed: number | null;
        measures: { total: number | null };
      } | null;
    }>;
  }

  test('the district’s own staff read its figures; a methodologist reads them with counts below 3 suppressed', async () => {
    const own = await ask<Outcomes>(commission(), outcomes);
    const figures = own.data?._entities[0]?.programmeOutcomes;
    expect(figures?.programmesReviewed).toBe(1);
    expect(figures?.measures.total).toBeGreaterThanOrEqual(3);
    const suppressed = await ask<Outcomes>(methodologist, outcomes);
    const shown = suppressed.data?._entities[0]?.programmeOutcomes;
    expect(shown?.programmesReviewed).toBeNull();
    expect(shown?.byStatus.every((row) => row.programmes === null)).toBe(true);
    expect(shown?.measures.total).toBe(figures?.measures.total);
  });

  test('another district’s commission is refused its figures and its centre’s checklist', async () => {
    expect(codeOf(await ask(commission('elsewhere'), outcomes))).toBe('FORBIDDEN');
    const checklist = `query ($r: [_Any!]!) { _entities(representations: $r) {
      ... on ResourceCentre { checklist(asOf: "2011-12-31", from: "2011-01-01", to: "2011-12-31") { meetingsHeld } }
    } }`;
    const r = [{ __typename: 'ResourceCentre', id: world.resourceCentreId }];
    expect(codeOf(await ask(commission('elsewhere'), checklist, { r }))).toBe('FORBIDDEN');
    const methodologistView = await ask<{ _entities: Array<{ checklist: { meetingsHeld: number | null } }> }>(
      methodologist,
      checklist,
      { r },
    );
    expect(methodologistView.data?._entities[0]?.checklist.meetingsHeld).toBeNull();
  });
});

describe('the audit', () => {
  test('the commission reads who wrote and who read a family’s programmes', async () => {
    await ask(agency(world.agencies.school), programmeQuery, { id: served.id });
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) {
      ... on FamilyAudit { programmes { action operation role fields } }
    } }`;
    const r = [{ __typename: 'FamilyAudit', familyId: familyAt(0).familyId }];
    const { data, errors } = await ask<{
      _entities: Array<{
        programmes: Array<{ action: string; operation: string; role: string; fields: string[] }>;
      }>;
    }>(commission(), query, { r });
    expect(errors).toBeUndefined();
    const entries = data?._entities[0]?.programmes ?? [];
    expect(entries).toContainEqual(
      expect.objectContaining({ action: 'WRITE', operation: 'createProgramme' }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ action: 'WRITE', operation: 'updateMeasure', role: 'AGENCY' }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({
        action: 'READ',
        role: 'AGENCY',
        fields: expect.arrayContaining(['Measure.title']),
      }),
    );
    expect(codeOf(await ask(commission('elsewhere'), query, { r }))).toBe('FORBIDDEN');
  });
});
