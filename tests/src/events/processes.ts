import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { agenciesService } from '@kdn/agencies';
import type { DatabaseLocation, SubgraphName } from '@kdn/platform';
import {
  createTestDatabases,
  type GraphQLResponse,
  graphql,
  graphqlData,
  type PlatformProcesses,
  signedIn,
  startPlatformProcesses,
} from '@kdn/platform/testing';
import { registryService } from '@kdn/registry';
import { createDistrict, createFamilies } from '../fixtures.ts';

export const administrator = { sub: 'test-admin', role: 'ADMIN' as const };

/**
 * Every service as its own process over databases of the test's own: the private cluster's URL when
 * given, else a fresh database on `DATABASE_URL`'s server, else (the embedded default) a PGlite data
 * directory per process under a temporary `KDN_DATA_DIR`. The district, its school and `families`
 * families on the register are written before the processes start; the curator and the assignments
 * are made through the gateway.
 */
export async function startSeededPlatform({
  families: count,
  districtCode = 'burst',
  postgresUrl,
}: {
  families: number;
  districtCode?: string;
  postgresUrl?: string;
}) {
  let databases: string | { dataDir: string };
  let locationOf: (service: SubgraphName) => DatabaseLocation;
  let cleanup: () => Promise<void>;
  if (postgresUrl) {
    databases = postgresUrl;
    locationOf = (schema) => ({ kind: 'postgres', url: postgresUrl, schema });
    cleanup = async () => {};
  } else if (process.env.DATABASE_URL) {
    const created = await createTestDatabases(['agencies', 'registry', 'curation', 'programmes']);
    locationOf = (service) => created.locationOf(service);
    const { url } = locationOf('agencies') as { url: string };
    databases = url;
    cleanup = () => created.drop();
  } else {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'kdn-events-'));
    databases = { dataDir };
    locationOf = (service) => ({ kind: 'pglite', dataDir: path.join(dataDir, service) });
    cleanup = () => rm(dataDir, { recursive: true, force: true });
  }

  const agencies = await agenciesService.openDatabase(locationOf('agencies'));
  const registry = await registryService.openDatabase(locationOf('registry'));
  const { commission } = await createDistrict(agencies.client, districtCode);
  const school = await agencies.client.agency.create({
    data: { districtCode, kind: 'EDUCATION', name: `МБОУ СОШ района ${districtCode}` },
  });
  const registered = await createFamilies(registry.client, {
    districtCode,
    commissionId: commission.id,
    count,
  });
  await Promise.all([agencies.close(), registry.close()]);

  let platform: PlatformProcesses | undefined;
  try {
    platform = await startPlatformProcesses(databases, { logLevel: 'warn' });
    const { createCurator } = await graphqlData<{ createCurator: { id: string } }>(
      platform.gateway,
      `mutation ($input: CreateCuratorInput!) { createCurator(input: $input) { id } }`,
      { input: { agencyId: school.id, fullName: 'Школьная Анна Сергеевна', position: 'социальный педагог' } },
    );
    const gateway = platform.gateway;
    await inParallel(
      registered.map((family) => family.id),
      4,
      (familyId) =>
        graphqlData(
          gateway,
          `mutation ($input: AssignCuratorInput!) { assignCurator(input: $input) { id } }`,
          {
            input: {
              familyId,
              curatorId: createCurator.id,
              resolution: { number: '1/1', date: '2011-03-01' },
            },
          },
        ),
    );
  } catch (error) {
    await platform?.stop();
    await cleanup();
    throw error;
  }
  const running = platform;
  return {
    platform: running,
    families: registered.map((family) => family.id),
    async stop() {
      await running.stop();
      await cleanup();
    },
  };
}

/** Runs `work` over the items, at most `width` at a time. */
export async function inParallel<Item>(
  items: readonly Item[],
  width: number,
  work: (item: Item, index: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index] as Item, index);
      }
    }),
  );
}

/** The closing day of the `index`th family of a burst: one day each, from 1 June 2011. */
export function closingDayOf(index: number): string {
  const day = new Date(Date.UTC(2011, 5, 1 + index));
  return day.toISOString().slice(0, 10);
}

