import { randomUUID } from 'node:crypto';
import { graphqlData } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDistrict, createFamilies } from '../fixtures.ts';
import { type Stack, startStack } from '../stack.ts';

let stack: Stack;
let familyIds: string[];
let curatorIds: string[];
let assignmentIds: string[];

/**
 * 120 families of the east district, each curated since 1 Mar 2011 by one of 100 curators of its
 * social service centre, with its two minors and two home visits: written straight into the
 * databases, so that only the requests under test go through the API.
 */
beforeAll(async () => {
  stack = await startStack();
  const { commission, centre } = await createDistrict(stack.agencies.db.client, 'east');
  await createDistrict(stack.agencies.db.client, 'west');
  await createDistrict(stack.agencies.db.client, 'north');
  const families = await createFamilies(stack.registry.db.client, {
    districtCode: 'east',
    commissionId: commission.id,
    count: 120,
    minorsEach: 2,
  });
  familyIds = families.map((family) => family.id);
  const registrations = await stack.registry.db.client.registration.findMany({
    where: { familyId: { in: familyIds } },
    include: { minors: true },
  });

  const db = stack.curation.db.client;
  const curators = await db.curator.createManyAndReturn({
    data: Array.from({ length: 100 }, (_, index) => ({
      agencyId: centre.id,
      agencyKind: 'SOCIAL_SERVICE_CENTRE' as const,
      districtCode: 'east',
      fullName: `Куратор ${String(index).padStart(3, '0')}`,
      position: 'специалист по социальной работе',
    })),
  });
  curatorIds = curators.map((curator) => curator.id);
  await db.ward.createMany({ data: familyIds.map((familyId) => ({ familyId })) });
  const startedOn = new Date('2011-03-01');
  const assignments = await db.curatorAssignment.createManyAndReturn({
    data: registrations.map((registration, index) => ({
      familyId: registration.familyId,
      registrationId: registration.id,
      curatorId: curatorIds[index % 100] ?? '',
      districtCode: 'east',
      resolutionNumber: `${index + 1}/1`,
      resolutionDate: startedOn,
      startedOn,
    })),
  });
  assignmentIds = assignments.map((assignment) => assignment.id);
  const registrationOf = new Map(registrations.map((registration) => [registration.familyId, registration]));
  await db.assignedMinor.createMany({
    data: assignments.flatMap((assignment) =>
      (registrationOf.get(assignment.familyId)?.minors ?? []).map(({ minorId, addedOn }) => ({
        assignmentId: assignment.id,
        minorId,
        addedOn,
      })),
    ),
  });
  await db.visit.createMany({
    data: assignments.flatMap((assignment) =>
      ['2011-10-05', '2011-11-09'].map((day) => ({
        assignmentId: assignment.id,
        curatorId: assignment.curatorId,
        familyId: assignment.familyId,
        visitedOn: new Date(day),
        kind: 'HOME' as const,
        discussed: 'Беседа',
      })),
    ),
  });
});
afterAll(() => stack?.stop());

/** The SQL statements one request made each subgraph send to its database. */
async function statementsOf(request: () => Promise<unknown>) {
  const subgraphs = ['agencies', 'registry', 'curation'] as const;
  const before = subgraphs.map((name) => stack[name].db.statementCount());
  await request();
  const [agencies = 0, registry = 0, curation = 0] = subgraphs.map(
    (name, index) => stack[name].db.statementCount() - (before[index] ?? 0),
  );
  return { agencies, registry, curation };
}

const districtFigures = `
  caseload(asOf: "2011-12-31") {
    byAgencyKind { kind curators families minors }
    total { curators families minors }
    byAgency { agency { id } curators families minors }
    byCurator { curator { fullName } families minors }
    wardsPerCurator { minWards maxWards curators }
  }
  homeVisits(asOf: "2011-12-31") {
    activeWards overdueWards
    byCurator { curator { id } overdueWards }
    byAgency { kind overdueWards }
    overdue { id }
  }`;

