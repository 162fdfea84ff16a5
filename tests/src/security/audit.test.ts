import { randomUUID } from 'node:crypto';
import { personalDataHeader, type SubgraphName } from '@kdn/platform';
import { signedIn } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Stack, startStack } from '../stack.ts';
import {
  type Cases,
  entitiesQuery,
  errorCodes,
  type Loose,
  readCases,
  send,
  type User,
  user,
} from './principals.ts';

/**
 * The audit of personal data (clause 3.1 of the curator regulation): one READ record per request that
 * read it, in the subgraph that owns it, batched across requests; one WRITE record per mutation, in
 * its transaction; the table append-only; `familyAudit` (and `Family.audit`) for the commission and administrators.
 */
let stack: Stack;
let cases: Cases;
/** Belousova's ward, in Kirovsky: a family with minors and visits. */
let familyId: string;

const commission = user('commission-kirovsky');
const belousova = user('curator-belousova');

beforeAll(async () => {
  stack = await startStack({ demo: true });
  cases = await readCases(stack);
  const ward = [...cases.wardsOf(belousova.claims.curator)][0];
  if (!ward) throw new Error('the demo curator has no ward');
  familyId = ward;
});
afterAll(() => stack?.stop());

interface StoredRecord {
  requestId: string;
  userId: string;
  role: string;
  action: string;
  operation: string | null;
  familyIds: string[];
  minorIds: string[];
  fields: string[];
  changes: Loose;
}

function sqlOf(subgraph: SubgraphName) {
  return stack[subgraph].db.client as unknown as {
    $queryRawUnsafe<T>(sql: string, ...values: unknown[]): Promise<T>;
    $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number>;
  };
}

/** The records of one request id in a subgraph, once the audit writer has written what it holds. */
async function recordsOf(subgraph: SubgraphName, requestId: string): Promise<StoredRecord[]> {
  await stack[subgraph].db.audit.flush();
  return sqlOf(subgraph).$queryRawUnsafe<StoredRecord[]>(
    `SELECT "requestId", "userId", role, action, operation, "familyIds"::text[] AS "familyIds",
            "minorIds"::text[] AS "minorIds", fields, changes
       FROM "AuditRecord" WHERE "requestId" = $1 ORDER BY at, id`,
    requestId,
  );
}

const auditCount = async (subgraph: SubgraphName, action?: 'READ' | 'WRITE') => {
  await stack[subgraph].db.audit.flush();
  const [row] = await sqlOf(subgraph).$queryRawUnsafe<Array<{ count: number }>>(
    `SELECT count(*)::int AS count FROM "AuditRecord" ${action ? `WHERE action = '${action}'` : ''}`,
  );
  return row?.count ?? 0;
};

/** Sends as `who` with a request id of our own, the way a client follows its request through the logs. */
async function sendWithId(url: string, who: User, query: string, variables: Record<string, unknown> = {}) {
  const requestId = `audit-test-${randomUUID()}`;
  const answer = await send(
    url,
    { ...(await signedIn(who.claims)), 'x-request-id': requestId },
    query,
    variables,
  );
  return { requestId, answer };
}

const personalRead = `query FamilyPage($id: ID!) {
  family(id: $id) { id address minors { id fullName birthDate } visits { id discussed } }
}`;