/**
 * Takes a family off the register through the gateway. A refused or lost attempt (a database that
 * is restarting) is tried again until the registration is closed: a closing that did commit before
 * its answer was lost is found closed on the next look and not sent again.
 */
export async function closeUntilClosed(gateway: string, familyId: string, date: string, withinMs = 60_000) {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const answer = await attempt(gateway, familyId, date);
    if (answer === 'closed') return;
    if (Date.now() > deadline) throw new Error(`family ${familyId} not closed: ${answer}`);
    await sleep(100);
  }
}

async function attempt(gateway: string, familyId: string, date: string): Promise<string> {
  try {
    const found = await graphql<{
      family: { registrations: Array<{ id: string; version: number; open: boolean }> } | null;
    }>(gateway, 'query ($id: ID!) { family(id: $id) { registrations { id version open } } }', {
      id: familyId,
    });
    const registrations = found.data?.family?.registrations;
    if (!registrations) return JSON.stringify(found.errors ?? 'no family');
    const open = registrations.find((registration) => registration.open);
    if (!open) return 'closed';
    const closed: GraphQLResponse<unknown> = await graphql(
      gateway,
      `mutation ($input: CloseRegistrationInput!) { closeRegistration(input: $input) { id } }`,
      {
        input: {
          registrationId: open.id,
          version: open.version,
          reason: 'SITUATION_IMPROVED',
          resolution: { number: '77/3', date },
        },
      },
    );
    return closed.errors ? JSON.stringify(closed.errors) : 'closed';
  } catch (error) {
    return String(error);
  }
}

/** Every family's curator assignments (end day and kind), read through the gateway, 20 families a request. */
export async function assignmentsOf(gateway: string, familyIds: readonly string[]) {
  type Assignments = Array<{ endedOn: string | null; endKind: string | null }>;
  const found: Array<Assignments | null> = [];
  for (let start = 0; start < familyIds.length; start += 20) {
    const chunk = familyIds.slice(start, start + 20);
    const query = `{ ${chunk
      .map((id, index) => `f${index}: family(id: "${id}") { curatorAssignments { endedOn endKind } }`)
      .join(' ')} }`;
    const data = await graphqlData<Record<string, { curatorAssignments: Assignments } | null>>(
      gateway,
      query,
    );
    found.push(...chunk.map((_, index) => data[`f${index}`]?.curatorAssignments ?? null));
  }
  return found;
}

interface EnvelopeRead {
  id: string;
  type: string;
  position: string;
  familyId: string | null;
  effectiveOn: string;
  payload: Record<string, unknown>;
}

/** All of a producer's events, read as an administrator through the gateway. */
export async function eventsOf(gateway: string, producer: 'registry' | 'curation'): Promise<EnvelopeRead[]> {
  const events: EnvelopeRead[] = [];
  let after = '0';
  for (;;) {
    const data = await graphqlData<Record<string, { events: EnvelopeRead[]; endCursor: string }>>(
      gateway,
      `query ($after: String!) { ${producer}Events(after: $after, first: 1000) {
        events { id type position familyId effectiveOn payload } endCursor } }`,
      { after },
      await signedIn(administrator),
    );
    const page = data[`${producer}Events`];
    if (!page || page.events.length === 0) return events;
    events.push(...page.events);
    after = page.endCursor;
  }
}

/** Curation's cursor over the registry's events, as its administrators read it. */
export async function curationCursorOverRegistry(gateway: string): Promise<string | null> {
  const { curationEventCursors } = await graphqlData<{
    curationEventCursors: Array<{ producer: string; position: string }>;
  }>(gateway, '{ curationEventCursors { producer position } }', {}, await signedIn(administrator));
  return curationEventCursors.find((cursor) => cursor.producer === 'registry')?.position ?? null;
}

/** Polls `check` until it holds or `withinMs` passes; what the consumer does by itself takes a moment. */
export async function until(check: () => Promise<boolean>, withinMs: number, what: string) {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`not within ${withinMs} ms: ${what}`);
    await sleep(200);
  }
}
