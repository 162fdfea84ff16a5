import { graphql } from '@kdn/platform/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Stack, startStack } from '../stack.ts';
import {
  assignCurator,
  createCurator,
  createDistrictWithFamilies,
  curationRowCounts,
  mutations,
} from './world.ts';

let stack: Stack;
let district: Awaited<ReturnType<typeof createDistrictWithFamilies>>;
let curatorId: string;

beforeAll(async () => {
  stack = await startStack();
  district = await createDistrictWithFamilies(stack, 'pine', { families: 2 });
  curatorId = await createCurator(stack, district.centre.id, 'Стойкая Инна Павловна');
  await assignCurator(stack, district.families[0] ?? '', curatorId, '2011-03-01');
});
afterAll(() => stack?.stop());

test('with the registry down, curators still answer, and assigning one is refused having written nothing', async () => {
  await stack.stopSubgraph('registry');
  const { data, errors } = await graphql<{
    curator: { fullName: string; wards: Array<{ address: string | null }> | null; assignments: unknown[] };
  }>(
    stack.gateway,
    `query ($id: ID!) { curator(id: $id) {
      fullName assignments { startedOn } wards(asOf: "2011-12-31") { address }
    } }`,
    { id: curatorId },
  );
  expect(data?.curator).toMatchObject({
    fullName: 'Стойкая Инна Павловна',
    assignments: [{ startedOn: '2011-03-01' }],
  });
  expect(errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'registry' });

  const before = await curationRowCounts(stack.curation.db.client);
  const refused = await graphql(stack.curation.url, mutations.assignCurator, {
    input: { familyId: district.families[1], curatorId, resolution: { number: '2/1', date: '2011-03-02' } },
  });
  expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'registry' });
  expect(await curationRowCounts(stack.curation.db.client)).toEqual(before);
});
