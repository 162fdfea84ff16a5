import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startGateway } from '@kdn/gateway';
import { type RunningServer, repositoryRoot, subgraphNames } from '@kdn/platform';
import { graphqlData, signedIn, testIntegrator } from '@kdn/platform/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Stack, startStack } from '../stack.ts';

let stack: Stack;
let strict: RunningServer;
let lenient: RunningServer;
let dashboardOnly: RunningServer;

const register =
  'query Register($code: String!) { district(code: $code) { register(asOf: "2011-12-31") { families } } }';
const registerHash = createHash('sha256').update(register).digest('hex');

beforeAll(async () => {
  stack = await startStack({ demo: true });
  const manifestPath = path.join(mkdtempSync(path.join(tmpdir(), 'safelist-')), 'operations.json');
  writeFileSync(
    manifestPath,
    JSON.stringify({
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [{ id: registerHash, name: 'Register', type: 'query', body: register }],
    }),
  );
  const subgraphUrls = Object.fromEntries(subgraphNames.map((name) => [name, stack[name].url]));
  strict = await startGateway({ port: 0, subgraphUrls, safelist: { manifestPath, required: true } });
  lenient = await startGateway({ port: 0, subgraphUrls, safelist: { manifestPath, required: false } });
  dashboardOnly = await startGateway({
    port: 0,
    subgraphUrls,
    safelist: { manifestPath: dashboardManifest, required: true },
  });
});
afterAll(async () => {
  await strict?.stop();
  await lenient?.stop();
  await dashboardOnly?.stop();
  await stack?.stop();
});

const statements = () => subgraphNames.reduce((sum, name) => sum + stack[name].db.statementCount(), 0);

/** Posts as the all-scope test integrator, so that only the safelist decides. */
async function send(url: string, body: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await signedIn(testIntegrator)) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: unknown[] } };
}

const dashboardManifest = path.join(repositoryRoot, 'dashboard/persisted-operations.json');

const kirovsky = { district: { register: { families: 25 } } };

test('a safelisted operation is answered, sent in full or by its hash alone', async () => {
  for (const url of [strict.url, lenient.url]) {
    expect(await send(url, { query: register, variables: { code: 'kirovsky' } })).toEqual({
      status: 200,
      body: { data: kirovsky },
    });
    const byHash = await send(url, {
      variables: { code: 'kirovsky' },
      extensions: { persistedQuery: { version: 1, sha256Hash: registerHash } },
    });
    expect(byHash).toEqual({ status: 200, body: { data: kirovsky } });
  }
});

test('where the safelist is required, any other operation is refused before a subgraph works on it', async () => {
  const before = statements();
  const { status, body } = await send(strict.url, {
    query: '{ district(code: "kirovsky") { register(asOf: "2011-12-31") { families minors } } }',
  });
  expect(status).toBe(403);
  expect(body).toEqual({
    errors: [
      {
        message: 'This operation is not on the safelist of this gateway',
        extensions: { code: 'OPERATION_NOT_SAFELISTED' },
      },
    ],
  });
  expect(statements()).toBe(before);
});

test('where it is not required, other operations run, and an unknown hash is not found', async () => {
  const other = await send(lenient.url, { query: '{ district(code: "kirovsky") { name } }' });
  expect(other).toEqual({ status: 200, body: { data: { district: { name: expect.any(String) } } } });
  const unknown = await send(lenient.url, {
    extensions: {
      persistedQuery: { version: 1, sha256Hash: createHash('sha256').update('{ x }').digest('hex') },
    },
  });
  expect(unknown.body.errors).toEqual([
    expect.objectContaining({ extensions: expect.objectContaining({ code: 'PERSISTED_QUERY_NOT_FOUND' }) }),
  ]);
});

test('every operation of the dashboard is on its safelist, within the request limits, and answers on the demo', async () => {
  const manifest = JSON.parse(readFileSync(dashboardManifest, 'utf8')) as {
    operations: Array<{ id: string; name: string }>;
  };
  const { district } = await graphqlData<{
    district: { caseload: { byCurator: Array<{ curator: { id: string } }> } };
  }>(
    lenient.url,
    '{ district(code: "kirovsky") { caseload(asOf: "2011-12-31") { byCurator { curator { id } } } } }',
  );
  const variables = {
    code: 'kirovsky',
    id: district.caseload.byCurator[0]?.curator.id,
    asOf: '2011-12-31',
    yearStart: '2011-01-01',
    from: '2011-01-01',
    to: '2011-12-31',
  };
  expect(manifest.operations.map((operation) => operation.name)).toEqual([
    'Districts',
    'DistrictOverview',
    'DistrictCurators',
    'CuratorWards',
    'DistrictProgrammes',
    'ResourceCentres',
  ]);
  for (const operation of manifest.operations) {
    const { status, body } = await send(dashboardOnly.url, {
      variables,
      extensions: { persistedQuery: { version: 1, sha256Hash: operation.id } },
    });
    expect({ operation: operation.name, status, errors: body.errors }).toEqual({
      operation: operation.name,
      status: 200,
      errors: undefined,
    });
  }
});
