import { randomUUID } from 'node:crypto';
import type { Claims } from '@kdn/platform';
import { graphql, graphqlData, signedIn } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDistrict } from '../fixtures.ts';
import { type Stack, startStack } from '../stack.ts';

let stack: Stack;
let centreAgencyId: string;
let valeCentreAgencyId: string;

beforeAll(async () => {
  stack = await startStack();
  ({
    centre: { id: centreAgencyId },
  } = await createDistrict(stack.agencies.db.client, 'hill'));
  ({
    centre: { id: valeCentreAgencyId },
  } = await createDistrict(stack.agencies.db.client, 'vale'));
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

  test('side by side, each centre reads as its district shows it, staff schedule in order', async () => {
    const schedule = [
      { title: 'социальный педагог', filled: 0.25, vacant: 0.75 },
      { title: 'заведующий отделением', filled: 1, vacant: 0 },
    ];
    await graphqlData(stack.gateway, createCentre, {
      input: centreInput({ districtCode: 'vale', agencyId: valeCentreAgencyId, staffPositions: schedule }),
    });
    const centre = `id version headAppointed secretaryAppointed staffFilled staffVacant
      staffPositions { title filled vacant } agency { id name kind } district { code name }`;
    type Centre = { district: { code: string }; staffPositions: unknown[] };
    const data = await graphqlData<{
      resourceCentres: Centre[];
      districts: Array<{ code: string; resourceCentre: Centre | null }>;
    }>(stack.gateway, `{ resourceCentres { ${centre} } districts { code resourceCentre { ${centre} } } }`);
    const byDistrict = data.districts
      .flatMap((district) => (district.resourceCentre ? [district.resourceCentre] : []))
      .sort((a, b) => a.district.code.localeCompare(b.district.code));
    expect(data.resourceCentres.map((each) => each.district.code)).toEqual(['hill', 'vale']);
    expect(data.resourceCentres).toEqual(byDistrict);
    expect(data.resourceCentres[1]).toMatchObject({
      staffFilled: 1.25,
      staffVacant: 0.75,
      staffPositions: schedule,
    });
  });
});

describe('who may change the directory (docs/access.md)', () => {
  const anyId = () => randomUUID();
  const roles: Record<string, Claims> = {
    'the district’s commission': { sub: 'commission-hill', role: 'COMMISSION', district: 'hill' },
    'an administrator': { sub: 'admin', role: 'ADMIN' },
    'an integrator with directory:write for the district': {
      sub: 'integrator-hill',
      role: 'INTEGRATOR',
      scope: 'directory:write',
      district: 'hill',
    },
    'another district’s commission': { sub: 'commission-vale', role: 'COMMISSION', district: 'vale' },
    'a curator of the district': {
      sub: 'curator-hill',
      role: 'CURATOR',
      district: 'hill',
      agency: anyId(),
      curator: anyId(),
    },
    'an agency of the district': { sub: 'agency-hill', role: 'AGENCY', district: 'hill', agency: anyId() },
    'a methodologist': { sub: 'methodologist', role: 'METHODOLOGIST' },
    'an integrator without directory:write': {
      sub: 'integrator-figures',
      role: 'INTEGRATOR',
      scope: 'aggregates:read cases:write',
    },
    'an integrator with directory:write for another district': {
      sub: 'integrator-vale',
      role: 'INTEGRATOR',
      scope: 'directory:write',
      district: 'vale',
    },
  };
  const allowed = [
    'the district’s commission',
    'an administrator',
    'an integrator with directory:write for the district',
  ];

  /** The agencies subgraph's audit, oldest first. */
  const auditRecords = () =>
    stack.agencies.db.client.$queryRawUnsafe<
      Array<{ action: string; userId: string; role: string; operation: string }>
    >('SELECT action, "userId", role, operation FROM "AuditRecord" ORDER BY at, id');

  const writes = async () => ({
    agencies: await stack.agencies.db.client.agency.findMany({ orderBy: { id: 'asc' } }),
    centres: await stack.agencies.db.client.resourceCentre.findMany({ orderBy: { id: 'asc' } }),
    staff: await stack.agencies.db.client.staffPosition.count(),
    audit: (await auditRecords()).length,
  });

  test.each(Object.keys(roles))('every signed-in user reads the directory: %s', async (who) => {
    const data = await graphqlData<{ districts: Array<{ code: string; agencies: unknown[] }> }>(
      stack.gateway,
      `{ districts { code commission { name } agencies { name kind }
         resourceCentre { staffFilled staffVacant staffPositions { title filled vacant } } }
         resourceCentres { district { code } } }`,
      {},
      await signedIn(roles[who] as Claims),
    );
    expect(data.districts.map((district) => district.code)).toEqual(expect.arrayContaining(['hill', 'vale']));
  });

  test.each(Object.keys(roles))('agencies and centres of the district hill: %s', async (who) => {
    const headers = await signedIn(roles[who] as Claims);
    const may = allowed.includes(who);
    const [agency, centre] = await Promise.all([
      stack.agencies.db.client.agency.create({
        data: { districtCode: 'hill', name: `Школа ${randomUUID()}`, kind: 'EDUCATION' },
      }),
      stack.agencies.db.client.resourceCentre.findFirst({ where: { districtCode: 'hill' } }),
    ]);
    const before = await writes();
    const attempts = [
      await graphql(
        stack.gateway,
        createAgency,
        {
          input: { districtCode: 'hill', name: 'МБОУ СОШ № 7', kind: 'EDUCATION' },
        },
        headers,
      ),
      await graphql(
        stack.gateway,
        updateAgency,
        { input: { id: agency.id, version: 1, name: 'Гимназия' } },
        headers,
      ),
      ...(centre
        ? [
            await graphql(
              stack.gateway,
              updateCentre,
              {
                input: {
                  id: centre.id,
                  version: centre.version,
                  staffPositions: [{ title: 'психолог', filled: 1 }],
                },
              },
              headers,
            ),
          ]
        : []),
    ];
    for (const { errors } of attempts) {
      if (may) expect(errors).toBeUndefined();
      else expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const after = await writes();
    if (may) {
      // One WRITE record per mutation, in its transaction, naming who made it.
      expect(after.audit - before.audit).toBe(attempts.length);
      const latest = (await auditRecords()).slice(-attempts.length);
      for (const record of latest)
        expect(record).toMatchObject({ action: 'WRITE', userId: roles[who]?.sub, role: roles[who]?.role });
    } else {
      expect(after).toEqual(before);
    }
  });

  test('another district’s commission cannot designate a resource centre there, past the gateway either', async () => {
    const headers = await signedIn(roles['another district’s commission'] as Claims);
    const before = await writes();
    for (const url of [stack.gateway, stack.agencies.url]) {
      const { errors } = await graphql(
        url,
        createCentre,
        { input: centreInput({ districtCode: 'hill' }) },
        headers,
      );
      expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await writes()).toEqual(before);
  });

  test('without a token nothing is read or written', async () => {
    const before = await writes();
    for (const url of [stack.gateway, stack.agencies.url]) {
      const read = await graphql(url, '{ districts { code } }', {}, { authorization: '' });
      expect(read.data ?? null).toBeNull();
      expect(read.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const write = await graphql(
        url,
        createAgency,
        { input: { districtCode: 'hill', name: 'Школа', kind: 'EDUCATION' } },
        { authorization: '' },
      );
      expect(write.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect(await writes()).toEqual(before);
  });
});
