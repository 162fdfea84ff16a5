import type { Claims } from '@kdn/platform';
import { type GraphQLResponse, graphql, graphqlData, signedIn } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Stack, startStack } from '../stack.ts';
import {
  type Assignment,
  assignCurator,
  createCurator,
  createDistrictWithFamilies,
  curationRowCounts,
  mutations,
  recordVisit,
} from './world.ts';

/**
 * Who sees and writes what in curation (clause 3.1 of the curator regulation), asked of the
 * curation subgraph directly, past the gateway, and through the gateway.
 *
 * District `north`: F1 and F3 curated by the school's curator, F2 by the police's; a home visit to
 * F1 and to F2. District `south`: S1 curated by the south school's curator.
 */
let stack: Stack;
let north: Awaited<ReturnType<typeof createDistrictWithFamilies>>;
let south: Awaited<ReturnType<typeof createDistrictWithFamilies>>;
let schoolCurator: string;
let policeCurator: string;
let southCurator: string;
let f1: Assignment;
let f2: Assignment;
let s1: Assignment;

beforeAll(async () => {
  stack = await startStack();
  north = await createDistrictWithFamilies(stack, 'north', { families: 3 });
  south = await createDistrictWithFamilies(stack, 'south', { families: 1 });
  schoolCurator = await createCurator(stack, north.school.id, 'Школьная Анна Петровна');
  policeCurator = await createCurator(stack, north.police.id, 'Инспектор Иван Иванович');
  southCurator = await createCurator(stack, south.school.id, 'Южная Мария Олеговна');
  const [first, second, third] = north.families as [string, string, string];
  f1 = await assignCurator(stack, first, schoolCurator, '2011-03-01');
  f2 = await assignCurator(stack, second, policeCurator, '2011-03-01');
  await assignCurator(stack, third, schoolCurator, '2011-03-01');
  s1 = await assignCurator(stack, south.families[0] as string, southCurator, '2011-03-01');
  await recordVisit(stack, f1, '2011-03-10');
  await recordVisit(stack, f2, '2011-03-11');
}, 120_000);
afterAll(() => stack?.stop());

const people = {
  northCommission: (): Claims => ({ sub: 'commission-north', role: 'COMMISSION', district: 'north' }),
  southCommission: (): Claims => ({ sub: 'commission-south', role: 'COMMISSION', district: 'south' }),
  schoolCurator: (): Claims => ({
    sub: 'curator-school',
    role: 'CURATOR',
    district: 'north',
    agency: north.school.id,
    curator: schoolCurator,
  }),
  school: (): Claims => ({
    sub: 'agency-school',
    role: 'AGENCY',
    district: 'north',
    agency: north.school.id,
  }),
  methodologist: (): Claims => ({ sub: 'methodologist', role: 'METHODOLOGIST' }),
  admin: (): Claims => ({ sub: 'admin', role: 'ADMIN' }),
  records: (): Claims => ({ sub: 'integrator-records', role: 'INTEGRATOR', scope: 'cases:read' }),
  southRecords: (): Claims => ({
    sub: 'integrator-south',
    role: 'INTEGRATOR',
    scope: 'cases:read personal-data:read',
    district: 'south',
  }),
  aggregates: (): Claims => ({ sub: 'integrator-aggregates', role: 'INTEGRATOR', scope: 'aggregates:read' }),
};
type Person = keyof typeof people;

async function ask<Data = Record<string, unknown>>(
  person: Person,
  query: string,
  variables?: Record<string, unknown>,
  url = stack.curation.url,
): Promise<GraphQLResponse<Data>> {
  return graphql<Data>(url, query, variables, await signedIn(people[person]()));
}

async function data<Data = Record<string, unknown>>(
  person: Person,
  query: string,
  variables?: Record<string, unknown>,
) {
  return graphqlData<Data>(stack.curation.url, query, variables, await signedIn(people[person]()));
}

const codesOf = (response: GraphQLResponse<unknown>) =>
  (response.errors ?? []).map((error) => error.extensions?.code);

