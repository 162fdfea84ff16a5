import { randomBytes } from 'node:crypto';
import { subgraphServices } from '@kdn/composition/subgraphs';
import { commissionIds, demoUser, families, loadDemo } from '@kdn/demo';
import { type ProcessName, subgraphNames } from '@kdn/platform';
import { type PlatformProcesses, startPlatformProcesses, tokenFor } from '@kdn/platform/testing';
import { applyMigrations, pgSession } from '@kdn/prisma/migrate';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Answer, send, type User, user } from './principals.ts';

/**
 * No personal data in any log line (clause 3.1 of the curator regulation): the platform runs as real
 * processes at LOG_LEVEL=debug, several roles read and write families' personal data, some refused,
 * some with bad input, and then every line every process logged is searched for the demo's addresses,
 * minors' names and birth dates, what the test wrote, and the tokens it sent.
 */
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `kdn_logs_${randomBytes(4).toString('hex')}`;
const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${database}` }).toString();

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

const reachable = await withClient(serverUrl, async () => true).catch(() => false);
if (!reachable) console.warn(`log tests skipped: no PostgreSQL at ${new URL(serverUrl).host}`);

let platform: PlatformProcesses;
let created = false;

beforeAll(async () => {
  if (!reachable) return;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${database}`));
  created = true;
  await withClient(databaseUrl, async (client) => {
    for (const service of subgraphNames) await applyMigrations(service, pgSession(client), service);
  });
  const opened = await Promise.all(
    subgraphServices.map(
      async (service) =>
        [
          service.name,
          await service.openDatabase({ kind: 'postgres', url: databaseUrl, schema: service.name }),
        ] as const,
    ),
  );
  const clients = Object.fromEntries(opened.map(([name, db]) => [name, db.client]));
  await loadDemo(clients as unknown as Parameters<typeof loadDemo>[0]);
  await Promise.all(opened.map(([, db]) => db.close()));
  platform = await startPlatformProcesses(databaseUrl, { logLevel: 'debug' });
}, 180_000);

afterAll(async () => {
  await platform?.stop();
  if (created) {
    await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  }
}, 60_000);

/** What the test writes: personal data too, which must not reach the logs either. */
const written = {
  address: 'ул. Журналистская, д. 713, кв. 29',
  lastName: 'Протоколова',
  firstName: 'Есения',
  birthDate: '2006-07-19',
  refusedAddress: 'ул. Засекреченная, д. 404, кв. 17',
  refusedLastName: 'Незаписанный',
  badInputLastName: 'Ошибочнова',
  notes: 'Мать устроилась на работу в пекарню на ул. Потаённой',
};

const familyIdsOf = async (who: User, url: string) => {
  const answer = await send<{ families: { edges: Array<{ node: { id: string } }> } }>(
    url,
    who,
    '{ families(first: 10) { edges { node { id } } } }',
  );
  return answer.data?.families.edges.map((edge) => edge.node.id) ?? [];
};

const familyPage = `query FamilyPage($id: ID!) {
  family(id: $id) {
    id address composition
    socialPassport { housing notes riskFactors }
    minors { id fullName birthDate age }
    registrations { grounds closingNote }
    visits { discussed recommendations situationNote }
    programmes { number goals { title } measures { title executionReport } }
  }
}`;

const registerFamily = `mutation Register($input: RegisterFamilyInput!) { registerFamily(input: $input) { id address } }`;
const registration = (address: string, minor: Record<string, string>) => ({
  districtCode: 'kirovsky',
  commissionId: commissionIds.kirovsky,
  resolution: { number: `${randomBytes(2).toString('hex')}/1`, date: '2012-01-10' },
  grounds: 'Родители не исполняют обязанности по воспитанию',
  address,
  composition: 'SINGLE_MOTHER',
  socialPassport: { adults: 1, children: 1, housing: 'SATISFACTORY', incomeLevel: 'LOW', riskFactors: [] },
  minors: [{ sex: 'FEMALE', ...minor }],
});

