import { subgraphServices } from '@kdn/composition/subgraphs';
import { startGateway } from '@kdn/gateway';
import { type Database, type RunningServer, type SubgraphUrls, serveService } from '@kdn/platform';
import { createTestDatabases, graphqlData, type TestDatabases } from '@kdn/platform/testing';
import { asOfIso, scales, seedSynthetic } from '@kdn/synthetic';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

// COPY, the loader's tool, is PostgreSQL's: the suite runs where the tests run on PostgreSQL.
const onPostgres = Boolean(process.env.DATABASE_URL);
const services = subgraphServices.map((service) => service.name);

let databases: TestDatabases;
let url: string;
let sql: pg.Pool;
let gateway: string;
/** The checksums of the tables as seeded, before any test writes. */
let seeded: Record<string, string>;
const servers: RunningServer[] = [];
const opened: Database<unknown>[] = [];

async function scratchSeeded(seed: number) {
  const scratch = await createTestDatabases(services);
  const location = scratch.locationOf('agencies');
  if (location.kind !== 'postgres') throw new Error('the synthetic tiers load into PostgreSQL');
  await seedSynthetic({ url: location.url, scale: scales.tiny, seed });
  return { scratch, url: location.url };
}

beforeAll(async () => {
  if (!onPostgres) return;
  ({ scratch: databases, url } = await scratchSeeded(7));
  sql = new pg.Pool({ connectionString: url, max: 4 });
  seeded = await checksums(sql);
  const peers = {} as SubgraphUrls;
  for (const service of subgraphServices) {
    const database = await service.openDatabase(databases.locationOf(service.name));
    opened.push(database);
    const server = await serveService(service, database, { port: 0, peers });
    servers.push(server);
    peers[service.name] = server.url;
  }
  const started = await startGateway({ port: 0, subgraphUrls: peers, subgraphTimeoutMs: 15_000 });
  servers.push(started);
  gateway = started.url;
});

afterAll(async () => {
  for (const server of servers.reverse()) await server.stop().catch(() => {});
  await Promise.all(opened.map((database) => database.close()));
  await sql?.end();
  await databases?.drop();
});

const rows = async <Row extends pg.QueryResultRow>(text: string, params: unknown[] = []) =>
  (await sql.query<Row>(text, params)).rows;

/** Each table's rows, hashed in a fixed order: equal hashes, equal data. */
async function checksums(pool: pg.Pool): Promise<Record<string, string>> {
  const { rows: tables } = await pool.query<{ name: string }>(
    `SELECT format('%I.%I', schemaname, relname) AS name FROM pg_stat_user_tables
      WHERE schemaname = ANY($1) AND relname <> '_prisma_migrations' ORDER BY 1`,
    [services],
  );
  // Numbers drawn from a sequence (the read model's surrogate keys) depend on the order of
  // concurrent inserts, not on the data: they are left out.
  const { rows: drawn } = await pool.query<{ name: string; columns: string[] }>(
    `SELECT format('%I.%I', table_schema, table_name) AS name, array_agg(column_name::text) AS columns
       FROM information_schema.columns
      WHERE table_schema = ANY($1) AND column_default LIKE 'nextval(%'
      GROUP BY 1`,
    [services],
  );
  const sequenced = new Map(drawn.map((table) => [table.name, table.columns]));
  const sums: Record<string, string> = {};
  for (const { name } of tables) {
    const row = `(to_jsonb(t) - $1::text[])`;
    const [sum] = (
      await pool.query<{ sum: string | null }>(
        `SELECT md5(string_agg(${row}::text, '|' ORDER BY ${row}::text)) AS sum FROM ${name} t`,
        [sequenced.get(name) ?? []],
      )
    ).rows;
    sums[name] = sum?.sum ?? 'empty';
  }
  return sums;
}

/** The schemas' indexes and constraints, as PostgreSQL defines them, in a fixed order. */
async function schemaObjects(pool: pg.Pool): Promise<string[]> {
  const { rows: objects } = await pool.query<{ definition: string }>(
    `SELECT format('%s: %s', schemaname, indexdef) AS definition FROM pg_indexes WHERE schemaname = ANY($1)
     UNION ALL
     SELECT format('%s %s: %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE n.nspname = ANY($1) AND c.contype <> 'n'
     ORDER BY 1`,
    [services],
  );
  return objects.map((object) => object.definition);
}