describe('a curator’s wards, the case link the other subgraphs ask for', () => {
  test('are the families it curates today, for a curator only', async () => {
    const { wardFamilyIds } = await data<{ wardFamilyIds: string[] }>('schoolCurator', '{ wardFamilyIds }');
    expect([...wardFamilyIds].sort()).toEqual([north.families[0], north.families[2]].sort());
    for (const person of ['northCommission', 'school', 'methodologist', 'records'] as const) {
      expect(await data(person, '{ wardFamilyIds }')).toEqual({ wardFamilyIds: [] });
    }
  });
});

describe('curators', () => {
  const curatorsQuery = '{ curators(first: 50) { totalCount edges { node { id } } } }';
  const listed = async (person: Person) =>
    (
      await data<{ curators: { edges: Array<{ node: { id: string } }> } }>(person, curatorsQuery)
    ).curators.edges.map(({ node }) => node.id);

  test.each([
    ['northCommission', () => [schoolCurator, policeCurator]],
    ['school', () => [schoolCurator]],
    ['schoolCurator', () => [schoolCurator]],
    ['records', () => [schoolCurator, policeCurator, southCurator]],
    ['southRecords', () => [southCurator]],
    ['methodologist', () => []],
    ['admin', () => []],
  ] as Array<[Person, () => string[]]>)(
    'listed to %s are only those it may see',
    async (person, expected) => {
      expect((await listed(person)).sort()).toEqual(expected().sort());
    },
  );

  test('referenced by key are null when not visible', async () => {
    const query =
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Curator { id fullName } } }';
    const r = [schoolCurator, southCurator].map((id) => ({ __typename: 'Curator', id }));
    const visible = async (person: Person) =>
      (await data<{ _entities: Array<{ id: string } | null> }>(person, query, { r }))._entities.map(
        (curator) => curator?.id ?? null,
      );
    expect(await visible('northCommission')).toEqual([schoolCurator, null]);
    expect(await visible('southCommission')).toEqual([null, southCurator]);
    expect(await visible('methodologist')).toEqual([null, null]);
  });
});

