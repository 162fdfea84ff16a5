import { graphql, graphqlData } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDistrict } from '../fixtures.ts';
import { type Stack, startStack } from '../stack.ts';

let stack: Stack;
let centreAgencyId: string;

beforeAll(async () => {
  stack = await startStack();
  ({
    centre: { id: centreAgencyId },
  } = await createDistrict(stack.agencies.db.client, 'hill'));
  await createDistrict(stack.agencies.db.client, 'vale');
});
afterAll(() => stack?.stop());

async function agencyCount() {
  return stack.agencies.db.client.agency.count();
}

const createAgency = `mutation ($input: CreateAgencyInput!) {
  createAgency(input: $input) { id name kind version district { code } }
}`;
const updateAgency = `mutation ($input: UpdateAgencyInput!) { updateAgency(input: $input) { name kind version } }`;

describe('agencies', () => {
  test('are created in a district and listed there by kind', async () => {
    const { createAgency: agency } = await graphqlData<{ createAgency: { id: string } }>(
      stack.gateway,
      createAgency,
      {
        input: { districtCode: 'hill', name: 'МБОУ СОШ № 1', kind: 'EDUCATION' },
      },
    );
    expect(agency).toMatchObject({
      name: 'МБОУ СОШ № 1',
      kind: 'EDUCATION',
      version: 1,
      district: { code: 'hill' },
    });
    const data = await graphqlData<{ district: { agencies: Array<{ name: string }> } }>(
      stack.gateway,
      '{ district(code: "hill") { agencies(kind: EDUCATION) { name } } }',
    );
    expect(data.district.agencies).toEqual([{ name: 'МБОУ СОШ № 1' }]);
  });

  test.each([
    [
      'an unknown district',
      { districtCode: 'nowhere', name: 'Школа', kind: 'EDUCATION' },
      'input.districtCode',
    ],
    ['a blank name', { districtCode: 'hill', name: ' ', kind: 'EDUCATION' }, 'input.name'],
  ])('with %s are refused and nothing is written', async (_case, input, field) => {
    const before = await agencyCount();
    const { errors } = await graphql(stack.gateway, createAgency, { input });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await agencyCount()).toBe(before);
  });

  test('are updated from the version last read; a stale version is a conflict', async () => {
    const { createAgency: agency } = await graphqlData<{ createAgency: { id: string } }>(
      stack.gateway,
      createAgency,
      {
        input: { districtCode: 'hill', name: 'Поликлиника', kind: 'HEALTH' },
      },
    );
    const updated = await graphqlData(stack.gateway, updateAgency, {
      input: { id: agency.id, version: 1, name: 'Детская поликлиника № 2' },
    });
    expect(updated).toEqual({
      updateAgency: { name: 'Детская поликлиника № 2', kind: 'HEALTH', version: 2 },
    });
    const stale = await graphql(stack.gateway, updateAgency, {
      input: { id: agency.id, version: 1, kind: 'OTHER' },
    });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(
      await stack.agencies.db.client.agency.findUniqueOrThrow({ where: { id: agency.id } }),
    ).toMatchObject({
      kind: 'HEALTH',
      version: 2,
    });
  });
});

const createCentre = `mutation ($input: CreateResourceCentreInput!) {
  createResourceCentre(input: $input) {
    id version headAppointed secretaryAppointed staffFilled staffVacant
    staffPositions { title filled vacant }
    agency { name } district { resourceCentre { id } }
  }
}`;
const updateCentre = `mutation ($input: UpdateResourceCentreInput!) {
  updateResourceCentre(input: $input) { version secretaryAppointed staffFilled staffVacant staffPositions { title } }
}`;

function centreInput(overrides: Record<string, unknown> = {}) {
  return {
    districtCode: 'hill',
    agencyId: centreAgencyId,
    headAppointed: true,
    secretaryAppointed: false,
    staffPositions: [
      { title: 'заведующий отделением', filled: 1 },
      { title: 'психолог', filled: 1 },
      { title: 'специалист по социальной работе', filled: 1, vacant: 1.5 },
      { title: 'социальный педагог', filled: 0, vacant: 1 },
    ],
    ...overrides,
  };
}

describe('resource centres', () => {
  test.each([
    ['an agency that is not a social service centre', 'school', 'input.agencyId'],
    [
      'posts that are not quarters',
      { staffPositions: [{ title: 'психолог', filled: 0.3 }] },
      'input.staffPositions[0].filled',
    ],
    [
      'a title listed twice',
      {
        staffPositions: [
          { title: 'психолог', filled: 1 },
          { title: 'психолог', filled: 1 },
        ],
      },
      'input.staffPositions[1].title',
    ],
    ['an agency of another district', { districtCode: 'vale' }, 'input.agencyId'],
  ])('with %s are refused', async (_case, overrides, field) => {
    const input =
      overrides === 'school'
        ? centreInput({
            agencyId: (
              await stack.agencies.db.client.agency.create({
                data: { districtCode: 'hill', name: 'МБОУ СОШ № 9', kind: 'EDUCATION' },
              })
            ).id,
          })
        : centreInput(overrides as Record<string, unknown>);
    const { errors } = await graphql(stack.gateway, createCentre, { input });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await stack.agencies.db.client.resourceCentre.count()).toBe(0);
  });

  test('are designated with their staff schedule, then updated whole', async () => {
    const { createResourceCentre: centre } = await graphqlData<{ createResourceCentre: { id: string } }>(
      stack.gateway,
      createCentre,
      { input: centreInput() },
    );
    expect(centre).toMatchObject({
      version: 1,
      staffFilled: 3,
      staffVacant: 2.5,
      staffPositions: [
        { title: 'заведующий отделением', filled: 1, vacant: 0 },
        { title: 'психолог', filled: 1, vacant: 0 },
        { title: 'специалист по социальной работе', filled: 1, vacant: 1.5 },
        { title: 'социальный педагог', filled: 0, vacant: 1 },
      ],
      district: { resourceCentre: { id: centre.id } },
    });
    const second = await graphql(stack.gateway, createCentre, { input: centreInput() });
    expect(second.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.districtCode',
    });

    const updated = await graphqlData(stack.gateway, updateCentre, {
      input: {
        id: centre.id,
        version: 1,
        secretaryAppointed: true,
        staffPositions: [{ title: 'психолог', filled: 2 }],
      },
    });
    expect(updated).toEqual({
      updateResourceCentre: {
        version: 2,
        secretaryAppointed: true,
        staffFilled: 2,
        staffVacant: 0,
        staffPositions: [{ title: 'психолог' }],
      },
    });
    const stale = await graphql(stack.gateway, updateCentre, {
      input: { id: centre.id, version: 1, headAppointed: false },
    });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});