describe('reads of personal data', () => {
  test('one READ record per request in each subgraph that owns what was read: who, which family and minors, which fields, the request id', async () => {
    const { requestId, answer } = await sendWithId(stack.gateway, commission, personalRead, { id: familyId });
    expect(answer.errors).toBeUndefined();
    const minors = cases.minors.filter((minor) => minor.familyId === familyId).map((minor) => minor.id);
    expect(minors.length).toBeGreaterThan(0);

    const [registry, ...moreRegistry] = await recordsOf('registry', requestId);
    expect(moreRegistry).toEqual([]);
    expect(registry).toMatchObject({
      requestId,
      userId: commission.claims.sub,
      role: 'COMMISSION',
      action: 'READ',
      familyIds: [familyId],
    });
    expect([...(registry?.minorIds ?? [])].sort()).toEqual([...minors].sort());
    expect(registry?.fields).toEqual(
      expect.arrayContaining(['Family.address', 'Minor.fullName', 'Minor.birthDate']),
    );

    const [curation, ...moreCuration] = await recordsOf('curation', requestId);
    expect(moreCuration).toEqual([]);
    expect(curation).toMatchObject({
      requestId,
      userId: commission.claims.sub,
      role: 'COMMISSION',
      action: 'READ',
    });
    expect(curation?.familyIds).toEqual([familyId]);
    expect(curation?.fields).toEqual(expect.arrayContaining(['Visit.discussed']));
    // The programmes subgraph was not asked for anything personal.
    expect(await recordsOf('programmes', requestId)).toEqual([]);
  });

  test('a read without personal data writes no record', async () => {
    const { requestId, answer } = await sendWithId(
      stack.gateway,
      commission,
      `query ($id: ID!) { family(id: $id) { id composition version }
         district(code: "kirovsky") { register(asOf: "2011-12-31") { families minors } } }`,
      { id: familyId },
    );
    expect(answer.errors).toBeUndefined();
    for (const subgraph of ['agencies', 'registry', 'curation', 'programmes'] as const) {
      expect(await recordsOf(subgraph, requestId)).toEqual([]);
    }
  });

  test('a subgraph’s answer that read personal data says so, for the gateway never to share it', async () => {
    const headerOf = async (selection: string) => {
      const response = await fetch(stack.registry.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await signedIn(commission.claims)) },
        body: JSON.stringify({
          query: `query ($id: ID!) { family(id: $id) { ${selection} } }`,
          variables: { id: familyId },
        }),
      });
      return response.headers.get(personalDataHeader);
    };
    expect(await headerOf('id address')).toBe('read');
    expect(await headerOf('id composition')).toBeNull();
  });

  test('N identical concurrent reads through the gateway by one user: N records', async () => {
    const n = 10;
    const before = {
      registry: await auditCount('registry', 'READ'),
      curation: await auditCount('curation', 'READ'),
    };
    const answers = await Promise.all(
      Array.from({ length: n }, () => send(stack.gateway, commission, personalRead, { id: familyId })),
    );
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    expect(await auditCount('registry', 'READ')).toBe(before.registry + n);
    expect(await auditCount('curation', 'READ')).toBe(before.curation + n);
  });

  test('a refused read writes no record', async () => {
    const { requestId, answer } = await sendWithId(
      stack.registry.url,
      user('agency-kirovsky-centre'),
      personalRead.replace(' visits { id discussed }', ''),
      {
        id: familyId,
      },
    );
    expect(answer.data?.family ?? null).toBeNull();
    expect(await recordsOf('registry', requestId)).toEqual([]);
  });

  test('the read’s own statements are those of the same read without personal data; the audit writes apart', async () => {
    const db = stack.registry.db;
    await db.audit.flush();
    const statementsOf = async (selection: string) => {
      const before = db.statementCount();
      const answer = await send(
        stack.registry.url,
        commission,
        `query ($id: ID!) { family(id: $id) { id ${selection} } }`,
        {
          id: familyId,
        },
      );
      expect(answer.errors).toBeUndefined();
      return db.statementCount() - before;
    };
    const plain = await statementsOf('composition version minors { id }');
    await db.audit.flush();
    const batchesBefore = db.auditBatchCount();
    const personal = await statementsOf('address version minors { id fullName birthDate }');
    const statementsAfterRead = db.statementCount();
    await db.audit.flush();
    expect(personal).toBe(plain);
    expect(db.statementCount()).toBe(statementsAfterRead);
    expect(db.auditBatchCount()).toBe(batchesBefore + 1);
  });

  test('N concurrent reads: N records, in far fewer INSERT batches than N', async () => {
    const db = stack.registry.db;
    await db.audit.flush();
    const n = 100;
    const batchesBefore = db.auditBatchCount();
    const recordsBefore = await auditCount('registry');
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: n }, () =>
        send(stack.registry.url, commission, 'query ($id: ID!) { family(id: $id) { id address } }', {
          id: familyId,
        }),
      ),
    );
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    await db.audit.flush();
    expect(await auditCount('registry')).toBe(recordsBefore + n);
    const batches = db.auditBatchCount() - batchesBefore;
    expect(batches).toBeGreaterThan(0);
    const took = Math.round(performance.now() - started);
    expect(batches, `${batches} INSERT batches for ${n} reads answered in ${took} ms`).toBeLessThanOrEqual(
      n / 4,
    );
  });
});

