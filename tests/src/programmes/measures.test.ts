import { graphql, graphqlData } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Stack, startStack } from '../stack.ts';
import {
  approvedProgramme,
  createWorld,
  expectRefused,
  type ProgrammeView,
  programmeInput,
  updateMeasureMutation,
  type World,
  type WorldFamily,
} from './world.ts';

let stack: Stack;
let world: World;

beforeAll(async () => {
  stack = await startStack();
  world = await createWorld(stack, 'north', { families: 4 });
});
afterAll(() => stack?.stop());

const familyAt = (index: number) => world.families[index] as WorldFamily;

async function update(input: Record<string, unknown>) {
  return graphqlData<{ updateMeasure: { status: string; version: number } }>(
    stack.gateway,
    updateMeasureMutation,
    {
      input,
    },
  );
}

describe('recording a measure’s progress', () => {
  let programme: ProgrammeView;
  beforeAll(async () => {
    programme = await approvedProgramme(stack, world, familyAt(0));
  });
  const measureAt = (index: number) => programme.measures[index] as ProgrammeView['measures'][number];

  test.each([
    [
      'DONE without the execution report',
      { status: 'DONE', executedOn: '2011-04-20' },
      'input.executionReport',
    ],
    ['DONE without the day', { status: 'DONE', executionReport: 'Проведено' }, 'input.executedOn'],
    [
      'DONE with a reason for failure',
      { status: 'DONE', executedOn: '2011-04-20', executionReport: 'Проведено', failureReason: 'Нет' },
      'input.failureReason',
    ],
    [
      'NOT_EXECUTED without the reason (clause 4.6)',
      { status: 'NOT_EXECUTED', failedOn: '2011-05-02' },
      'input.failureReason',
    ],
    [
      'REFUSED_BY_AGENCY without the day',
      { status: 'REFUSED_BY_AGENCY', failureReason: 'Отказ' },
      'input.failedOn',
    ],
    [
      'IN_PROGRESS with an execution day',
      { status: 'IN_PROGRESS', executedOn: '2011-04-20' },
      'input.executedOn',
    ],
    ['back to PLANNED', { status: 'PLANNED' }, 'input.status'],
    [
      'done in the future',
      { status: 'DONE', executedOn: '2999-01-01', executionReport: 'Проведено' },
      'input.executedOn',
    ],
    [
      'done before the programme began',
      { status: 'DONE', executedOn: '2011-03-01', executionReport: 'Проведено' },
      'input.executedOn',
    ],
    [
      'of an unknown measure',
      { id: '0190a000-0000-7000-8000-000000000000', status: 'IN_PROGRESS' },
      'input.id',
    ],
  ])('%s is refused and writes nothing', async (_case, overrides, field) => {
    const measure = measureAt(0);
    const message = await expectRefused(
      stack,
      updateMeasureMutation,
      { id: measure.id, version: measure.version, ...overrides },
      field,
    );
    expect(message).toContain(field);
    const stored = await stack.programmes.db.client.measure.findUniqueOrThrow({ where: { id: measure.id } });
    expect(stored).toMatchObject({ status: 'PLANNED', version: 1, executedOn: null, failureReason: null });
  });

  test('moves forward only: a DONE measure does not go back IN_PROGRESS', async () => {
    const measure = measureAt(1);
    const done = await update({
      id: measure.id,
      version: 1,
      status: 'DONE',
      executedOn: '2011-04-25',
      executionReport: 'Мать проконсультирована наркологом',
    });
    expect(done.updateMeasure).toMatchObject({ status: 'DONE', version: 2 });
    const message = await expectRefused(
      stack,
      updateMeasureMutation,
      { id: measure.id, version: 2, status: 'IN_PROGRESS' },
      'input.status',
    );
    expect(message).toContain('a DONE measure cannot become IN_PROGRESS');
  });

  test('from a stale version is a conflict', async () => {
    const measure = measureAt(2);
    await update({ id: measure.id, version: 1, status: 'IN_PROGRESS' });
    await expectRefused(
      stack,
      updateMeasureMutation,
      { id: measure.id, version: 1, status: 'IN_PROGRESS' },
      'input.version',
      'CONFLICT',
    );
  });
});

test('four updates of one measure at once from the same version: one wins, three get CONFLICT', async () => {
  const programme = await approvedProgramme(stack, world, familyAt(1));
  const measure = programme.measures[0] as ProgrammeView['measures'][number];
  const attempts = [
    { status: 'IN_PROGRESS' },
    { status: 'DONE', executedOn: '2011-05-20', executionReport: 'Посещаемость под контролем' },
    { status: 'NOT_EXECUTED', failedOn: '2011-06-01', failureReason: 'Школа не вела учёт' },
    { status: 'REFUSED_BY_AGENCY', failedOn: '2011-06-01', failureReason: 'Школа отказалась' },
  ];
  const results = await Promise.all(
    attempts.map((attempt) =>
      graphql<{ updateMeasure: { status: string } }>(stack.gateway, updateMeasureMutation, {
        input: { id: measure.id, version: 1, ...attempt },
      }),
    ),
  );
  const winners = results.filter((result) => !result.errors);
  const losers = results.filter((result) => result.errors?.[0]?.extensions?.code === 'CONFLICT');
  expect(winners).toHaveLength(1);
  expect(losers).toHaveLength(3);
  const stored = await stack.programmes.db.client.measure.findUniqueOrThrow({ where: { id: measure.id } });
  expect(stored.version).toBe(2);
  expect(winners[0]?.data?.updateMeasure.status).toBe(stored.status);
});