describe('district figures', () => {
  test('for several districts at once cost one aggregate per figure, whatever the number of districts', async () => {
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on District { code ${districtFigures} } } }`;
    const one = await statementsOf(() =>
      graphqlData(stack.curation.url, query, { r: [{ __typename: 'District', code: 'east' }] }),
    );
    const three = await statementsOf(async () => {
      const data = await graphqlData<{
        _entities: Array<{ code: string; caseload: { total: unknown; wardsPerCurator: unknown } }>;
      }>(stack.curation.url, query, {
        r: ['east', 'west', 'north'].map((code) => ({ __typename: 'District', code })),
      });
      expect(data._entities.map((district) => district.caseload.total)).toEqual([
        { curators: 100, families: 120, minors: 240 },
        { curators: 0, families: 0, minors: 0 },
        { curators: 0, families: 0, minors: 0 },
      ]);
      expect(data._entities[0]?.caseload.wardsPerCurator).toEqual([
        { minWards: 1, maxWards: 1, curators: 80 },
        { minWards: 2, maxWards: 3, curators: 20 },
        { minWards: 4, maxWards: 9, curators: 0 },
        { minWards: 10, maxWards: null, curators: 0 },
      ]);
    });
    // caseload: by kind, total, by agency, by curator, wards per curator; home visits: totals, by
    // curator, by agency, overdue; and the curators of both lists, loaded together
    expect(three.curation).toBe(10);
    expect(one.curation).toBe(three.curation);
  });

  test('through the gateway for every district cost the same statements', async () => {
    const statements = await statementsOf(() =>
      graphqlData(stack.gateway, `{ districts { name ${districtFigures} } }`),
    );
    expect(statements.curation).toBe(10);
  });
});

describe('a page of families with their curators and visits, through the gateway', () => {
  const query = `query ($first: Int!) {
    families(first: $first, filter: { districtCode: "east" }) {
      edges { node {
        id address
        minors { fullName }
        ward { version }
        currentCurator(asOf: "2011-12-31") { fullName agency { id } }
        curatorAssignments {
          startedOn resolution { number }
          minors { addedOn minor { fullName } }
          homeVisitMonths(asOf: "2011-12-31") { month homeVisits }
          homeVisitDueBy(asOf: "2011-12-31") overdue(asOf: "2011-12-31")
          visits { visitedOn }
        }
        visits { visitedOn kind curator { fullName } }
      } }
    }
  }`;

  test('costs the same statements for 100 families as for 10: one per relation or figure, never one per row', async () => {
    const ten = await statementsOf(() => graphqlData(stack.gateway, query, { first: 10 }));
    const hundred = await statementsOf(async () => {
      const data = await graphqlData<{
        families: { edges: Array<{ node: { curatorAssignments: Array<{ overdue: boolean }> } }> };
      }>(stack.gateway, query, { first: 100 });
      expect(data.families.edges).toHaveLength(100);
      expect(data.families.edges.every(({ node }) => node.curatorAssignments[0]?.overdue === false)).toBe(
        true,
      );
    });
    expect(hundred).toEqual(ten);
    // curation: wards, assignments of the families, curators, assigned minors, home-visit months,
    // home-visit status, visits of the assignments, visits of the families
    expect(hundred.curation).toBe(8);
  });
});

describe('entity references from other subgraphs', () => {
  test('100 curators resolved by key cost one statement', async () => {
    const statements = await statementsOf(async () => {
      const data = await graphqlData<{ _entities: Array<{ id: string }> }>(
        stack.curation.url,
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Curator { id fullName agencyKind } } }',
        { r: curatorIds.map((id) => ({ __typename: 'Curator', id })) },
      );
      expect(data._entities.map((curator) => curator.id)).toEqual(curatorIds);
    });
    expect(statements.curation).toBe(1);
  });

  test('100 assignments resolved by key cost one statement', async () => {
    const ids = assignmentIds.slice(0, 100);
    const statements = await statementsOf(async () => {
      const data = await graphqlData<{ _entities: Array<{ id: string }> }>(
        stack.curation.url,
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on CuratorAssignment { id startedOn } } }',
        { r: ids.map((id) => ({ __typename: 'CuratorAssignment', id })) },
      );
      expect(data._entities.map((assignment) => assignment.id)).toEqual(ids);
    });
    expect(statements.curation).toBe(1);
  });

  test('100 agencies asked for their curators cost one statement', async () => {
    const statements = await statementsOf(() =>
      graphqlData(
        stack.curation.url,
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Agency { curators { id } } } }',
        { r: Array.from({ length: 100 }, () => ({ __typename: 'Agency', id: randomUUID() })) },
      ),
    );
    expect(statements.curation).toBe(1);
  });
});
