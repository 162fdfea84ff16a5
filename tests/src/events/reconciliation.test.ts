import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  checkInvariants,
  type FactsClient,
  type Invariant,
  type ReconciliationReport,
  repositoryRoot,
} from '@kdn/platform';
import { graphql, graphqlData, signedIn } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Stack, startStack } from '../stack.ts';
import { closeRegistration, eventually } from './world.ts';

const run = promisify(execFile);

let stack: Stack;
let client: FactsClient;
let admin: { authorization: string };

beforeAll(async () => {
  stack = await startStack({ demo: true });
  admin = await signedIn({ sub: 'admin', role: 'ADMIN' });
  client = {
    urls: {
      agencies: stack.agencies.url,
      registry: stack.registry.url,
      curation: stack.curation.url,
      programmes: stack.programmes.url,
    },
    authorization: admin.authorization,
  };
});
afterAll(() => stack?.stop());

function countsOf(report: ReconciliationReport): Record<Invariant, number> {
  return Object.fromEntries(report.results.map((result) => [result.invariant, result.count])) as Record<
    Invariant,
    number
  >;
}

function discrepanciesOf(report: ReconciliationReport, invariant: Invariant) {
  return report.results.find((result) => result.invariant === invariant)?.discrepancies ?? [];
}

describe('reconciliation', () => {
  test('finds no discrepancy on the demo', async () => {
    const report = await checkInvariants(client, { keep: 5 });
    expect(report.results.filter((result) => result.count > 0)).toEqual([]);
    expect(report.facts.registrations).toBeGreaterThan(40);
    expect(report.discrepancies).toBe(0);
  });

  test('each service serves a page of its facts in one statement, keyed by id', async () => {
    const pages = [
      ['registry', 'registrationReconciliationFacts', 'id minors { minorId addedOn countedUntil }'],
      ['curation', 'assignmentReconciliationFacts', 'id minors { minorId addedOn countedUntil }'],
      ['curation', 'curatorReconciliationFacts', 'id agencyKind'],
      ['programmes', 'programmeReconciliationFacts', 'id status'],
      ['agencies', 'agencyReconciliationFacts', 'id kind'],
    ] as const;
    for (const [service, field, selection] of pages) {
      const { url, db } = stack[service];
      const before = db.statementCount();
      const first = await graphqlData<
        Record<string, { items: Array<{ id: string }>; endCursor: string; hasMore: boolean }>
      >(url, `{ ${field}(first: 10) { items { ${selection} } endCursor hasMore } }`, {}, admin);
      expect(db.statementCount() - before, field).toBe(1);
      const page = first[field];
      expect(page?.items).toHaveLength(10);
      expect(page?.hasMore).toBe(true);
      const next = await graphqlData<Record<string, { items: Array<{ id: string }> }>>(
        url,
        `query ($after: String) { ${field}(after: $after, first: 10) { items { id } } }`,
        { after: page?.endCursor },
        admin,
      );
      expect((next[field]?.items[0]?.id ?? '') > (page?.endCursor ?? ''), field).toBe(true);
    }
  });

  describe('with discrepancies planted in curation’s tables', () => {
    let closed: { familyId: string; assignmentId: string; registrationId: string };
    let withoutMinor: { familyId: string; assignmentId: string; minorId: string };
    let curator: { curatorId: string; agencyId: string };

    beforeAll(async () => {
      const curation = stack.curation.db.client;
      const active = await curation.curatorAssignment.findMany({
        where: { endedOn: null },
        include: { minors: true, curator: true },
        orderBy: { id: 'asc' },
      });
      const [first, second] = active;
      const third = active.find(
        (assignment) => ![first?.curatorId, second?.curatorId].includes(assignment.curatorId),
      );
      if (!first || !second || !third) throw new Error('the demo has too few active assignments');

      // Taken off the register through the API, then the assignment's ending undone behind curation's back.
      await closeRegistration(stack, first.familyId, '2012-03-01');
      // On a PostgreSQL server shared with other work, an event is served once older transactions end.
      await eventually(async () => {
        await stack.settle();
        const ended = await curation.curatorAssignment.findUniqueOrThrow({ where: { id: first.id } });
        expect(ended.endKind).toBe('REGISTRATION_CLOSED');
      }, 30_000);
      await curation.$executeRaw`
        UPDATE "CuratorAssignment"
           SET "endedOn" = NULL, "endKind" = NULL, "endResolutionNumber" = NULL, "endResolutionDate" = NULL
         WHERE id = ${first.id}::uuid`;
      closed = { familyId: first.familyId, assignmentId: first.id, registrationId: first.registrationId };

      const minor = second.minors[0];
      if (!minor) throw new Error('an assignment with no minor');
      await curation.$executeRaw`
        DELETE FROM "AssignedMinor" WHERE "assignmentId" = ${second.id}::uuid AND "minorId" = ${minor.minorId}::uuid`;
      withoutMinor = { familyId: second.familyId, assignmentId: second.id, minorId: minor.minorId };

      // The agency's kind changed through the API (curation follows), then the curator's copy changed back.
      const { agency } = await graphqlData<{ agency: { version: number; kind: string } }>(
        stack.gateway,
        'query ($id: ID!) { agency(id: $id) { version kind } }',
        { id: third.curator.agencyId },
        admin,
      );
      const kind = agency.kind === 'HEALTH' ? 'YOUTH' : 'HEALTH';
      await graphqlData(
        stack.gateway,
        'mutation ($input: UpdateAgencyInput!) { updateAgency(input: $input) { id } }',
        { input: { id: third.curator.agencyId, version: agency.version, kind, effectiveOn: '2012-02-01' } },
        admin,
      );
      await eventually(async () => {
        await stack.settle();
        const copied = await curation.curator.findUniqueOrThrow({ where: { id: third.curatorId } });
        expect(copied.agencyKind).toBe(kind);
      }, 30_000);
      await curation.$executeRaw`
        UPDATE "Curator" SET "agencyKind" = ${agency.kind}::"AgencyKind" WHERE id = ${third.curatorId}::uuid`;
      curator = { curatorId: third.curatorId, agencyId: third.curator.agencyId };
    });

    test('finds each with its keys and days', async () => {
      const report = await checkInvariants(client, { keep: 50 });
      expect(discrepanciesOf(report, 'ASSIGNMENT_WHILE_REGISTERED')).toEqual([
        expect.objectContaining({ ...closed, from: '2012-03-01', until: null }),
      ]);
      expect(discrepanciesOf(report, 'MINORS_AS_REGISTERED')).toEqual([
        expect.objectContaining({ ...withoutMinor, registrationId: expect.any(String) }),
      ]);
      expect(discrepanciesOf(report, 'CURATOR_AS_AGENCY')).toEqual([expect.objectContaining(curator)]);
      expect(countsOf(report).PROGRAMME_CURATOR_OF_THE_DAY).toBe(0);
    });

    test('the administrators’ query checks some families or a district through the gateway', async () => {
      const { reconciliation } = await graphqlData<{
        reconciliation: {
          discrepancies: number;
          registrations: number;
          invariants: Array<{
            invariant: Invariant;
            count: number;
            discrepancies: Array<Record<string, unknown>>;
          }>;
        };
      }>(
        stack.gateway,
        `query ($familyIds: [ID!]) { reconciliation(familyIds: $familyIds) {
          discrepancies registrations
          invariants { invariant count discrepancies { familyId assignmentId minorId from until detail } }
        } }`,
        { familyIds: [closed.familyId, withoutMinor.familyId] },
        admin,
      );
      const counts = Object.fromEntries(
        reconciliation.invariants.map((result) => [result.invariant, result.count]),
      );
      expect(counts).toMatchObject({ ASSIGNMENT_WHILE_REGISTERED: 1, MINORS_AS_REGISTERED: 1 });
      expect(reconciliation.registrations).toBeGreaterThanOrEqual(2);

      const byDistrict = await graphqlData<{
        reconciliation: { invariants: Array<{ invariant: string; count: number }> };
      }>(
        stack.gateway,
        '{ reconciliation(districtCode: "kirovsky") { invariants { invariant count } } }',
        {},
        admin,
      );
      expect(byDistrict.reconciliation.invariants.map((result) => result.invariant)).toHaveLength(5);
    });

    test('is for administrators only, and bounded', async () => {
      const commission = await signedIn({ sub: 'commission', role: 'COMMISSION', district: 'kirovsky' });
      for (const [query, variables] of [
        ['{ reconciliation(districtCode: "kirovsky") { discrepancies } }', {}],
        ['{ registrationReconciliationFacts { hasMore } }', {}],
        ['mutation { replayCurationEvents(input: { producer: "registry", familyIds: [] }) }', {}],
      ] as const) {
        const { errors } = await graphql(stack.gateway, query, variables, commission);
        expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
      const unbounded = await graphql(stack.gateway, '{ reconciliation { discrepancies } }', {}, admin);
      expect(unbounded.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'familyIds' });
      const badPage = await graphql(
        stack.registry.url,
        '{ registrationReconciliationFacts(first: 100000) { hasMore } }',
        {},
        admin,
      );
      expect(badPage.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      const badProducer = await graphql(
        stack.gateway,
        'mutation { replayCurationEvents(input: { producer: "nobody", familyIds: [] }) }',
        {},
        admin,
      );
      expect(badProducer.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.producer',
      });
    });

    test('`npm run reconcile` lists them and fails; `--repair` replays the events and reports what remains', async () => {
      const check = await reconcileCommand([]);
      expect(check.code).toBe(1);
      for (const key of [closed.assignmentId, withoutMinor.minorId, curator.curatorId]) {
        expect(check.stdout).toContain(key);
      }

      const repair = await reconcileCommand(['--repair']);
      expect(repair.stdout).toContain('After the repair');
      // The closing and the agency's change have events: replayed, they end the assignment and fix the copy.
      const after = await checkInvariants(client, { keep: 50 });
      expect(countsOf(after)).toMatchObject({ ASSIGNMENT_WHILE_REGISTERED: 0, CURATOR_AS_AGENCY: 0 });
      const assignment = await stack.curation.db.client.curatorAssignment.findUniqueOrThrow({
        where: { id: closed.assignmentId },
      });
      expect(assignment).toMatchObject({ endedOn: new Date('2012-03-01'), endKind: 'REGISTRATION_CLOSED' });
      // The demo's minors were loaded with no event: nothing to replay, so the minor is still reported.
      expect(discrepanciesOf(after, 'MINORS_AS_REGISTERED')).toEqual([expect.objectContaining(withoutMinor)]);
      expect(repair.code).toBe(1);
      expect(repair.stdout).toContain(withoutMinor.minorId);
    });
  });
});

async function reconcileCommand(args: string[]): Promise<{ code: number; stdout: string }> {
  const env = {
    ...process.env,
    AGENCIES_URL: stack.agencies.url,
    REGISTRY_URL: stack.registry.url,
    CURATION_URL: stack.curation.url,
    PROGRAMMES_URL: stack.programmes.url,
  };
  try {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/reconcile.ts', '--first', '50', ...args],
      {
        cwd: repositoryRoot,
        env,
      },
    );
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number' || failed.code > 1) throw error;
    return { code: failed.code, stdout: failed.stdout ?? '' };
  }
}