describe('writes', () => {
  const passportQuery = 'query ($id: ID!) { family(id: $id) { id socialPassport { notes version } } }';
  const update =
    'mutation ($input: UpdateSocialPassportInput!) { updateSocialPassport(input: $input) { id socialPassport { notes version } } }';

  async function passportVersion(): Promise<number> {
    const { data } = await send<{ family: { socialPassport: { version: number } } }>(
      stack.registry.url,
      commission,
      passportQuery,
      {
        id: familyId,
      },
    );
    return data?.family.socialPassport.version ?? 0;
  }

  test('a mutation writes one WRITE record with what it changed, in its own transaction (there without a flush)', async () => {
    const notes = `Семья посещена, записано проверкой аудита ${randomUUID()}`;
    const requestId = `audit-test-${randomUUID()}`;
    const answer = await send(
      stack.gateway,
      { ...(await signedIn(commission.claims)), 'x-request-id': requestId },
      update,
      {
        input: { familyId, version: await passportVersion(), notes },
      },
    );
    expect(answer.errors).toBeUndefined();
    // No flush: a WRITE record commits with the mutation, it does not wait for the batch writer. (The
    // notes the mutation answers with are a read, recorded apart.)
    const records = await sqlOf('registry').$queryRawUnsafe<StoredRecord[]>(
      `SELECT "requestId", "userId", role, action, operation, "familyIds"::text[] AS "familyIds",
              "minorIds"::text[] AS "minorIds", fields, changes
         FROM "AuditRecord" WHERE "requestId" = $1 AND action = 'WRITE'`,
      requestId,
    );
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      requestId,
      userId: commission.claims.sub,
      role: 'COMMISSION',
      action: 'WRITE',
      operation: 'updateSocialPassport',
      familyIds: [familyId],
    });
    expect(records[0]?.fields.some((field) => field.endsWith('notes'))).toBe(true);
    expect(JSON.stringify(records[0]?.changes)).toContain(notes);
  });

  test('a mutation that fails inside its transaction (a stale version) leaves no record', async () => {
    const stale = (await passportVersion()) + 1000;
    const before = await auditCount('registry', 'WRITE');
    const answer = await send(stack.registry.url, commission, update, {
      input: { familyId, version: stale, notes: 'устаревшая версия' },
    });
    expect(errorCodes(answer)).toContain('CONFLICT');
    expect(await auditCount('registry', 'WRITE')).toBe(before);
  });

  test('a refused mutation writes no record', async () => {
    const version = await passportVersion();
    const before = await auditCount('registry');
    for (const who of [user('commission-zheleznodorozhny'), belousova, user('methodologist')]) {
      const answer = await send(stack.registry.url, who, update, {
        input: { familyId, version, notes: 'не положено' },
      });
      expect(errorCodes(answer)).toEqual(['FORBIDDEN']);
    }
    expect(await auditCount('registry')).toBe(before);
    expect(await passportVersion()).toBe(version);
  });
});

describe('the audit is append-only', () => {
  test.each(['agencies', 'registry', 'curation', 'programmes'] as const)(
    '%s: UPDATE, DELETE and TRUNCATE through the service’s own client are refused',
    async (subgraph) => {
      // A record to try to change, appended the one way the table allows.
      await sqlOf(subgraph).$executeRawUnsafe(
        `INSERT INTO "AuditRecord" ("requestId", "userId", role, action, fields) VALUES ($1, 'audit-test', 'ADMIN', 'READ', '{}')`,
        `audit-test-${randomUUID()}`,
      );
      const before = await auditCount(subgraph);
      expect(before).toBeGreaterThan(0);
      const sql = sqlOf(subgraph);
      await expect(
        sql.$executeRawUnsafe(`UPDATE "AuditRecord" SET "userId" = 'someone-else'`),
      ).rejects.toThrow();
      await expect(sql.$executeRawUnsafe('DELETE FROM "AuditRecord"')).rejects.toThrow();
      await expect(sql.$executeRawUnsafe('TRUNCATE "AuditRecord"')).rejects.toThrow();
      expect(await auditCount(subgraph)).toBe(before);
      const [changed] = await sql.$queryRawUnsafe<Array<{ count: number }>>(
        `SELECT count(*)::int AS count FROM "AuditRecord" WHERE "userId" = 'someone-else'`,
      );
      expect(changed?.count).toBe(0);
    },
  );
});

