/**
 * `npm run soak [-- --seconds N --rate R]`: a bounded soak test. Brings the platform up as separate
 * processes on a scratch PostgreSQL database loaded with the demo, sends a mixed read and write
 * workload to the gateway at a fixed rate (open loop: requests leave on schedule whether or not
 * earlier ones have answered), and reports failed requests, latency percentiles and each process's
 * memory. Exits non-zero if any request failed or the writes acknowledged are not all in the database.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { loadDemoIntoDatabases } from '@kdn/demo';
import { type ProcessName, subgraphNames } from '@kdn/platform';
import { signedIn, startPlatformProcesses, testIntegrator } from '@kdn/platform/testing';
import { applyMigrations, pgSession } from '@kdn/prisma/migrate';
import pg from 'pg';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '120' }, rate: { type: 'string', default: '40' } },
});
const seconds = Number(values.seconds);
const rate = Number(values.rate);
if (!(seconds > 0 && rate > 0)) throw new Error('--seconds and --rate must be positive numbers');

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `kdn_soak_${randomBytes(4).toString('hex')}`;
const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${database}` }).toString();
const processNames: ProcessName[] = [...subgraphNames, 'gateway'];
/** A request with no answer by then counts as failed. */
const requestTimeoutMs = 15_000;

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

interface Sample {
  operation: string;
  /** Sent during the warm-up (the first fifth of the run): counted for failures, not for latency. */
  warmUp: boolean;
  ms: number;
  failure?: string;
}

/**
 * The workload signs in as an integrator with every scope, as a regional system that synchronises
 * the whole register would: it reads and writes every family, so the figures stay comparable run to run.
 */
const signIn = signedIn(testIntegrator);

async function send(gateway: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(gateway, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await signIn) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(requestTimeoutMs),
  });
  const body = (await response.json()) as {
    data?: Record<string, unknown>;
    errors?: Array<{ message: string }>;
  };
  if (!response.ok || body.errors?.length || !body.data) {
    throw new Error(`HTTP ${response.status}: ${body.errors?.[0]?.message ?? 'no data'}`);
  }
  return body.data;
}

/** Resident memory of a process now, from `/proc`, in MiB. */
function residentMiB(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024);
}

interface Ward {
  assignmentId: string;
  curatorId: string;
  from: number;
  until: number;
}

