import { graphql } from '@kdn/platform/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createDistrict, createFamilies, registryRowCounts } from '../fixtures.ts';
import { type Stack, startStack } from '../stack.ts';

let stack: Stack;
let commissionId: string;

beforeAll(async () => {
  stack = await startStack();
  ({
    commission: { id: commissionId },
  } = await createDistrict(stack.agencies.db.client, 'lake'));
  await createFamilies(stack.registry.db.client, { districtCode: 'lake', commissionId, count: 3 });
});
afterAll(() => stack?.stop());

test('with the agencies subgraph down, the registry still answers and the error names what is missing', async () => {
  await stack.stopSubgraph('agencies');
  const started = Date.now();
  const { data, errors } = await graphql<{
    families: { edges: Array<{ node: { address: string; district: unknown } }> };
  }>(
    stack.gateway,
    '{ families(first: 3) { edges { node { address district { name } } } } districts { code } }',
  );
  expect(Date.now() - started).toBeLessThan(2000);
  expect(data?.families.edges.map((edge) => edge.node)).toEqual([
    { address: 'ул. Тестовая, д. 1', district: null },
    { address: 'ул. Тестовая, д. 2', district: null },
    { address: 'ул. Тестовая, д. 3', district: null },
  ]);
  expect(errors?.length).toBeGreaterThan(0);
  for (const error of errors ?? [])
    expect(error.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'agencies' });

  const before = await registryRowCounts(stack.registry.db.client);
  const registration = await graphql(
    stack.registry.url,
    `mutation ($input: RegisterFamilyInput!) { registerFamily(input: $input) { id } }`,
    {
      input: {
        districtCode: 'lake',
        commissionId,
        resolution: { number: '1/1', date: '2011-03-01' },
        grounds: 'Основание',
        address: 'ул. Озёрная, д. 1',
        composition: 'TWO_PARENTS',
        socialPassport: {
          adults: 2,
          children: 1,
          housing: 'SATISFACTORY',
          incomeLevel: 'LOW',
          riskFactors: [],
        },
        minors: [{ lastName: 'Иванов', firstName: 'Пётр', sex: 'MALE', birthDate: '2004-01-01' }],
      },
    },
  );
  expect(registration.errors?.[0]?.extensions).toMatchObject({
    code: 'SERVICE_UNAVAILABLE',
    service: 'agencies',
  });
  expect(await registryRowCounts(stack.registry.db.client)).toEqual(before);
});
