import { graphql, graphqlData } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Stack, startStack } from '../stack.ts';
import {
  activeAssignmentsPerFamily,
  assignCurator,
  createCurator,
  createDistrictWithFamilies,
  curationRowCounts,
  mutations,
  recordVisit,
  replaceCurator,
} from './world.ts';

let stack: Stack;
let east: Awaited<ReturnType<typeof createDistrictWithFamilies>>;
let west: Awaited<ReturnType<typeof createDistrictWithFamilies>>;
const curators: Record<'school' | 'police' | 'centre' | 'inspector' | 'westerner', string> = {
  school: '',
  police: '',
  centre: '',
  inspector: '',
  westerner: '',
};
let nextFamily = 0;
/** A family of the east district on the register since 1 Mar 2011, with two minors and no curator yet. */
const freshFamily = () => east.families[nextFamily++] ?? '';
const unknownId = '0190a000-0000-7000-8000-000000000000';
const resolution = (date: string) => ({ number: '12/1', date });

beforeAll(async () => {
  stack = await startStack();
  east = await createDistrictWithFamilies(stack, 'east', { families: 30 });
  west = await createDistrictWithFamilies(stack, 'west', { families: 1 });
  curators.school = await createCurator(stack, east.school.id, 'Школьная Анна Сергеевна');
  curators.police = await createCurator(stack, east.police.id, 'Полицейский Иван Петрович');
  curators.centre = await createCurator(stack, east.centre.id, 'Центрова Ольга Игоревна');
  curators.inspector = await createCurator(stack, east.police.id, 'Инспекторов Павел Юрьевич');
  curators.westerner = await createCurator(stack, west.school.id, 'Западная Мария Олеговна');
});
afterAll(() => stack?.stop());

describe('assigning a curator (clause 1.2)', () => {
  test('names the registration’s minors from the registry, with the days they were put on the register', async () => {
    const familyId = freshFamily();
    const data = await graphqlData<{ assignCurator: unknown }>(stack.gateway, mutations.assignCurator, {
      input: { familyId, curatorId: curators.school, resolution: { number: '4/2', date: '2011-03-01' } },
    });
    const minors = await stack.registry.db.client.minor.findMany({ where: { familyId } });
    expect(data.assignCurator).toMatchObject({
      startedOn: '2011-03-01',
      endedOn: null,
      ward: { version: 1 },
      curator: { id: curators.school },
    });
    const named = (data.assignCurator as { minors: Array<{ minor: { id: string } }> }).minors;
    expect(named.map((entry) => entry.minor.id).sort()).toEqual(minors.map((minor) => minor.id).sort());

    const { family } = await graphqlData<{ family: unknown }>(
      stack.gateway,
      `query ($id: ID!) { family(id: $id) {
        address
        currentCurator(asOf: "2011-03-01") { fullName agency { name } }
        currentAssignment(asOf: "2011-03-01") { resolution { number date } registration { openedOn } district { name } }
        before: currentCurator(asOf: "2011-02-28") { id }
      } }`,
      { id: familyId },
    );
    expect(family).toMatchObject({
      currentCurator: { fullName: 'Школьная Анна Сергеевна', agency: { name: 'МБОУ СОШ района east' } },
      currentAssignment: {
        resolution: { number: '4/2', date: '2011-03-01' },
        registration: { openedOn: '2011-03-01' },
        district: { name: 'Район east' },
      },
      before: null,
    });
  });

  test.each([
    ['an unknown family', () => ({ familyId: unknownId }), 'input.familyId'],
    [
      'a family not yet on the register that day',
      () => ({ resolution: resolution('2011-02-28') }),
      'input.familyId',
    ],
    ['an unknown curator', () => ({ curatorId: unknownId }), 'input.curatorId'],
    ['a curator of another district', () => ({ curatorId: curators.westerner }), 'input.curatorId'],
    ['a resolution in the future', () => ({ resolution: resolution('2999-01-01') }), 'input.resolution.date'],
    [
      'a resolution without a number',
      () => ({ resolution: { number: ' ', date: '2011-03-01' } }),
      'input.resolution.number',
    ],
    ['a family id that is no id', () => ({ familyId: 'vlasov' }), 'input.familyId'],
  ])('to %s is refused, naming the field, and writes nothing', async (_case, overrides, field) => {
    const before = await curationRowCounts(stack.curation.db.client);
    const input = {
      familyId: east.families[29],
      curatorId: curators.police,
      resolution: resolution('2011-03-01'),
      ...overrides(),
    };
    const { data, errors } = await graphql(stack.gateway, mutations.assignCurator, { input });
    expect(data?.assignCurator ?? null).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(errors?.[0]?.message).toContain(field);
    expect(await curationRowCounts(stack.curation.db.client)).toEqual(before);
  });

  test('to a family that has a curator is refused: it takes a replacement', async () => {
    const familyId = freshFamily();
    await assignCurator(stack, familyId, curators.school, '2011-03-01');
    const before = await curationRowCounts(stack.curation.db.client);
    const { errors } = await graphql(stack.gateway, mutations.assignCurator, {
      input: { familyId, curatorId: curators.police, resolution: { number: '5/1', date: '2011-04-01' } },
    });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.familyId' });
    expect(errors?.[0]?.message).toContain('replace them');
    expect(await curationRowCounts(stack.curation.db.client)).toEqual(before);
  });

  test('four at once to one family: one is assigned, the others are refused, never two active curators', async () => {
    const familyId = freshFamily();
    const results = await Promise.all(
      [curators.school, curators.police, curators.centre, curators.inspector].map((curatorId) =>
        graphql(stack.gateway, mutations.assignCurator, {
          input: { familyId, curatorId, resolution: { number: '6/1', date: '2011-03-02' } },
        }),
      ),
    );
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    for (const result of results.filter((r) => r.errors)) {
      expect(['BAD_USER_INPUT', 'CONFLICT']).toContain(result.errors?.[0]?.extensions?.code);
    }
    expect(await activeAssignmentsPerFamily(stack.curation.db.client, [familyId])).toEqual({ [familyId]: 1 });
  });
});