/** What the workload reads and writes: the demo's families, curators with their wards, agencies. */
async function workload(gateway: string) {
  const data = (await send(
    gateway,
    `{ families(first: 100) { edges { node { id socialPassport { version } } } }
       curators(first: 100) { edges { node { id active district { code } agency { id } assignments { id startedOn endedOn } } } }
       district(code: "kirovsky") { commission { id } } }`,
  )) as {
    district: { commission: { id: string } };
    families: { edges: Array<{ node: { id: string; socialPassport: { version: number } | null } }> };
    curators: {
      edges: Array<{
        node: {
          id: string;
          active: boolean;
          district: { code: string };
          agency: { id: string };
          assignments: Array<{ id: string; startedOn: string; endedOn: string | null }>;
        };
      }>;
    };
  };
  const passports = new Map(
    data.families.edges.flatMap(({ node }) =>
      node.socialPassport ? [[node.id, node.socialPassport.version]] : [],
    ),
  );
  const lastDay = Date.parse('2011-12-31');
  const wards: Ward[] = data.curators.edges
    .flatMap(({ node }) =>
      node.assignments.map((assignment) => ({
        assignmentId: assignment.id,
        curatorId: node.id,
        from: Date.parse(assignment.startedOn),
        until: Math.min(assignment.endedOn ? Date.parse(assignment.endedOn) - 86_400_000 : lastDay, lastDay),
      })),
    )
    .filter((ward) => ward.until >= ward.from);
  const agencyIds = [...new Set(data.curators.edges.map(({ node }) => node.agency.id))];
  const familyIds = [...passports.keys()];
  if (familyIds.length === 0 || wards.length === 0) throw new Error('the demo has no families or wards');
  const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)] as T;
  const editing = new Set<string>();
  const written = { visits: 0, curators: 0, passports: 0, episodes: [] as string[] };
  const kirovskyCurators = data.curators.edges
    .filter(({ node }) => node.active && node.district.code === 'kirovsky')
    .map(({ node }) => node.id);
  const commissionId = data.district.commission.id;
  const isoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

  /** Operations by weight: most requests read, a quarter write. */
  const operations: Array<[weight: number, name: string, run: () => Promise<void>]> = [
    [
      30,
      'district overview',
      async () => {
        await send(
          gateway,
          `{ district(code: "kirovsky") { name register(asOf: "2011-12-31") { families minors }
             caseload(asOf: "2011-12-31") { total { curators families minors } byAgencyKind { kind curators } }
             homeVisits(asOf: "2011-12-31") { activeWards overdueWards } agencies { name kind } } }`,
        );
      },
    ],
    [
      25,
      'family page',
      async () => {
        await send(
          gateway,
          `query ($id: ID!) { family(id: $id) { address minors { fullName age } socialPassport { housing riskFactors }
             currentRegistration { openedOn resolution { number } } currentCurator { fullName agency { name } }
             visits { visitedOn kind } programmes { number status measures { title status agency { name } } } } }`,
          { id: pick(familyIds) },
        );
      },
    ],
    [
      20,
      'curators and wards',
      async () => {
        await send(
          gateway,
          `{ curators(first: 20, filter: { districtCode: "kirovsky" }) { totalCount edges { node { fullName
             wards(asOf: "2011-12-31") { address } } } } }`,
        );
      },
    ],
    [
      12,
      'record a visit',
      async () => {
        const ward = pick(wards);
        const day =
          ward.from + Math.floor(Math.random() * ((ward.until - ward.from) / 86_400_000 + 1)) * 86_400_000;
        await send(
          gateway,
          `mutation ($input: RecordVisitInput!, $id: ID) { recordVisit(input: $input, clientRequestId: $id) { id } }`,
          {
            id: randomUUID(),
            input: {
              assignmentId: ward.assignmentId,
              curatorId: ward.curatorId,
              visitedOn: new Date(day).toISOString().slice(0, 10),
              kind: 'HOME',
              discussed: 'Беседа с матерью о режиме дня детей',
            },
          },
        );
        written.visits += 1;
      },
    ],
    [
      8,
      'update a social passport',
      async () => {
        // One edit of a passport at a time, each from the version the last one returned: no conflicts.
        const familyId = pick(familyIds.filter((id) => !editing.has(id)));
        editing.add(familyId);
        try {
          const data = (await send(
            gateway,
            `mutation ($input: UpdateSocialPassportInput!, $id: ID) {
               updateSocialPassport(input: $input, clientRequestId: $id) { socialPassport { version } } }`,
            {
              id: randomUUID(),
              input: {
                familyId,
                version: passports.get(familyId),
                notes: `Наблюдение ${randomUUID().slice(0, 8)}`,
              },
            },
          )) as { updateSocialPassport: { socialPassport: { version: number } } };
          passports.set(familyId, data.updateSocialPassport.socialPassport.version);
          written.passports += 1;
        } finally {
          editing.delete(familyId);
        }
      },
    ],
    [
      5,
      'create a curator',
      async () => {
        await send(
          gateway,
          `mutation ($input: CreateCuratorInput!, $id: ID) { createCurator(input: $input, clientRequestId: $id) { id } }`,
          {
            id: randomUUID(),
            input: {
              agencyId: pick(agencyIds),
              fullName: 'Нагрузочная Ольга Петровна',
              position: 'педагог-психолог',
            },
          },
        );
        written.curators += 1;
      },
    ],
    [
      4,
      'a family’s episode (register, assign, close: events flow)',
      async () => {
        // Registered and assigned yesterday, taken off the register today: the closing's event must
        // end the assignment in curation by itself (checked when the run ends).
        const registered = (await send(
          gateway,
          `mutation ($input: RegisterFamilyInput!) { registerFamily(input: $input) {
             id registrations { id version } } }`,
          {
            input: {
              districtCode: 'kirovsky',
              commissionId,
              resolution: { number: `S-${randomUUID().slice(0, 8)}`, date: isoDay(-1) },
              grounds: 'Нагрузочный тест: семья в социально опасном положении',
              address: 'ул. Нагрузочная, д. 1',
              composition: 'SINGLE_MOTHER',
              socialPassport: {
                adults: 1,
                children: 1,
                housing: 'SATISFACTORY',
                incomeLevel: 'LOW',
                riskFactors: [],
              },
              minors: [
                {
                  lastName: `Нагрузочная${randomUUID().slice(0, 6)}`,
                  firstName: 'Ирина',
                  sex: 'FEMALE',
                  birthDate: '2012-04-04',
                },
              ],
            },
          },
        )) as { registerFamily: { id: string; registrations: Array<{ id: string; version: number }> } };
        const familyId = registered.registerFamily.id;
        const registration = registered.registerFamily.registrations[0];
        if (!registration) throw new Error('registered without a registration');
        await send(
          gateway,
          `mutation ($input: AssignCuratorInput!) { assignCurator(input: $input) { id } }`,
          {
            input: {
              familyId,
              curatorId: pick(kirovskyCurators),
              resolution: { number: 'S/1', date: isoDay(-1) },
            },
          },
        );
        await send(
          gateway,
          `mutation ($input: CloseRegistrationInput!) { closeRegistration(input: $input) { id } }`,
          {
            input: {
              registrationId: registration.id,
              version: registration.version,
              reason: 'SITUATION_IMPROVED',
              resolution: { number: 'S/2', date: isoDay(0) },
            },
          },
        );
        written.episodes.push(familyId);
      },
    ],
  ];
  const total = operations.reduce((sum, [weight]) => sum + weight, 0);
  const next = () => {
    let draw = Math.random() * total;
    for (const operation of operations) {
      draw -= operation[0];
      if (draw < 0) return operation;
    }
    return operations[0] as (typeof operations)[number];
  };
  return { next, written };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function counts() {
  return withClient(databaseUrl, async (client) => {
    const count = async (table: string) =>
      Number((await client.query(`SELECT count(*) FROM ${table}`)).rows[0].count);
    return { visits: await count('curation."Visit"'), curators: await count('curation."Curator"') };
  });
}