const familyCase = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Family {
  id
  ward { version }
  curatorAssignments { id curator { id } }
  visits { visitedOn kind }
} } }`;

interface FamilyCase {
  _entities: Array<{
    id: string;
    ward: { version: number } | null;
    curatorAssignments: Array<{ id: string; curator: { id: string } | null }>;
    visits: Array<{ visitedOn: string }>;
  }>;
}

describe('a family’s case records: assignments, wards and visits', () => {
  const familiesCase = async (person: Person) => {
    const r = [f1, f2, s1].map((assignment) => ({ __typename: 'Family', id: assignmentFamily(assignment) }));
    return (await data<FamilyCase>(person, familyCase, { r }))._entities;
  };
  const assignmentFamily = (assignment: Assignment) =>
    assignment === f1 ? north.families[0] : assignment === f2 ? north.families[1] : south.families[0];

  test('the commission sees its district’s families only', async () => {
    const [first, second, southern] = await familiesCase('northCommission');
    expect(first?.curatorAssignments.map((assignment) => assignment.id)).toEqual([f1.id]);
    expect(second?.visits).toHaveLength(1);
    expect(southern).toMatchObject({ ward: null, curatorAssignments: [], visits: [] });
  });

  test('a curator sees its own wards only', async () => {
    const [first, second, southern] = await familiesCase('schoolCurator');
    expect(first?.curatorAssignments).toEqual([{ id: f1.id, curator: { id: schoolCurator } }]);
    expect(first?.visits).toHaveLength(1);
    for (const other of [second, southern]) {
      expect(other).toMatchObject({ ward: null, curatorAssignments: [], visits: [] });
    }
  });

  test('a methodologist and an administrator see no case row', async () => {
    for (const person of ['methodologist', 'admin'] as const) {
      for (const family of await familiesCase(person)) {
        expect(family).toMatchObject({ ward: null, curatorAssignments: [], visits: [] });
      }
      const { curatorAssignment } = await data<{ curatorAssignment: unknown }>(
        person,
        'query ($id: ID!) { curatorAssignment(id: $id) { id } }',
        { id: f1.id },
      );
      expect(curatorAssignment).toBeNull();
    }
  });

  test('an agency sees the assignments and visits of its own curators, without what was said on a visit', async () => {
    const query = `query ($id: ID!) { curator(id: $id) {
      assignments { id visits { visitedOn kind } }
    } }`;
    const { curator } = await data<{ curator: { assignments: Array<{ id: string; visits: unknown[] }> } }>(
      'school',
      query,
      { id: schoolCurator },
    );
    expect(curator.assignments).toHaveLength(2);
    expect(curator.assignments.find((assignment) => assignment.id === f1.id)?.visits).toHaveLength(1);
    const content = await ask(
      'school',
      'query ($id: ID!) { curatorAssignment(id: $id) { visits { discussed } } }',
      {
        id: f1.id,
      },
    );
    expect(codesOf(content)).toEqual(['FORBIDDEN']);
    const [, police] = await familiesCase('school');
    expect(police).toMatchObject({ curatorAssignments: [], visits: [] });
  });

  test('visit content and the grounds of an assignment’s end need full access to the family', async () => {
    const query = `query ($id: ID!) { curatorAssignment(id: $id) {
      id endNote visits { discussed }
    } }`;
    const own = await data<{ curatorAssignment: { visits: Array<{ discussed: string }> } }>(
      'schoolCurator',
      query,
      { id: f1.id },
    );
    expect(own.curatorAssignment.visits[0]?.discussed).toBeTruthy();
    const records = await ask('records', query, { id: f1.id });
    expect(records.data?.curatorAssignment).toBeNull();
    expect(codesOf(records)).toContain('FORBIDDEN');
    const { curatorAssignment } = await data<{ curatorAssignment: { id: string } }>(
      'records',
      'query ($id: ID!) { curatorAssignment(id: $id) { id startedOn } }',
      { id: f1.id },
    );
    expect(curatorAssignment.id).toBe(f1.id);
  });

  test('the same through the gateway: a curator’s family page holds its ward and no other', async () => {
    const query = `query ($id: ID!) { family(id: $id) { curatorAssignments { id } } }`;
    const own = await graphqlData<{ family: { curatorAssignments: Array<{ id: string }> } | null }>(
      stack.gateway,
      query,
      { id: north.families[0] },
      await signedIn(people.schoolCurator()),
    );
    expect(own.family?.curatorAssignments).toEqual([{ id: f1.id }]);
    const other = await graphql<{ family: { curatorAssignments: unknown[] } | null }>(
      stack.gateway,
      query,
      { id: north.families[1] },
      await signedIn(people.schoolCurator()),
    );
    expect(other.data?.family?.curatorAssignments ?? []).toEqual([]);
  });
});

describe('figures', () => {
  const figures = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on District {
    caseload(asOf: "2011-12-31") { total { curators families minors } byCurator { curator { id } families } }
    homeVisits(asOf: "2011-12-31") { activeWards overdueWards overdue { id } }
    homeVisitMonths(from: "2011-03-01", to: "2011-03-31") { wardMonths withHomeVisit share }
  } } }`;
  interface Figures {
    _entities: Array<{
      caseload: {
        total: { curators: number | null; families: number | null; minors: number | null };
        byCurator: Array<{ curator: { id: string } | null; families: number | null }>;
      } | null;
      homeVisits: { activeWards: number | null; overdueWards: number | null; overdue: unknown[] } | null;
      homeVisitMonths: {
        wardMonths: number | null;
        withHomeVisit: number | null;
        share: number | null;
      } | null;
    }>;
  }
  const northFigures = (person: Person) =>
    ask<Figures>(person, figures, { r: [{ __typename: 'District', code: 'north' }] });

  test('of its own district for the district’s staff, in full', async () => {
    for (const person of ['northCommission', 'schoolCurator', 'school'] as const) {
      const { data: answer, errors } = await northFigures(person);
      expect(errors).toBeUndefined();
      expect(answer?._entities[0]?.caseload?.total).toEqual({ curators: 2, families: 3, minors: 6 });
      expect(answer?._entities[0]?.homeVisitMonths).toEqual({
        wardMonths: 3,
        withHomeVisit: 2,
        share: 2 / 3,
      });
    }
  });

  test('for a methodologist, every count below 3 and any share of one suppressed, and no case row', async () => {
    const { data: answer, errors } = await northFigures('methodologist');
    expect(errors).toBeUndefined();
    const [district] = answer?._entities ?? [];
    expect(district?.caseload?.total).toEqual({ curators: null, families: 3, minors: 6 });
    expect(district?.caseload?.byCurator.map((row) => row.curator)).toEqual([null, null]);
    expect(district?.homeVisits).toMatchObject({ activeWards: 3, overdue: [] });
    expect(district?.homeVisitMonths).toEqual({ wardMonths: 3, withHomeVisit: null, share: null });
  });

  test('refused outside the principal’s district and to an administrator', async () => {
    for (const person of ['southCommission', 'admin'] as const) {
      const { data: answer, errors } = await northFigures(person);
      expect(answer?._entities[0]).toEqual({ caseload: null, homeVisits: null, homeVisitMonths: null });
      expect(new Set(codesOf({ errors }))).toEqual(new Set(['FORBIDDEN']));
    }
  });

  test('of an agency: refused to an administrator and to another district, given to aggregates integrators', async () => {
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Agency { caseload(asOf: "2011-12-31") { wards } } } }`;
    const r = [{ __typename: 'Agency', id: north.school.id }];
    for (const person of ['admin', 'southCommission'] as const) {
      expect(codesOf(await ask(person, query, { r }))).toEqual(['FORBIDDEN']);
    }
    expect(await data('aggregates', query, { r })).toEqual({ _entities: [{ caseload: { wards: 2 } }] });
  });
});

describe('writes', () => {
  test.each([
    ['southCommission', 'assignCurator'],
    ['methodologist', 'assignCurator'],
    ['schoolCurator', 'assignCurator'],
    ['school', 'assignCurator'],
  ] as Array<[Person, string]>)(
    '%s may not assign a curator to a north family: FORBIDDEN, nothing written',
    async (person) => {
      const before = await curationRowCounts(stack.curation.db.client);
      const response = await ask(
        person,
        mutations.assignCurator,
        {
          input: {
            familyId: north.families[0],
            curatorId: policeCurator,
            resolution: { number: '5/5', date: '2011-04-01' },
          },
        },
        stack.gateway,
      );
      expect(codesOf(response)).toEqual(['FORBIDDEN']);
      expect(await curationRowCounts(stack.curation.db.client)).toEqual(before);
    },
  );

  test('a curator records its own visits to its own wards, and no other', async () => {
    const visit = (assignment: Assignment, curatorId: string) => ({
      assignmentId: assignment.id,
      curatorId,
      visitedOn: '2011-04-12',
      kind: 'HOME',
      discussed: 'Беседа о посещении школы',
    });
    for (const [assignment, curatorId] of [
      [f2, policeCurator],
      [f2, schoolCurator],
      [s1, southCurator],
    ] as const) {
      const before = await curationRowCounts(stack.curation.db.client);
      const refused = await ask('schoolCurator', mutations.recordVisit, {
        input: visit(assignment, curatorId),
      });
      expect(codesOf(refused)).toEqual(['FORBIDDEN']);
      expect(await curationRowCounts(stack.curation.db.client)).toEqual(before);
    }
    const { data: answer, errors } = await ask<{ recordVisit: { id: string } }>(
      'schoolCurator',
      mutations.recordVisit,
      { input: visit(f1, schoolCurator) },
      stack.gateway,
    );
    expect(errors).toBeUndefined();
    expect(answer?.recordVisit.id).toBeTruthy();
  });

  test('an agency adds and changes its own curators only', async () => {
    const created = await ask<{ createCurator: { id: string; version: number } }>(
      'school',
      mutations.createCurator,
      { input: { agencyId: north.school.id, fullName: 'Новая Ольга Ивановна', position: 'педагог' } },
      stack.gateway,
    );
    expect(created.errors).toBeUndefined();
    const before = await curationRowCounts(stack.curation.db.client);
    const foreign = await ask(
      'school',
      mutations.createCurator,
      { input: { agencyId: north.police.id, fullName: 'Чужой Павел', position: 'инспектор' } },
      stack.gateway,
    );
    expect(codesOf(foreign)).toEqual(['FORBIDDEN']);
    expect(await curationRowCounts(stack.curation.db.client)).toEqual(before);
    const renamed = await ask(
      'school',
      mutations.updateCurator,
      { input: { id: created.data?.createCurator.id, version: 1, position: 'социальный педагог' } },
      stack.gateway,
    );
    expect(renamed.errors).toBeUndefined();
    const police = await ask('school', mutations.updateCurator, {
      input: { id: policeCurator, version: 1, position: 'старший инспектор' },
    });
    expect(codesOf(police)).toEqual(['FORBIDDEN']);
    const { curator } = await data<{ curator: { position: string } }>(
      'northCommission',
      'query ($id: ID!) { curator(id: $id) { position } }',
      { id: policeCurator },
    );
    expect(curator.position).not.toBe('старший инспектор');
  });

  test('ending an assignment: the commission of the ward’s district only, audited in the same transaction', async () => {
    const [, , third] = north.families as [string, string, string];
    const { family } = await graphqlData<{ family: { ward: { version: number } } }>(
      stack.gateway,
      'query ($id: ID!) { family(id: $id) { ward { version } } }',
      { id: third },
    );
    const input = {
      familyId: third,
      version: family.ward.version,
      endedOn: '2011-05-01',
      results: 'Работа завершена',
    };
    const refused = await ask('southCommission', mutations.endCuratorAssignment, { input }, stack.gateway);
    expect(codesOf(refused)).toEqual(['FORBIDDEN']);
    const audit = async () => {
      const [row] = await stack.curation.db.client.$queryRaw<Array<{ writes: number }>>`
        SELECT count(*)::int AS writes FROM "AuditRecord" WHERE action = 'WRITE' AND "familyIds" @> ARRAY[${third}]::uuid[]`;
      return row?.writes ?? 0;
    };
    const writesBefore = await audit();
    const ended = await ask('northCommission', mutations.endCuratorAssignment, { input }, stack.gateway);
    expect(ended.errors).toBeUndefined();
    expect(await audit()).toBe(writesBefore + 1);
  });
});

describe('the audit of a family’s curation records', () => {
  const auditQuery = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on FamilyAudit {
    curation { action operation userId role fields }
  } } }`;
  const r = () => [{ __typename: 'FamilyAudit', familyId: north.families[0] }];

  test('shows the commission of the family’s district who read what was said on a visit', async () => {
    await data(
      'schoolCurator',
      'query Ward($id: ID!) { curatorAssignment(id: $id) { visits { discussed } } }',
      {
        id: f1.id,
      },
    );
    const { _entities } = await data<{
      _entities: Array<{ curation: Array<{ action: string; userId: string; fields: string[] }> }>;
    }>('northCommission', auditQuery, { r: r() });
    const records = _entities[0]?.curation ?? [];
    expect(records).toContainEqual(
      expect.objectContaining({ action: 'READ', userId: 'curator-school', fields: ['Visit.discussed'] }),
    );
    expect(records.some((record) => record.action === 'WRITE')).toBe(true);
  });

  test('is refused to the commission of another district and to a methodologist', async () => {
    for (const person of ['southCommission', 'methodologist'] as const) {
      expect(codesOf(await ask(person, auditQuery, { r: r() }))).toEqual(['FORBIDDEN']);
    }
  });
});
