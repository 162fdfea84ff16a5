import { graphql, graphqlData } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Stack, startStack } from '../stack.ts';
import {
  assignCurator,
  createCurator,
  createDistrictWithFamilies,
  curationRowCounts,
  mutations,
  replaceCurator,
} from './world.ts';

let stack: Stack;
let north: Awaited<ReturnType<typeof createDistrictWithFamilies>>;

beforeAll(async () => {
  stack = await startStack();
  north = await createDistrictWithFamilies(stack, 'north');
});
afterAll(() => stack?.stop());

describe('creating a curator', () => {
  test('copies the kind and district of the agency from the agencies subgraph, and lists them under the agency', async () => {
    const data = await graphqlData<{ createCurator: { id: string } }>(
      stack.gateway,
      mutations.createCurator,
      {
        input: { agencyId: north.police.id, fullName: 'Петрова Анна Ивановна', position: 'инспектор ОДН' },
      },
    );
    expect(data.createCurator).toMatchObject({
      fullName: 'Петрова Анна Ивановна',
      position: 'инспектор ОДН',
      agencyKind: 'POLICE_JUVENILE_UNIT',
      active: true,
      version: 1,
      agency: { name: 'ОДН района north' },
      district: { code: 'north' },
    });
    const { agency } = await graphqlData<{ agency: { curators: Array<{ id: string }> } }>(
      stack.gateway,
      'query ($id: ID!) { agency(id: $id) { curators { id fullName } } }',
      { id: north.police.id },
    );
    expect(agency.curators).toContainEqual({ id: data.createCurator.id, fullName: 'Петрова Анна Ивановна' });
  });

  test.each([
    ['an unknown agency', { agencyId: '0190a000-0000-7000-8000-000000000000' }, 'input.agencyId'],
    ['an agency id that is no id', { agencyId: 'school-8' }, 'input.agencyId'],
    ['a blank name', { fullName: '  ' }, 'input.fullName'],
    ['a position too long', { position: 'x'.repeat(201) }, 'input.position'],
  ])('with %s is refused, naming the field, and writes nothing', async (_case, overrides, field) => {
    const before = await curationRowCounts(stack.curation.db.client);
    const { data, errors } = await graphql(stack.gateway, mutations.createCurator, {
      input: {
        agencyId: north.school.id,
        fullName: 'Сидорова Мария Петровна',
        position: 'педагог',
        ...overrides,
      },
    });
    expect(data?.createCurator ?? null).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(errors?.[0]?.message).toContain(field);
    expect(await curationRowCounts(stack.curation.db.client)).toEqual(before);
  });
});

describe('updating a curator', () => {
  test('changes the named fields and the version; a stale version is a conflict', async () => {
    const id = await createCurator(stack, north.school.id, 'Орехова Вера Павловна');
    const updated = await graphqlData(stack.gateway, mutations.updateCurator, {
      input: { id, version: 1, position: 'заместитель директора' },
    });
    expect(updated).toEqual({
      updateCurator: {
        id,
        fullName: 'Орехова Вера Павловна',
        position: 'заместитель директора',
        active: true,
        version: 2,
      },
    });
    const stale = await graphql(stack.gateway, mutations.updateCurator, {
      input: { id, version: 1, fullName: 'Орехова Вера' },
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
    const curator = await stack.curation.db.client.curator.findUniqueOrThrow({ where: { id } });
    expect(curator).toMatchObject({ fullName: 'Орехова Вера Павловна', version: 2 });
  });

  test('of an unknown curator is refused', async () => {
    const { errors } = await graphql(stack.gateway, mutations.updateCurator, {
      input: { id: '0190a000-0000-7000-8000-000000000000', version: 1, active: false },
    });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.id' });
  });

  test('deactivates a curator only once their wards are handed over; an inactive curator takes no wards', async () => {
    const leaving = await createCurator(stack, north.police.id, 'Уходящий Олег Петрович');
    const staying = await createCurator(stack, north.police.id, 'Остающийся Иван Ильич');
    const familyId = north.families[0] ?? '';
    const assignment = await assignCurator(stack, familyId, leaving, '2011-03-01');

    const refused = await graphql(stack.gateway, mutations.updateCurator, {
      input: { id: leaving, version: 1, active: false },
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.active' });
    expect(refused.errors?.[0]?.message).toContain('1 ward');
    expect(
      await stack.curation.db.client.curator.findUniqueOrThrow({ where: { id: leaving } }),
    ).toMatchObject({
      active: true,
      version: 1,
    });

    const handedOver = await replaceCurator(stack, {
      familyId,
      version: assignment.ward.version,
      curatorId: staying,
      date: '2011-05-04',
    });
    expect(handedOver.errors).toBeUndefined();
    const deactivated = await graphqlData(stack.gateway, mutations.updateCurator, {
      input: { id: leaving, version: 1, active: false },
    });
    expect(deactivated).toMatchObject({ updateCurator: { active: false, version: 2 } });

    const { errors } = await graphql(stack.gateway, mutations.assignCurator, {
      input: {
        familyId: north.families[1],
        curatorId: leaving,
        resolution: { number: '3/1', date: '2011-06-01' },
      },
    });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.curatorId' });
    expect(errors?.[0]?.message).toContain('no longer active');
  });
});

test('curators are listed a page at a time, by district, agency and whether active', async () => {
  const south = await createDistrictWithFamilies(stack, 'south', { families: 0 });
  const southern = await createCurator(stack, south.school.id, 'Южная Дарья Олеговна');
  const list = async (filter: string) =>
    (
      await graphqlData<{
        curators: { totalCount: number; edges: Array<{ node: { id: string; active: boolean } }> };
      }>(
        stack.gateway,
        `{ curators(first: 100, filter: ${filter}) { totalCount edges { node { id active } } } }`,
      )
    ).curators;
  const all = await stack.curation.db.client.curator.findMany();
  const north = all.filter((curator) => curator.districtCode === 'north');
  expect((await list('{ districtCode: "north" }')).totalCount).toBe(north.length);
  expect((await list('{ districtCode: "south" }')).edges).toEqual([{ node: { id: southern, active: true } }]);
  expect((await list(`{ agencyId: "${south.school.id}" }`)).edges.map(({ node }) => node.id)).toEqual([
    southern,
  ]);
  const inactive = await list('{ active: false }');
  expect(inactive.totalCount).toBe(all.filter((curator) => !curator.active).length);
  expect(inactive.edges.every(({ node }) => !node.active)).toBe(true);
  const { errors } = await graphql(
    stack.gateway,
    '{ curators(filter: { agencyId: "police" }) { totalCount } }',
  );
  expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.agencyId' });
});