/** Assignments of these families still active once the consumers have had 10 s to apply the closings' events. */
async function activeAssignmentsAfterEvents(familyIds: string[]): Promise<number> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const active = await withClient(databaseUrl, async (client) =>
      Number(
        (
          await client.query(
            'SELECT count(*) FROM curation."CuratorAssignment" WHERE "familyId" = ANY($1::uuid[]) AND "endedOn" IS NULL',
            [familyIds],
          )
        ).rows[0].count,
      ),
    );
    if (active === 0 || Date.now() > deadline) return active;
    await sleep(200);
  }
}

async function main(): Promise<number> {
  console.log(
    `soak: ${seconds} s at ${rate} requests/s against the gateway, on PostgreSQL database ${database}`,
  );
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${database}`));
  let platform: Awaited<ReturnType<typeof startPlatformProcesses>> | undefined;
  try {
    await withClient(databaseUrl, async (client) => {
      for (const service of subgraphNames) await applyMigrations(service, pgSession(client), service);
    });
    process.env.DATABASE_URL = databaseUrl;
    await loadDemoIntoDatabases({ ifEmpty: false });
    platform = await startPlatformProcesses(databaseUrl, { logLevel: 'warn' });
    const running = platform;
    const memory = () =>
      Object.fromEntries(processNames.map((name) => [name, residentMiB(running.pidOf(name))]));
    const atLaunch = memory();
    const { next, written } = await workload(platform.gateway);
    const before = await counts();

    const samples: Sample[] = [];
    const inFlight = new Set<Promise<void>>();
    const planned = Math.round(seconds * rate);
    const warmUp = Math.round(planned / 5);
    let afterWarmUp: Record<string, number> = {};
    const started = performance.now();
    for (let index = 0; index < planned; index += 1) {
      const due = started + (index * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      if (index === warmUp) afterWarmUp = memory();
      const [, operation, run] = next();
      const sent = performance.now();
      const sample = { operation, warmUp: index < warmUp };
      const request: Promise<void> = run().then(
        () => {
          samples.push({ ...sample, ms: performance.now() - sent });
        },
        (error: unknown) => {
          samples.push({ ...sample, ms: performance.now() - sent, failure: String(error) });
        },
      );
      inFlight.add(request);
      void request.finally(() => inFlight.delete(request));
    }
    await Promise.all(inFlight);
    const elapsed = (performance.now() - started) / 1000;
    const atEnd = memory();
    const after = await counts();

    const failed = samples.filter((sample) => sample.failure);
    const steady = samples.filter((sample) => !sample.warmUp);
    const latencies = steady.map((sample) => sample.ms).sort((a, b) => a - b);
    const byOperation = new Map<string, number[]>();
    for (const sample of steady)
      byOperation.set(sample.operation, [...(byOperation.get(sample.operation) ?? []), sample.ms]);
    console.log(
      `\n${samples.length} requests in ${elapsed.toFixed(1)} s (${(samples.length / elapsed).toFixed(1)}/s), ${failed.length} failed`,
    );
    console.log(
      `latency ms after the warm-up: p50 ${percentile(latencies, 50).toFixed(1)}  p95 ${percentile(latencies, 95).toFixed(1)}  ` +
        `p99 ${percentile(latencies, 99).toFixed(1)}  max ${(latencies.at(-1) ?? Number.NaN).toFixed(1)}`,
    );
    console.log('\nafter the warm-up           requests    p50 ms    p99 ms');
    for (const [operation, values] of byOperation) {
      const sorted = values.sort((a, b) => a - b);
      console.log(
        `${operation.padEnd(28)}${String(sorted.length).padStart(8)}${percentile(sorted, 50).toFixed(1).padStart(10)}${percentile(sorted, 99).toFixed(1).padStart(10)}`,
      );
    }
    console.log('\nresident memory MiB   at launch   after warm-up   at end   growth after warm-up');
    for (const name of processNames) {
      const growth = (((atEnd[name] ?? 0) - (afterWarmUp[name] ?? 0)) / (afterWarmUp[name] ?? 1)) * 100;
      console.log(
        `${name.padEnd(22)}${String(atLaunch[name]).padStart(9)}${String(afterWarmUp[name]).padStart(16)}${String(atEnd[name]).padStart(9)}${`${growth.toFixed(1)} %`.padStart(23)}`,
      );
    }
    for (const failure of failed.slice(0, 10)) console.log(`failed ${failure.operation}: ${failure.failure}`);

    // Every closing acknowledged must have ended its family's assignment in curation, by its event alone.
    const stillActive = await activeAssignmentsAfterEvents(written.episodes);
    console.log(
      `events: ${written.episodes.length} families registered, assigned and closed; ` +
        `${stillActive === 0 ? 'every assignment ended by its closing’s event' : `${stillActive} assignments still active — MISMATCH`}`,
    );

    // A write that timed out on the client may still have been applied; one acknowledged must be there.
    const stored = { visits: after.visits - before.visits, curators: after.curators - before.curators };
    const unanswered = (operation: string) =>
      failed.filter((sample) => sample.operation === operation).length;
    const consistent =
      stored.visits >= written.visits &&
      stored.visits <= written.visits + unanswered('record a visit') &&
      stored.curators >= written.curators &&
      stored.curators <= written.curators + unanswered('create a curator');
    console.log(
      `\nwrites acknowledged: ${written.visits} visits, ${written.curators} curators, ${written.passports} passport updates; ` +
        `rows added: ${stored.visits} visits, ${stored.curators} curators${consistent ? '' : ' — MISMATCH'}`,
    );
    return failed.length === 0 && consistent && stillActive === 0 ? 0 : 1;
  } finally {
    await platform?.stop();
    await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  }
}

process.exitCode = await main();