describe('done on time, done late, overdue, not executed, refused: derived on any day', () => {
  let programme: ProgrammeView;
  beforeAll(async () => {
    const base = programmeInput(world, familyAt(2));
    const measure = (title: string, agencyId: string, deadline: string, priority = false) => ({
      goal: 1,
      title,
      category: 'SOCIAL',
      agencyId,
      deadline,
      priority,
    });
    const { school, health, police, sport } = world.agencies;
    programme = await approvedProgramme(stack, world, familyAt(2), {
      measures: [
        { ...(base.measures[0] as object), title: 'on time', deadline: '2011-05-31' },
        measure('late', health, '2011-04-30', true),
        measure('not executed', police, '2011-06-30'),
        measure('refused', sport, '2011-09-30'),
        measure('open', school, '2011-10-31'),
      ],
    });
    const id = (title: string) => programme.measures.find((m) => m.title === title)?.id;
    await update({
      id: id('on time'),
      version: 1,
      status: 'DONE',
      executedOn: '2011-05-20',
      executionReport: 'Да',
    });
    await update({
      id: id('late'),
      version: 1,
      status: 'DONE',
      executedOn: '2011-05-10',
      executionReport: 'Да',
    });
    await update({
      id: id('not executed'),
      version: 1,
      status: 'NOT_EXECUTED',
      failedOn: '2011-07-05',
      failureReason: 'Рейд не проведён: нет сотрудников',
    });
    await update({
      id: id('refused'),
      version: 1,
      status: 'REFUSED_BY_AGENCY',
      failedOn: '2011-06-01',
      failureReason: 'Секция набрана, мест нет',
    });
  });

  async function timelinessOn(asOf: string) {
    const data = await graphqlData<{ programme: { measures: Array<{ title: string; timeliness: string }> } }>(
      stack.gateway,
      'query ($id: ID!, $asOf: Date!) { programme(id: $id) { measures { title timeliness(asOf: $asOf) } } }',
      { id: programme.id, asOf },
    );
    return Object.fromEntries(data.programme.measures.map((m) => [m.title, m.timeliness]));
  }

  test.each([
    [
      '2011-04-30',
      {
        late: 'NOT_DUE',
        'on time': 'NOT_DUE',
        'not executed': 'NOT_DUE',
        refused: 'NOT_DUE',
        open: 'NOT_DUE',
      },
    ],
    [
      '2011-05-01',
      {
        late: 'OVERDUE',
        'on time': 'NOT_DUE',
        'not executed': 'NOT_DUE',
        refused: 'NOT_DUE',
        open: 'NOT_DUE',
      },
    ],
    [
      '2011-05-10',
      {
        late: 'DONE_LATE',
        'on time': 'NOT_DUE',
        'not executed': 'NOT_DUE',
        refused: 'NOT_DUE',
        open: 'NOT_DUE',
      },
    ],
    [
      '2011-06-01',
      {
        late: 'DONE_LATE',
        'on time': 'DONE_ON_TIME',
        'not executed': 'NOT_DUE',
        refused: 'REFUSED_BY_AGENCY',
        open: 'NOT_DUE',
      },
    ],
    [
      '2011-07-01',
      {
        late: 'DONE_LATE',
        'on time': 'DONE_ON_TIME',
        'not executed': 'OVERDUE',
        refused: 'REFUSED_BY_AGENCY',
        open: 'NOT_DUE',
      },
    ],
    [
      '2011-11-01',
      {
        late: 'DONE_LATE',
        'on time': 'DONE_ON_TIME',
        'not executed': 'NOT_EXECUTED',
        refused: 'REFUSED_BY_AGENCY',
        open: 'OVERDUE',
      },
    ],
  ])('as of %s', async (asOf, expected) => {
    expect(await timelinessOn(asOf)).toEqual(expected);
  });

  test('an agency’s measures, filtered by status, carry the reason the curator may report (clause 4.6)', async () => {
    const data = await graphqlData<{
      agency: unknown;
      district: { agencies: Array<{ name: string; measures: unknown[] }> };
    }>(
      stack.gateway,
      `query ($sport: ID!) {
        agency(id: $sport) {
          name
          measures(status: REFUSED_BY_AGENCY) { title failedOn failureReason programme { number family { id } } }
        }
        district(code: "north") { agencies { name measures(status: DONE) { title } } }
      }`,
      { sport: world.agencies.sport },
    );
    expect(data.agency).toEqual({
      name: 'ДЮСШ № 2 north',
      measures: [
        {
          title: 'refused',
          failedOn: '2011-06-01',
          failureReason: 'Секция набрана, мест нет',
          programme: { number: programme.number, family: { id: familyAt(2).familyId } },
        },
      ],
    });
    const done = Object.fromEntries(data.district.agencies.map((agency) => [agency.name, agency.measures]));
    expect(done['Детская поликлиника north']).toContainEqual({ title: 'late' });
    expect(done['МБОУ СОШ № 7 north']).toContainEqual({ title: 'on time' });
    expect(done['ОДН ОП № 3 north']).toEqual([]);
  });
});
