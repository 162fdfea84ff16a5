import pg from 'pg';

/**
 * Drops and creates the benchmark's database. Only databases named `kdn_bench…` are recreated, so a
 * mistyped URL cannot empty anyone's data.
 */
export async function recreateDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^kdn_bench[a-z0-9_]*$/.test(name)) {
    throw new Error(
      `refusing to recreate database "${name}": the synthetic tiers go into databases named kdn_bench…`,
    );
  }
  target.pathname = '/postgres';
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}