describe('familyAudit: who viewed this demo family', () => {
  const auditQuery = `query ($id: ID!) { familyAudit(familyId: $id) {
    registry { at action operation requestId userId role minorIds fields }
    curation { at action requestId userId role fields }
    programmes { at action requestId userId role fields }
  } }`;
  let viewedBy: { commission: string; curator: string };

  beforeAll(async () => {
    viewedBy = {
      curator: (await sendWithId(stack.gateway, belousova, personalRead, { id: familyId })).requestId,
      commission: (await sendWithId(stack.gateway, commission, personalRead, { id: familyId })).requestId,
    };
  });

  interface Entry {
    at: string;
    requestId: string;
    userId: string;
    role: string;
    action: string;
  }

  function expectViewers(entries: Entry[] | undefined) {
    expect(entries?.find((entry) => entry.requestId === viewedBy.curator)).toMatchObject({
      userId: belousova.claims.sub,
      role: 'CURATOR',
      action: 'READ',
    });
    expect(entries?.find((entry) => entry.requestId === viewedBy.commission)).toMatchObject({
      userId: commission.claims.sub,
      role: 'COMMISSION',
      action: 'READ',
    });
    const times = (entries ?? []).map((entry) => entry.at);
    expect(times).toEqual([...times].sort().reverse());
  }

  test.each(['commission-kirovsky', 'admin'])('%s is told, newest first, in every subgraph', async (id) => {
    const answer = await send<{ familyAudit: Record<string, Entry[]> | null }>(
      stack.gateway,
      user(id),
      auditQuery,
      {
        id: familyId,
      },
    );
    expect(answer.errors).toBeUndefined();
    expectViewers(answer.data?.familyAudit?.registry);
    expectViewers(answer.data?.familyAudit?.curation);
  });

  test('an administrator asking each subgraph directly is told too', async () => {
    for (const subgraph of ['registry', 'curation'] as const) {
      const answer = await send<{ _entities: Array<Record<string, Entry[]>> }>(
        stack[subgraph].url,
        user('admin'),
        entitiesQuery(`... on FamilyAudit { familyId ${subgraph} { at action requestId userId role } }`),
        { representations: [{ __typename: 'FamilyAudit', familyId }] },
      );
      expect(answer.errors).toBeUndefined();
      expectViewers(answer.data?._entities[0]?.[subgraph]);
    }
  });

  test('a curator of the family is refused with FORBIDDEN, and gets no entry', async () => {
    const answer = await send(stack.gateway, belousova, auditQuery, { id: familyId });
    expect(errorCodes(answer)).toContain('FORBIDDEN');
    for (const code of errorCodes(answer)) expect(code).toBe('FORBIDDEN');
    expect(answer.text).not.toContain(viewedBy.commission);
  });

  test('a methodologist is refused: FORBIDDEN by each subgraph holding the family, nothing through the gateway', async () => {
    const methodologist = user('methodologist');
    const throughGateway = await send(stack.gateway, methodologist, auditQuery, { id: familyId });
    expect((throughGateway.data as Loose)?.familyAudit ?? null).toBeNull();
    expect(errorCodes(throughGateway)).toContain('FORBIDDEN');
    expect(throughGateway.text).not.toContain(viewedBy.commission);
    for (const subgraph of ['registry', 'curation'] as const) {
      const answer = await send(
        stack[subgraph].url,
        methodologist,
        entitiesQuery(`... on FamilyAudit { familyId ${subgraph} { requestId userId } }`),
        { representations: [{ __typename: 'FamilyAudit', familyId }] },
      );
      expect(errorCodes(answer)).toContain('FORBIDDEN');
      expect(answer.text).not.toContain(viewedBy.commission);
    }
  });
});