describe('replacing a curator (clause 1.9)', () => {
  test('ends the old assignment with its reason and opens the new one on the resolution’s day; the history stays', async () => {
    const familyId = freshFamily();
    const first = await assignCurator(stack, familyId, curators.school, '2011-03-01');
    const { data, errors } = await graphql<{ replaceCurator: { id: string; ward: { version: number } } }>(
      stack.gateway,
      mutations.replaceCurator,
      {
        input: {
          familyId,
          version: first.ward.version,
          curatorId: curators.police,
          reason: 'PROBLEM_CHANGED',
          resolution: { number: '11/5', date: '2011-06-08' },
          note: 'Подросток совершил правонарушение',
        },
      },
    );
    expect(errors).toBeUndefined();
    expect(data?.replaceCurator.ward.version).toBe(2);
    const { family } = await graphqlData<{ family: unknown }>(
      stack.gateway,
      `query ($id: ID!) { family(id: $id) {
        onTheEve: currentCurator(asOf: "2011-06-07") { fullName }
        onTheDay: currentCurator(asOf: "2011-06-08") { fullName }
        curatorAssignments {
          startedOn endedOn endKind replacementReason endNote resolution { number }
          curator { fullName } active(on: "2011-06-07")
        }
        ward { version }
      } }`,
      { id: familyId },
    );
    expect(family).toEqual({
      onTheEve: { fullName: 'Школьная Анна Сергеевна' },
      onTheDay: { fullName: 'Полицейский Иван Петрович' },
      curatorAssignments: [
        {
          startedOn: '2011-06-08',
          endedOn: null,
          endKind: null,
          replacementReason: null,
          endNote: null,
          resolution: { number: '11/5' },
          curator: { fullName: 'Полицейский Иван Петрович' },
          active: false,
        },
        {
          startedOn: '2011-03-01',
          endedOn: '2011-06-08',
          endKind: 'REPLACED',
          replacementReason: 'PROBLEM_CHANGED',
          endNote: 'Подросток совершил правонарушение',
          resolution: { number: '1/1' },
          curator: { fullName: 'Школьная Анна Сергеевна' },
          active: true,
        },
      ],
      ward: { version: 2 },
    });
  });

  test.each([
    [
      'on the curator’s petition without its grounds',
      () => ({ reason: 'CURATOR_PETITION' }),
      'input.note',
      'BAD_USER_INPUT',
    ],
    ['by the same curator', () => ({ curatorId: curators.school }), 'input.curatorId', 'BAD_USER_INPUT'],
    [
      'on the day the current one started',
      () => ({ resolution: resolution('2011-03-01') }),
      'input.resolution.date',
      'BAD_USER_INPUT',
    ],
    [
      'by a curator of another district',
      () => ({ curatorId: curators.westerner }),
      'input.curatorId',
      'BAD_USER_INPUT',
    ],
    ['by an unknown curator', () => ({ curatorId: unknownId }), 'input.curatorId', 'BAD_USER_INPUT'],
    ['from a stale version', () => ({ version: 5 }), 'input.version', 'CONFLICT'],
  ])('%s is refused and changes nothing', async (_case, overrides, field, code) => {
    const familyId = freshFamily();
    await assignCurator(stack, familyId, curators.school, '2011-03-01');
    const before = await curationRowCounts(stack.curation.db.client);
    const input = {
      familyId,
      version: 1,
      curatorId: curators.police,
      reason: 'WARD_REQUEST',
      resolution: resolution('2011-06-22'),
      ...overrides(),
    };
    const { errors } = await graphql(stack.gateway, mutations.replaceCurator, { input });
    expect(errors?.[0]?.extensions).toMatchObject({ code, field });
    expect(await curationRowCounts(stack.curation.db.client)).toEqual(before);
    const ward = await stack.curation.db.client.ward.findUniqueOrThrow({ where: { familyId } });
    expect(ward.version).toBe(1);
  });

  test('without a reason (clause 1.9) is refused by the schema itself', async () => {
    const familyId = freshFamily();
    await assignCurator(stack, familyId, curators.school, '2011-03-01');
    const { errors } = await graphql(stack.gateway, mutations.replaceCurator, {
      input: { familyId, version: 1, curatorId: curators.police, resolution: resolution('2011-06-22') },
    });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toContain('"reason"');
    expect(await activeAssignmentsPerFamily(stack.curation.db.client, [familyId])).toEqual({ [familyId]: 1 });
  });

  test('before the old curator’s last visit is refused', async () => {
    const familyId = freshFamily();
    const assignment = await assignCurator(stack, familyId, curators.school, '2011-03-01');
    await recordVisit(stack, assignment, '2011-06-20');
    const { errors } = await replaceCurator(stack, {
      familyId,
      version: 1,
      curatorId: curators.police,
      date: '2011-06-20',
    });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.resolution.date' });
    expect(errors?.[0]?.message).toContain('2011-06-20');
  });

  test('of a family that never had a curator is refused', async () => {
    const { errors } = await replaceCurator(stack, {
      familyId: freshFamily(),
      version: 1,
      curatorId: curators.police,
      date: '2011-06-20',
    });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.familyId' });
  });

  test('five at once from the same version: exactly one wins, the others get CONFLICT, never two active curators', async () => {
    const familyIds = [freshFamily(), freshFamily(), freshFamily()];
    for (const familyId of familyIds) await assignCurator(stack, familyId, curators.school, '2011-03-01');
    const candidates = [
      curators.police,
      curators.centre,
      curators.inspector,
      curators.police,
      curators.centre,
    ];
    const rounds = await Promise.all(
      familyIds.map((familyId) =>
        Promise.all(
          candidates.map((curatorId, index) =>
            replaceCurator(stack, { familyId, version: 1, curatorId, date: `2011-07-1${index}` }),
          ),
        ),
      ),
    );
    for (const results of rounds) {
      expect(results.filter((result) => !result.errors)).toHaveLength(1);
      const losers = results.filter((result) => result.errors);
      expect(losers.map((result) => result.errors?.[0]?.extensions?.code)).toEqual(Array(4).fill('CONFLICT'));
    }
    const db = stack.curation.db.client;
    expect(await activeAssignmentsPerFamily(db, familyIds)).toEqual(
      Object.fromEntries(familyIds.map((id) => [id, 1])),
    );
    for (const familyId of familyIds) {
      expect(await db.curatorAssignment.count({ where: { familyId } })).toBe(2);
      expect((await db.ward.findUniqueOrThrow({ where: { familyId } })).version).toBe(2);
    }
  });
});

