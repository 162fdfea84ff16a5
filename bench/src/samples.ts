import pg from 'pg';

/** The records the operations ask about, chosen from the seeded data in a fixed order. */
export interface Samples {
  asOf: string;
  /** The first day of the year before `asOf`: the period of the period figures. */
  yearStart: string;
  districts: string[];
  /** Families on the register on `asOf`. */
  families: string[];
  /** Curators with wards on `asOf`. */
  curators: string[];
  /** Assignments that still last, each with days a visit can be recorded on. */
  assignments: Array<{ id: string; curatorId: string; visitDays: string[] }>;
}

const limit = 2000;

export async function pickSamples(url: string, asOf: string): Promise<Samples> {
  const client = new pg.Pool({ connectionString: url, max: 4 });
  try {
    const column = async (sql: string) =>
      (await client.query(sql, [asOf])).rows.map((row) => row.id as string);
    const onDay = `"startedOn" <= $1::date AND ("endedOn" IS NULL OR "endedOn" > $1::date)`;
    const [districts, families, curators, assignments] = await Promise.all([
      column('SELECT code AS id FROM agencies."District" WHERE $1::date IS NOT NULL ORDER BY code'),
      column(
        `SELECT "familyId" AS id FROM registry."Registration"
          WHERE "openedOn" <= $1::date AND ("closedOn" IS NULL OR "closedOn" > $1::date)
          ORDER BY md5(id::text) LIMIT ${limit}`,
      ),
      column(
        `SELECT "curatorId" AS id FROM curation."CuratorAssignment" WHERE ${onDay}
          GROUP BY "curatorId" ORDER BY md5("curatorId"::text) LIMIT ${limit}`,
      ),
      client.query(
        `SELECT id, "curatorId",
                ARRAY(SELECT to_char(d, 'YYYY-MM-DD')
                        FROM generate_series(GREATEST("startedOn", $1::date - 27), $1::date, interval '1 day') d) AS "visitDays"
           FROM curation."CuratorAssignment"
          WHERE "endedOn" IS NULL AND "startedOn" <= $1::date
          ORDER BY md5(id::text) LIMIT ${limit}`,
        [asOf],
      ),
    ]);
    return {
      asOf,
      yearStart: `${Number(asOf.slice(0, 4)) - 1}${asOf.slice(4)}`,
      districts,
      families,
      curators,
      assignments: assignments.rows,
    };
  } finally {
    await client.end();
  }
}
