import { graphqlData, signedIn } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Stack, startStack } from '../stack.ts';
import { createWorld, type World } from './world.ts';

let stack: Stack;
let world: World;
let programmeIds: string[];

/**
 * 120 approved programmes, one per family, each with two goals, three measures by three agencies,
 * two reports and a review at a shared meeting, written in bulk straight into the database.
 */
beforeAll(async () => {
  stack = await startStack();
  world = await createWorld(stack, 'bulk', { families: 120 });
  const db = stack.programmes.db.client;
  const meeting = await db.workingGroupMeeting.create({
    data: {
      districtCode: 'bulk',
      resourceCentreId: world.resourceCentreId,
      heldOn: new Date('2011-03-24'),
      protocolNumber: '1',
      attendingAgencyIds: [world.agencies.centre, world.agencies.school],
      decisions: 'Программы утверждены',
    },
  });
  const programmes = await db.programme.createManyAndReturn({
    data: world.families.map((family, index) => ({
      number: `bulk-${index + 1}`,
      registrationId: family.registrationId,
      familyId: family.familyId,
      districtCode: 'bulk',
      resourceCentreId: world.resourceCentreId,
      curatorId: world.curatorId,
      periodFrom: new Date('2011-03-15'),
      periodTo: new Date('2011-12-31'),
      status: 'APPROVED' as const,
      approvedAtId: meeting.id,
    })),
  });
  programmeIds = programmes.map((programme) => programme.id).sort();
  const goals = await db.programmeGoal.createManyAndReturn({
    data: programmes.flatMap((programme) =>
      [0, 1].map((ordinal) => ({
        programmeId: programme.id,
        title: `Цель ${ordinal + 1}`,
        indicator: 'Показатель',
        targetDate: new Date('2011-09-30'),
        ordinal,
      })),
    ),
  });
  const { school, police, health } = world.agencies;
  await db.measure.createMany({
    data: goals.flatMap((goal) =>
      (goal.ordinal === 0 ? [school, police] : [health]).map((agencyId, index) => ({
        programmeId: goal.programmeId,
        goalId: goal.id,
        title: `Мероприятие ${goal.ordinal}.${index}`,
        category: 'SOCIAL' as const,
        agencyId,
        deadline: new Date('2011-06-30'),
        priority: index === 0,
      })),
    ),
  });
  await db.progressReport.createMany({
    data: programmes.flatMap((programme) => [
      { programmeId: programme.id, kind: 'INTERIM' as const, dueOn: new Date('2011-06-15') },
      { programmeId: programme.id, kind: 'FINAL' as const, dueOn: new Date('2011-12-31') },
    ]),
  });
  await db.meetingReview.createMany({
    data: programmes.map((programme) => ({
      meetingId: meeting.id,
      programmeId: programme.id,
      familyInvited: true,
      familyAttended: true,
    })),
  });
});
afterAll(() => stack?.stop());

const subgraphs = ['agencies', 'registry', 'curation', 'programmes'] as const;

/** The SQL statements one request made each subgraph send to its database. */
async function statementsOf(request: () => Promise<unknown>) {
  const before = subgraphs.map((name) => stack[name].db.statementCount());
  await request();
  return Object.fromEntries(
    subgraphs.map((name, index) => [name, stack[name].db.statementCount() - (before[index] ?? 0)]),
  );
}

const programmesPage = `query ($first: Int!) {
  programmes(first: $first, filter: { districtCode: "bulk" }) {
    edges { node {
      number status
      family { address minors { fullName } }
      curator { fullName }
      goals { title measures { title agency { name kind } } }
      measures { timeliness(asOf: "2011-12-31") agency { name } }
      priorityPlan { title }
      reports { dueOn timeliness(asOf: "2011-12-31") }
      reviews { familyAttended meeting { protocolNumber } }
      approvedAt { heldOn }
    } }
  }
}`;

