import { graphql, graphqlData } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createFamilies } from '../fixtures.ts';
import { type Stack, startStack } from '../stack.ts';
import {
  createProgrammeMutation,
  createWorld,
  draft,
  expectRefused,
  programmeInput,
  programmeRows,
  type World,
  type WorldFamily,
} from './world.ts';

let stack: Stack;
let world: World;
let family: WorldFamily;

beforeAll(async () => {
  stack = await startStack();
  world = await createWorld(stack, 'north', { families: 9 });
  family = world.families[0] as WorldFamily;
});
afterAll(() => stack?.stop());

const familyAt = (index: number) => world.families[index] as WorldFamily;

describe('drafting a programme', () => {
  test('writes its goals, measures and reporting schedule, joined with the agencies, curation and registry subgraphs', async () => {
    const input = programmeInput(world, familyAt(7));
    const { data, errors } = await graphql<{ createProgramme: unknown }>(
      stack.gateway,
      `mutation ($input: CreateProgrammeInput!) { createProgramme(input: $input) {
        number status version periodFrom periodTo approvedAt { id }
        family { id } registration { id } resourceCentre { id } curator { id fullName }
        goals { title indicator targetDate measures { title } }
        measures { title category deadline priority status agency { name } }
        priorityPlan { title }
        reports { kind dueOn submittedOn }
      } }`,
      { input },
    );
    expect(errors).toBeUndefined();
    expect(data?.createProgramme).toEqual({
      number: input.number,
      status: 'DRAFT',
      version: 1,
      periodFrom: '2011-03-15',
      periodTo: '2011-12-31',
      approvedAt: null,
      family: { id: familyAt(7).familyId },
      registration: { id: familyAt(7).registrationId },
      resourceCentre: { id: world.resourceCentreId },
      curator: { id: world.curatorId, fullName: 'Куратор north' },
      goals: [
        {
          title: 'Регулярное посещение школы',
          indicator: 'пропуски без уважительной причины: не более 2 дней в месяц',
          targetDate: '2011-06-30',
          measures: [{ title: 'Ежедневный контроль посещаемости' }],
        },
        {
          title: 'Мать не злоупотребляет алкоголем',
          indicator: 'нет фактов опьянения при посещениях куратора и рейдах ОДН',
          targetDate: '2011-12-31',
          measures: [
            { title: 'Консультация нарколога для матери' },
            { title: 'Вечерний рейд по месту жительства' },
          ],
        },
      ],
      measures: [
        {
          title: 'Консультация нарколога для матери',
          category: 'MEDICAL',
          deadline: '2011-04-30',
          priority: true,
          status: 'PLANNED',
          agency: { name: 'Детская поликлиника north' },
        },
        {
          title: 'Ежедневный контроль посещаемости',
          category: 'EDUCATIONAL',
          deadline: '2011-05-31',
          priority: true,
          status: 'PLANNED',
          agency: { name: 'МБОУ СОШ № 7 north' },
        },
        {
          title: 'Вечерний рейд по месту жительства',
          category: 'LEGAL',
          deadline: '2011-06-30',
          priority: false,
          status: 'PLANNED',
          agency: { name: 'ОДН ОП № 3 north' },
        },
      ],
      priorityPlan: [
        { title: 'Консультация нарколога для матери' },
        { title: 'Ежедневный контроль посещаемости' },
      ],
      reports: [
        { kind: 'INTERIM', dueOn: '2011-06-15', submittedOn: null },
        { kind: 'INTERIM', dueOn: '2011-09-15', submittedOn: null },
        { kind: 'FINAL', dueOn: '2011-12-31', submittedOn: null },
      ],
    });
  });

  test('may give a measure to an agency of another district of the same city (clause 3.5)', async () => {
    const input = programmeInput(world, familyAt(6));
    input.measures[2] = {
      ...input.measures[2],
      agencyId: world.agencies.neighbour,
    } as (typeof input.measures)[number];
    const programme = await draft(stack, input);
    expect(programme.measures.map((measure) => measure.agency.id)).toContain(world.agencies.neighbour);
  });

  const valid = () => programmeInput(world, family);
  const withGoal = (index: number, goal: Record<string, unknown>) => {
    const input = valid();
    input.goals[index] = { ...input.goals[index], ...goal } as (typeof input.goals)[number];
    return input;
  };
  const withMeasure = (index: number, measure: Record<string, unknown>) => {
    const input = valid();
    input.measures[index] = { ...input.measures[index], ...measure } as (typeof input.measures)[number];
    return input;
  };
  const unknownId = '0190a000-0000-7000-8000-000000000000';

  test.each([
    ['an abstract goal: no indicator', () => withGoal(0, { indicator: null }), 'input.goals[0].indicator'],
    [
      'an abstract goal: a blank indicator',
      () => withGoal(0, { indicator: '  ' }),
      'input.goals[0].indicator',
    ],
    [
      'an abstract goal: no target date',
      () => withGoal(1, { targetDate: null }),
      'input.goals[1].targetDate',
    ],
    [
      'a goal due after the period',
      () => withGoal(0, { targetDate: '2012-01-15' }),
      'input.goals[0].targetDate',
    ],
    [
      'a measure due outside the period',
      () => withMeasure(2, { deadline: '2011-03-01' }),
      'input.measures[2].deadline',
    ],
    [
      'a measure serving no goal of the programme',
      () => withMeasure(0, { goal: 5 }),
      'input.measures[0].goal',
    ],
    ['a goal no measure serves', () => withMeasure(0, { goal: 1 }), 'input.goals[0]'],
    [
      'no priority plan',
      () => ({ ...valid(), measures: valid().measures.map((m) => ({ ...m, priority: false })) }),
      'input.measures',
    ],
    ['a period that ends before it begins', () => ({ ...valid(), periodTo: '2011-03-01' }), 'input.periodTo'],
    [
      'an interim report due on the last day',
      () => ({ ...valid(), reportDueDates: ['2011-12-31'] }),
      'input.reportDueDates[0]',
    ],
    [
      'interim reports out of order',
      () => ({ ...valid(), reportDueDates: ['2011-09-15', '2011-06-15'] }),
      'input.reportDueDates[1]',
    ],
    ['a blank number', () => ({ ...valid(), number: ' ' }), 'input.number'],
    ['an unknown agency', () => withMeasure(1, { agencyId: unknownId }), 'input.measures[1].agencyId'],
    [
      'an agency of another city',
      () => withMeasure(1, { agencyId: world.agencies.farAway }),
      'input.measures[1].agencyId',
    ],
    [
      'an agency id that is no id',
      () => withMeasure(1, { agencyId: 'school-7' }),
      'input.measures[1].agencyId',
    ],
    ['an unknown registration', () => ({ ...valid(), registrationId: unknownId }), 'input.registrationId'],
    [
      'the registration of another family',
      () => ({ ...valid(), familyId: familyAt(1).familyId }),
      'input.familyId',
    ],
    [
      'a district that is not the registration’s',
      () => ({ ...valid(), districtCode: 'north-east' }),
      'input.districtCode',
    ],
    [
      'a period before the family was registered',
      () => ({ ...valid(), periodFrom: '2011-02-01' }),
      'input.periodFrom',
    ],
    ['an unknown curator', () => ({ ...valid(), curatorId: unknownId }), 'input.curatorId'],
    [
      'a curator who no longer takes wards',
      () => ({ ...valid(), curatorId: world.inactiveCuratorId }),
      'input.curatorId',
    ],
  ])('with %s is refused, naming the field, and writes nothing', async (_case, input, field) => {
    const message = await expectRefused(stack, createProgrammeMutation, input(), field);
    expect(message).toContain(field);
  });

  test('an abstract goal is refused with a message that says why', async () => {
    const message = await expectRefused(
      stack,
      createProgrammeMutation,
      withGoal(0, { indicator: null }),
      'input.goals[0].indicator',
    );
    expect(message).toContain('abstract');
  });

  test('for a closed registration is refused', async () => {
    await stack.registry.db.client.registration.update({
      where: { id: familyAt(2).registrationId },
      data: {
        closedOn: new Date('2011-10-01'),
        closingReason: 'MOVED_AWAY',
        closingResolutionNumber: '40/1',
        closingResolutionDate: new Date('2011-10-01'),
      },
    });
    const message = await expectRefused(
      stack,
      createProgrammeMutation,
      programmeInput(world, familyAt(2)),
      'input.registrationId',
    );
    expect(message).toContain('closed on 2011-10-01');
  });

  test('with a number already used in the district is refused', async () => {
    const first = await draft(stack, programmeInput(world, familyAt(3)));
    await expectRefused(
      stack,
      createProgrammeMutation,
      programmeInput(world, familyAt(4), { number: first.number }),
      'input.number',
    );
  });

  test('for a registration whose programme is still in progress is refused', async () => {
    const first = await draft(stack, programmeInput(world, familyAt(5)));
    const message = await expectRefused(
      stack,
      createProgrammeMutation,
      programmeInput(world, familyAt(5)),
      'input.registrationId',
    );
    expect(message).toContain(first.number);
  });

  test('twice at once with the same number: one is written, the other refused naming the number', async () => {
    const before = await programmeRows(stack.programmes.db.client);
    const results = await Promise.all(
      [familyAt(1), familyAt(4)].map((each) =>
        graphql(stack.gateway, createProgrammeMutation, {
          input: programmeInput(world, each, { number: 'north-twin' }),
        }),
      ),
    );
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    const refused = results.find((result) => result.errors);
    expect(refused?.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.number' });
    const after = await programmeRows(stack.programmes.db.client);
    expect(after.programmes).toBe(before.programmes + 1);
    expect(after.measures).toBe(before.measures + 3);
  });

  test('in a district without a resource centre is refused', async () => {
    const agencies = stack.agencies.db.client;
    const bare = await agencies.district.create({
      data: { code: 'bare', name: 'Район bare', city: 'Красноярск' },
    });
    const commission = await agencies.commission.create({
      data: { districtCode: bare.code, name: 'КДН bare' },
    });
    const [bareFamily] = await createFamilies(stack.registry.db.client, {
      districtCode: 'bare',
      commissionId: commission.id,
      count: 1,
    });
    const bareRegistration = await stack.registry.db.client.registration.findFirstOrThrow({
      where: { familyId: bareFamily?.id ?? '' },
    });
    const message = await expectRefused(
      stack,
      createProgrammeMutation,
      programmeInput(
        world,
        { familyId: bareFamily?.id ?? '', registrationId: bareRegistration.id },
        {
          districtCode: 'bare',
        },
      ),
      'input.districtCode',
    );
    expect(message).toContain('resource centre');
  });
});

test('the programme comes back on its family and by query', async () => {
  const programme = await draft(stack, programmeInput(world, familyAt(8)));
  const data = await graphqlData<{
    family: { address: string; programmes: Array<{ id: string }> };
    programmes: { totalCount: number; edges: Array<{ node: { id: string } }> };
  }>(
    stack.gateway,
    `query ($family: ID!) {
      family(id: $family) { address programmes { id } }
      programmes(first: 100, filter: { districtCode: "north", status: DRAFT }) { totalCount edges { node { id } } }
    }`,
    { family: familyAt(8).familyId },
  );
  expect(data.family.programmes.map((p) => p.id)).toContain(programme.id);
  expect(data.programmes.edges.map((edge) => edge.node.id)).toContain(programme.id);
  expect(data.programmes.totalCount).toBe(data.programmes.edges.length);
});