describe.skipIf(!onPostgres)('the synthetic tiny tier, seeded into a scratch PostgreSQL database', () => {
  test('fills every service: districts, agencies, the register over five years, curators, visits, programmes', async () => {
    const [counts] = await rows<Record<string, number>>(
      `SELECT (SELECT count(*) FROM agencies."District")::int AS districts,
              (SELECT count(*) FROM agencies."Agency")::int AS agencies,
              (SELECT count(*) FROM registry."Family")::int AS families,
              (SELECT count(*) FROM curation."Curator")::int AS curators,
              (SELECT count(*) FROM curation."Visit")::int AS visits,
              (SELECT count(*) FROM programmes."Programme")::int AS programmes,
              (SELECT count(*) FROM programmes."WorkingGroupMeeting")::int AS meetings`,
    );
    expect(counts?.districts).toBe(3);
    expect(counts?.agencies).toBeGreaterThanOrEqual(3 * 11);
    expect(counts?.families).toBeGreaterThan(60);
    expect(counts?.curators).toBeGreaterThan(9);
    expect(counts?.visits).toBeGreaterThan(counts?.families ?? 0);
    // twice a month for five years at each district's resource centre
    expect(counts?.meetings).toBe(3 * 2 * 60);
    expect(counts?.programmes).toBeGreaterThan(counts?.families ?? 0);
  });

  test('the register the API reports on the as-of date is the count taken straight from the tables', async () => {
    const data = await graphqlData<{
      districts: Array<{ code: string; register: { families: number; minors: number } }>;
    }>(gateway, `query ($asOf: Date!) { districts { code register(asOf: $asOf) { families minors } } }`, {
      asOf: asOfIso,
    });
    const direct = await rows<{ code: string; families: number; minors: number }>(
      // A minor counts from the day added until the day they leave or turn 18 (born on 29 February: 1 March).
      `SELECT r."districtCode" AS code, count(DISTINCT r."familyId")::int AS families,
              count(DISTINCT rm."minorId") FILTER (
                WHERE (rm."leftOn" IS NULL OR rm."leftOn" > $1)
                  AND (date_trunc('month', m."birthDate") + interval '18 years')::date
                      + (extract(day FROM m."birthDate")::int - 1) > $1)::int AS minors
         FROM registry."Registration" r
         JOIN registry."RegisteredMinor" rm ON rm."registrationId" = r.id AND rm."addedOn" <= $1
         JOIN registry."Minor" m ON m.id = rm."minorId"
        WHERE r."openedOn" <= $1 AND (r."closedOn" IS NULL OR r."closedOn" > $1)
        GROUP BY 1 ORDER BY 1`,
      [asOfIso],
    );
    const api = data.districts.map(({ code, register }) => ({ code, ...register }));
    expect(api.sort((a, b) => a.code.localeCompare(b.code))).toEqual(direct);
    expect(direct.every((district) => district.families > 0 && district.minors >= district.families)).toBe(
      true,
    );
  });

  test('every curator with wards, every ward overdue or not, agrees between the API and the tables', async () => {
    const [code] = (await rows<{ code: string }>('SELECT code FROM agencies."District" ORDER BY code')).map(
      (row) => row.code,
    );
    const data = await graphqlData<{
      district: {
        caseload: { total: { curators: number; families: number } };
        homeVisits: { activeWards: number };
      };
    }>(
      gateway,
      `query ($code: String!, $asOf: Date!) { district(code: $code) {
        caseload(asOf: $asOf) { total { curators families } } homeVisits(asOf: $asOf) { activeWards } } }`,
      { code, asOf: asOfIso },
    );
    const [active] = await rows<{ curators: number; families: number }>(
      `SELECT count(DISTINCT "curatorId")::int AS curators, count(DISTINCT "familyId")::int AS families
         FROM curation."CuratorAssignment"
        WHERE "districtCode" = $1 AND "startedOn" <= $2 AND ("endedOn" IS NULL OR "endedOn" > $2)`,
      [code, asOfIso],
    );
    expect(data.district.caseload.total).toEqual(active);
    expect(data.district.homeVisits.activeWards).toBe(active?.families);
  });

  test('the data keeps the services’ rules', async () => {
    const violations = await rows<{ rule: string; count: number }>(
      `SELECT rule, count::int FROM (
         SELECT 'registration closes after it opens' AS rule, count(*) FROM registry."Registration"
          WHERE "closedOn" <= "openedOn" OR "resolutionDate" <> "openedOn"
         UNION ALL
         SELECT 'minors are under 18 when put on the register', count(*) FROM registry."RegisteredMinor" rm
           JOIN registry."Minor" m ON m.id = rm."minorId"
          WHERE m."birthDate" > rm."addedOn" OR age(rm."addedOn", m."birthDate") >= interval '18 years'
         UNION ALL
         SELECT 'curators come from the ward''s district', count(*)
           FROM curation."CuratorAssignment" a JOIN curation."Curator" c ON c.id = a."curatorId"
          WHERE c."districtCode" <> a."districtCode"
         UNION ALL
         SELECT 'a ward has one assignment at a time', count(*)
           FROM curation."CuratorAssignment" a JOIN curation."CuratorAssignment" b
             ON b."familyId" = a."familyId" AND b.id <> a.id
            AND b."startedOn" >= a."startedOn" AND (a."endedOn" IS NULL OR b."startedOn" < a."endedOn")
         UNION ALL
         SELECT 'assignments lie within their registration', count(*)
           FROM curation."CuratorAssignment" a JOIN registry."Registration" r ON r.id = a."registrationId"
          WHERE a."startedOn" < r."openedOn" OR a."endedOn" IS DISTINCT FROM r."closedOn" AND a."endKind" = 'WORK_COMPLETED'
         UNION ALL
         SELECT 'visits lie within their assignment, by its curator', count(*)
           FROM curation."Visit" v JOIN curation."CuratorAssignment" a ON a.id = v."assignmentId"
          WHERE v."visitedOn" < a."startedOn" OR v."visitedOn" >= a."endedOn" OR v."curatorId" <> a."curatorId"
             OR v."familyId" <> a."familyId" OR v."visitedOn" > $1::date
         UNION ALL
         SELECT 'measures fall within their programme and name an agency of its district', count(*)
           FROM programmes."Measure" m JOIN programmes."Programme" p ON p.id = m."programmeId"
           JOIN agencies."Agency" g ON g.id = m."agencyId"
          WHERE m.deadline NOT BETWEEN p."periodFrom" AND p."periodTo" OR m."executedOn" < p."periodFrom"
             OR g."districtCode" <> p."districtCode"
         UNION ALL
         SELECT 'programmes have 8 to 20 measures across 4 to 6 agencies', count(*) FROM (
           SELECT count(*) AS measures, count(DISTINCT "agencyId") AS agencies FROM programmes."Measure"
            GROUP BY "programmeId") per
          WHERE measures NOT BETWEEN 8 AND 20 OR agencies NOT BETWEEN 4 AND 6
         UNION ALL
         SELECT 'a completed programme leaves no measure open', count(*)
           FROM programmes."Measure" m JOIN programmes."Programme" p ON p.id = m."programmeId"
          WHERE p.status = 'COMPLETED' AND m.status IN ('PLANNED', 'IN_PROGRESS')
         UNION ALL
         SELECT 'programmes are approved at a meeting that reviewed them, held within the period', count(*)
           FROM programmes."Programme" p JOIN programmes."WorkingGroupMeeting" w ON w.id = p."approvedAtId"
          WHERE w."heldOn" > p."periodTo"
             OR NOT EXISTS (SELECT 1 FROM programmes."MeetingReview" r
                             WHERE r."meetingId" = w.id AND r."programmeId" = p.id AND r."familyInvited")
         UNION ALL
         SELECT 'programmes are those of a registration of the family, by its curator then', count(*)
           FROM programmes."Programme" p JOIN registry."Registration" r ON r.id = p."registrationId"
          WHERE r."familyId" <> p."familyId" OR p."periodFrom" < r."openedOn"
             OR NOT EXISTS (SELECT 1 FROM curation."CuratorAssignment" a
                             WHERE a."registrationId" = r.id AND a."curatorId" = p."curatorId")
       ) checks WHERE count > 0`,
      [asOfIso],
    );
    expect(violations).toEqual([]);
  });

  test('some months have no home visit and some reports came late, as in life', async () => {
    const [figures] = await rows<{ late: number; reports: number }>(
      `SELECT count(*) FILTER (WHERE "submittedOn" > "dueOn")::int AS late, count(*)::int AS reports
         FROM programmes."ProgressReport"`,
    );
    expect(figures?.late).toBeGreaterThan(0);
    expect(figures?.late).toBeLessThan((figures?.reports ?? 0) / 2);
    const data = await graphqlData<{
      districts: Array<{ homeVisitMonths: { wardMonths: number; withHomeVisit: number } }>;
    }>(
      gateway,
      `query ($from: Date!, $to: Date!) { districts { homeVisitMonths(from: $from, to: $to) { wardMonths withHomeVisit } } }`,
      { from: '2022-01-01', to: asOfIso },
    );
    const months = data.districts.reduce((sum, d) => sum + d.homeVisitMonths.wardMonths, 0);
    const visited = data.districts.reduce((sum, d) => sum + d.homeVisitMonths.withHomeVisit, 0);
    expect(visited / months).toBeGreaterThan(0.8);
    expect(visited / months).toBeLessThan(0.97);
  });

  test('every reference to another service’s record resolves', async () => {
    const [dangling] = await rows<{ count: number }>(
      `SELECT ((SELECT count(*) FROM curation."CuratorAssignment" a
                 WHERE NOT EXISTS (SELECT 1 FROM registry."Registration" r WHERE r.id = a."registrationId"))
             + (SELECT count(*) FROM curation."AssignedMinor" m
                 WHERE NOT EXISTS (SELECT 1 FROM registry."Minor" x WHERE x.id = m."minorId"))
             + (SELECT count(*) FROM curation."Curator" c
                 WHERE NOT EXISTS (SELECT 1 FROM agencies."Agency" g WHERE g.id = c."agencyId"))
             + (SELECT count(*) FROM programmes."Programme" p
                 WHERE NOT EXISTS (SELECT 1 FROM agencies."ResourceCentre" rc WHERE rc.id = p."resourceCentreId")
                    OR NOT EXISTS (SELECT 1 FROM curation."Curator" c WHERE c.id = p."curatorId"))
             + (SELECT count(*) FROM programmes."WorkingGroupMeeting" w, unnest(w."attendingAgencyIds") a(id)
                 WHERE NOT EXISTS (SELECT 1 FROM agencies."Agency" g WHERE g.id = a.id)))::int AS count`,
    );
    expect(dangling?.count).toBe(0);
    const [family] = await rows<{ id: string }>(
      `SELECT "familyId" AS id FROM programmes."Programme" WHERE status = 'COMPLETED' ORDER BY id LIMIT 1`,
    );
    const data = await graphqlData<{
      family: {
        currentRegistration: { id: string } | null;
        curatorAssignments: Array<{ curator: { fullName: string }; agency: { name: string } }>;
        programmes: Array<{ curator: { fullName: string }; measures: Array<{ agency: { kind: string } }> }>;
      };
    }>(
      gateway,
      `query ($id: ID!) { family(id: $id) {
        currentRegistration(asOf: "${asOfIso}") { id }
        curatorAssignments { curator { fullName } agency { name } }
        programmes { curator { fullName } measures { agency { kind } } }
      } }`,
      { id: family?.id },
    );
    expect(data.family.curatorAssignments.length).toBeGreaterThan(0);
    expect(data.family.programmes.flatMap((p) => p.measures).every((m) => m.agency.kind)).toBe(true);
  });

  test('a visit can be recorded on a synthetic assignment, as the curator would', async () => {
    const [assignment] = await rows<{ id: string; curatorId: string }>(
      `SELECT id, "curatorId" FROM curation."CuratorAssignment" WHERE "endedOn" IS NULL ORDER BY id LIMIT 1`,
    );
    const data = await graphqlData<{ recordVisit: { visitedOn: string } }>(
      gateway,
      `mutation ($input: RecordVisitInput!) { recordVisit(input: $input) { visitedOn } }`,
      {
        input: {
          assignmentId: assignment?.id,
          curatorId: assignment?.curatorId,
          visitedOn: asOfIso,
          kind: 'HOME',
          discussed: 'Беседа о режиме дня.',
        },
      },
    );
    expect(data.recordVisit.visitedOn).toBe(asOfIso);
  });

  test('the seeded database has every index, key and constraint a migrated one has', async () => {
    const fresh = await createTestDatabases(services);
    const location = fresh.locationOf('agencies');
    if (location.kind !== 'postgres') throw new Error('the synthetic tiers load into PostgreSQL');
    const pool = new pg.Pool({ connectionString: location.url, max: 1 });
    try {
      const [seededSchema, migratedSchema] = await Promise.all([schemaObjects(sql), schemaObjects(pool)]);
      expect(seededSchema.length).toBeGreaterThan(100);
      expect(seededSchema).toEqual(migratedSchema);
    } finally {
      await pool.end();
      await fresh.drop();
    }
  });

  test('the same seed gives the same data, table by table; another seed gives other data', async () => {
    const again = await scratchSeeded(7);
    const other = await scratchSeeded(8);
    const pools = [again.url, other.url].map((connectionString) => new pg.Pool({ connectionString, max: 2 }));
    try {
      const [same, different] = await Promise.all(pools.map(checksums));
      expect(same).toEqual(seeded);
      expect(different?.['registry."Family"']).not.toBe(seeded['registry."Family"']);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
      await again.scratch.drop();
      await other.scratch.drop();
    }
  });
});