describe('ending an assignment when the work is completed (clause 6.4)', () => {
  test('closes it with the results; the family has no curator from that day, and may be assigned one again', async () => {
    const familyId = freshFamily();
    const assignment = await assignCurator(stack, familyId, curators.centre, '2011-03-01');
    const ended = await graphqlData(stack.gateway, mutations.endCuratorAssignment, {
      input: {
        familyId,
        version: 1,
        endedOn: '2011-11-23',
        results: 'Программа выполнена, семья снята с учёта',
      },
    });
    expect(ended).toEqual({
      endCuratorAssignment: {
        id: assignment.id,
        endedOn: '2011-11-23',
        endKind: 'WORK_COMPLETED',
        endNote: 'Программа выполнена, семья снята с учёта',
        ward: { version: 2 },
      },
    });
    const { family } = await graphqlData<{ family: unknown }>(
      stack.gateway,
      `query ($id: ID!) { family(id: $id) {
        onTheEve: currentCurator(asOf: "2011-11-22") { id } onTheDay: currentCurator(asOf: "2011-11-23") { id }
      } }`,
      { id: familyId },
    );
    expect(family).toEqual({ onTheEve: { id: curators.centre }, onTheDay: null });

    const early = await graphql(stack.gateway, mutations.assignCurator, {
      input: { familyId, curatorId: curators.police, resolution: { number: '22/1', date: '2011-11-09' } },
    });
    expect(early.errors?.[0]?.extensions).toMatchObject({ field: 'input.resolution.date' });
    const again = await assignCurator(stack, familyId, curators.police, '2011-12-07');
    expect(again.ward.version).toBe(3);
  });

  test.each([
    ['on the day it started', { endedOn: '2011-03-01' }, 'input.endedOn'],
    ['in the future', { endedOn: '2999-01-01' }, 'input.endedOn'],
    ['without results', { results: '' }, 'input.results'],
    ['from a stale version', { version: 2 }, 'input.version'],
  ])('%s is refused and changes nothing', async (_case, overrides, field) => {
    const familyId = freshFamily();
    await assignCurator(stack, familyId, curators.centre, '2011-03-01');
    const { errors } = await graphql(stack.gateway, mutations.endCuratorAssignment, {
      input: { familyId, version: 1, endedOn: '2011-10-01', results: 'Итоги', ...overrides },
    });
    expect(errors?.[0]?.extensions?.field).toBe(field);
    const [assignment] = await stack.curation.db.client.curatorAssignment.findMany({ where: { familyId } });
    expect(assignment).toMatchObject({ endedOn: null, endKind: null });
  });
});