describe('through the gateway, across the four subgraphs', () => {
  test('a page of programmes with goals, measures and their agencies costs the same for 100 as for 10', async () => {
    const ten = await statementsOf(() => graphqlData(stack.gateway, programmesPage, { first: 10 }));
    const hundred = await statementsOf(async () => {
      const data = await graphqlData<{ programmes: { edges: Array<{ node: { goals: unknown[] } }> } }>(
        stack.gateway,
        programmesPage,
        { first: 100 },
      );
      expect(data.programmes.edges).toHaveLength(100);
      expect(data.programmes.edges[0]?.node.goals).toHaveLength(2);
    });
    expect(hundred).toEqual(ten);
    // programmes: the page, goals, the goals' measures, the programmes' measures, reports, reviews, and the
    // meetings of reviews and approvals together; registry: families, minors; curation: curators;
    // agencies: the agencies of the goals' measures and of the programmes' measures, two fetches
    // the gateway starts together and sends as one request
    expect(hundred).toEqual({ programmes: 7, registry: 2, agencies: 1, curation: 1 });
  });

  test('families’ programmes with goals, measures and their agencies cost the same for 100 families as for 10', async () => {
    const familiesPage = `query ($first: Int!) {
      families(first: $first, filter: { districtCode: "bulk" }) {
        edges { node { id minors { fullName } currentRegistration(asOf: "2011-12-31") { openedOn }
          programmes { number goals { title } measures { title status agency { name } } }
        } }
      }
    }`;
    const ten = await statementsOf(() => graphqlData(stack.gateway, familiesPage, { first: 10 }));
    const hundred = await statementsOf(() => graphqlData(stack.gateway, familiesPage, { first: 100 }));
    expect(hundred).toEqual(ten);
    // programmes: programmes of the families, goals, measures; agencies: agencies
    expect(hundred.programmes).toBe(3);
    expect(hundred.agencies).toBe(1);
  });

  test('a family’s page asks each subgraph once: the curator’s agency and the measures’ agencies together', async () => {
    const [family] = world.families;
    const db = stack.curation.db.client;
    await db.ward.create({ data: { familyId: family?.familyId ?? '' } });
    await db.curatorAssignment.create({
      data: {
        familyId: family?.familyId ?? '',
        registrationId: family?.registrationId ?? '',
        curatorId: world.curatorId,
        districtCode: 'bulk',
        resolutionNumber: '1/1',
        resolutionDate: new Date('2011-03-01'),
        startedOn: new Date('2011-03-01'),
      },
    });
    const familyPage = `query ($id: ID!) {
      family(id: $id) {
        address
        currentCurator(asOf: "2011-12-31") { fullName agency { name kind } }
        programmes { number measures { title agency { name } } }
      }
    }`;
    const statements = await statementsOf(async () => {
      const data = await graphqlData<{
        family: {
          currentCurator: { agency: { name: string } };
          programmes: Array<{ measures: Array<{ agency: { name: string } }> }>;
        };
      }>(stack.gateway, familyPage, { id: family?.familyId });
      expect(data.family.currentCurator.agency.name).toBe('ЦСПСиД bulk');
      expect(data.family.programmes[0]?.measures.map((measure) => measure.agency.name)).toEqual([
        'МБОУ СОШ № 7 bulk',
        'ОДН ОП № 3 bulk',
        'Детская поликлиника bulk',
      ]);
    });
    // Apollo's planner reaches the agencies subgraph in two branches, after curation (the current
    // assignment, its curator) and after programmes (programmes, measures); the gateway runs the
    // branches step by step and sends both reads of agencies as one request.
    expect(statements).toEqual({ registry: 1, curation: 2, programmes: 2, agencies: 1 });
  });

  test('the measures of every agency of a district cost one statement, and their programmes one more', async () => {
    const statements = await statementsOf(async () => {
      const data = await graphqlData<{ district: { agencies: Array<{ measures: unknown[] }> } }>(
        stack.gateway,
        '{ district(code: "bulk") { agencies { name measures(status: PLANNED) { title programme { number } } } } }',
      );
      const counts = data.district.agencies.map((agency) => agency.measures.length).sort((a, b) => b - a);
      expect(counts.slice(0, 3)).toEqual([120, 120, 120]);
    });
    expect(statements.programmes).toBe(2);
  });
});

describe('entity references from other subgraphs, straight to the programmes subgraph', () => {
  const entities = (selection: string, representations: unknown[]) =>
    graphqlData<{ _entities: Array<Record<string, unknown[]>> }>(
      stack.programmes.url,
      `query ($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`,
      { r: representations },
    );

  test.each([
    [
      '100 families’ programmes',
      '... on Family { programmes { id } }',
      () => world.families.slice(0, 100).map((f) => ({ __typename: 'Family', id: f.familyId })),
    ],
    [
      '100 programmes by key',
      '... on Programme { id }',
      () => programmeIds.slice(0, 100).map((id) => ({ __typename: 'Programme', id })),
    ],
    [
      'the measures of many agencies',
      '... on Agency { measures { id } }',
      () => Object.values(world.agencies).map((id) => ({ __typename: 'Agency', id })),
    ],
    [
      'the meetings of resource centres',
      '... on ResourceCentre { meetings { id } }',
      () => [
        { __typename: 'ResourceCentre', id: world.resourceCentreId },
        { __typename: 'ResourceCentre', id: world.agencies.centre },
      ],
    ],
    [
      'the programmes of curators',
      '... on Curator { programmes { id } }',
      () => [world.curatorId, world.inactiveCuratorId].map((id) => ({ __typename: 'Curator', id })),
    ],
  ])('%s cost one statement', async (_case, selection, representations) => {
    const reps = representations();
    const statements = await statementsOf(async () => {
      const data = await entities(selection, reps);
      expect(data._entities).toHaveLength(reps.length);
    });
    expect(statements.programmes).toBe(1);
  });
});

describe('the access policy adds no statement per row', () => {
  test('an agency’s page of the programmes it serves costs the same for 100 as for 10, its families asked once', async () => {
    const school = await signedIn({
      sub: 'school',
      role: 'AGENCY',
      district: 'bulk',
      agency: world.agencies.school,
    });
    const page = `query ($first: Int!) { programmes(first: $first) {
      edges { node { number goals { targetDate } measures { title agency { id } } } }
    } }`;
    const read = (first: number) =>
      statementsOf(async () => {
        const data = await graphqlData<{
          programmes: { edges: Array<{ node: { measures: Array<{ agency: { id: string } }> } }> };
        }>(stack.programmes.url, page, { first }, school);
        expect(data.programmes.edges).toHaveLength(first);
        const agencies = data.programmes.edges.flatMap((edge) => edge.node.measures.map((m) => m.agency.id));
        expect(new Set(agencies)).toEqual(new Set([world.agencies.school]));
      });
    const ten = await read(10);
    const hundred = await read(100);
    expect(hundred).toEqual(ten);
    // the families the agency serves, the page, its goals, its measures
    expect(hundred.programmes).toBe(4);
  });
});