describe.skipIf(!reachable)('real processes at LOG_LEVEL=debug', () => {
  const answers: Answer[] = [];
  const tokens: string[] = [];

  async function as(who: User, url: string, query: string, variables: Record<string, unknown> = {}) {
    tokens.push(await tokenFor(who.claims));
    const answer = await send(url, who, query, variables);
    answers.push(answer);
    return answer;
  }

  test('reads and writes of personal data as several roles, allowed, refused and with bad input', async () => {
    const commission = user('commission-kirovsky');
    const urls = [platform.gateway, platform.url('registry')];
    const ids = await familyIdsOf(commission, platform.gateway);
    expect(ids.length).toBeGreaterThan(0);

    for (const url of [platform.gateway]) {
      for (const id of ids) await as(commission, url, familyPage, { id });
    }
    for (const who of users()) {
      for (const url of urls) {
        await as(
          who,
          url,
          '{ families(first: 5) { edges { node { id address minors { fullName birthDate } } } } }',
        );
        for (const id of ids.slice(0, 3)) await as(who, platform.gateway, familyPage, { id });
      }
      await as(
        who,
        platform.gateway,
        '{ district(code: "kirovsky") { register(asOf: "2011-12-31") { families minors } caseload(asOf: "2011-12-31") { total { families } } } }',
      );
      await as(
        who,
        platform.gateway,
        'query ($id: ID!) { family(id: $id) { audit { registry { userId fields } } } }',
        {
          id: ids[0],
        },
      );
    }

    const registered = await as(commission, platform.gateway, registerFamily, {
      input: registration(written.address, {
        lastName: written.lastName,
        firstName: written.firstName,
        birthDate: written.birthDate,
      }),
    });
    expect(registered.errors).toBeUndefined();
    const refused = await as(demoUser('curator-belousova'), platform.gateway, registerFamily, {
      input: registration(written.refusedAddress, {
        lastName: written.refusedLastName,
        firstName: written.firstName,
        birthDate: written.birthDate,
      }),
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Bad input: a birth date in the future, and a value in the wrong place (it cannot be coerced).
    const future = await as(commission, platform.url('registry'), registerFamily, {
      input: registration(written.refusedAddress, {
        lastName: written.badInputLastName,
        firstName: written.firstName,
        birthDate: '2099-01-01',
      }),
    });
    expect(future.errors?.length).toBeGreaterThan(0);
    const coercion = await as(commission, platform.gateway, registerFamily, {
      input: {
        ...registration(written.refusedAddress, { lastName: 'x', firstName: 'y', birthDate: '2006-01-01' }),
        composition: written.refusedAddress,
      },
    });
    expect(coercion.errors?.length).toBeGreaterThan(0);

    const passport = await as(
      commission,
      platform.gateway,
      'query ($id: ID!) { family(id: $id) { socialPassport { version } } }',
      { id: ids[0] },
    );
    const version = (passport.data as { family?: { socialPassport?: { version: number } } })?.family
      ?.socialPassport?.version;
    await as(
      commission,
      platform.gateway,
      'mutation ($input: UpdateSocialPassportInput!) { updateSocialPassport(input: $input) { id } }',
      { input: { familyId: ids[0], version, notes: written.notes } },
    );
    await as(
      user('curator-sokolova'),
      platform.url('registry'),
      'mutation ($input: UpdateSocialPassportInput!) { updateSocialPassport(input: $input) { id } }',
      { input: { familyId: ids[0], version, notes: written.notes } },
    );

    // A bad token, and a body that is not JSON, both carrying personal data.
    answers.push(
      await send(platform.gateway, { authorization: `Bearer ${tokens[0]}x` }, familyPage, {
        id: ids[0],
        note: written.notes,
      }),
    );
    const broken = await fetch(platform.gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[0]}` },
      body: `{"query": "{ families { edges { node { address } } } }", "variables": {"address": "${written.refusedAddress}"`,
    });
    expect(broken.status).toBe(400);

    for (const answer of answers) {
      for (const error of answer.errors ?? [])
        expect(error.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
    }
    // What the logs are searched for is what the answers held: addresses, names, birth dates as the API spells them.
    const answered = answers.map((answer) => answer.text).join('\n');
    const minors = families.flatMap((family) => family.minors);
    expect(families.some((family) => answered.includes(family.address))).toBe(true);
    expect(minors.some((minor) => answered.includes(`${minor.lastName} ${minor.firstName}`))).toBe(true);
    expect(minors.some((minor) => answered.includes(minor.birthDate))).toBe(true);
  }, 120_000);

  test('no log line of any process holds an address, a minor’s name or birth date, or a token', async () => {
    // Stopped first, so that the lines logged while draining and flushing the audit are read too.
    await platform.stop();
    const names: ProcessName[] = [...subgraphNames, 'gateway'];
    const lines = names.flatMap((name) => platform.linesOf(name).map((line) => ({ name, line })));

    // The logs are there to be read: every process logged the requests it answered, with who asked.
    for (const name of names) {
      expect(platform.logOf(name).filter((line) => line.msg === 'request').length).toBeGreaterThan(0);
    }
    expect(lines.filter(({ line }) => line.includes('internal error'))).toEqual([]);

    const secrets = new Set<string>([
      ...families.flatMap((family) => [
        family.address,
        family.passport.notes,
        ...family.minors.flatMap((minor) => [
          `${minor.lastName} ${minor.firstName}`,
          `${minor.firstName} ${minor.patronymic}`,
          minor.birthDate,
        ]),
      ]),
      written.address,
      `${written.lastName} ${written.firstName}`,
      written.lastName,
      written.refusedAddress,
      written.refusedLastName,
      written.badInputLastName,
      written.birthDate,
      written.notes,
      ...tokens,
      ...tokens.map((token) => token.split('.')[2] ?? token),
    ]);
    const leaks = lines.flatMap(({ name, line }) =>
      [...secrets]
        .filter((secret) => secret && line.includes(secret))
        .map((secret) => ({ name, secret, line })),
    );
    expect(leaks).toEqual([]);
  }, 60_000);
});

/** Roles that read differently: the commission, a curator, an agency, a methodologist, integrators. */
function users(): User[] {
  return [
    user('commission-kirovsky'),
    user('commission-zheleznodorozhny'),
    user('curator-belousova'),
    user('agency-kirovsky-centre'),
    user('methodologist'),
    user('integrator-cases'),
    user('admin'),
  ];
}
