import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { subgraphNames } from '@kdn/platform';
import { freePort } from '@kdn/platform/testing';
import { applyMigrations, pgSession } from '@kdn/prisma/migrate';
import pg from 'pg';

const run = promisify(execFile);

/** The newest PostgreSQL server binaries installed from Debian's packages, if any. */
export function postgresBinaries(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((version) => existsSync(path.join(root, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

/**
 * A PostgreSQL cluster of the test's own, in a temporary directory on a free port, that the test may
 * stop and start at will without disturbing the machine's shared server. PostgreSQL refuses to run as
 * root, so as root its commands run as the `postgres` user.
 */
export async function startPrivatePostgres(bin: string) {
  const asPostgres = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  const command = (program: string, args: string[]) => {
    const [first, ...rest] = [...asPostgres, path.join(bin, program), ...args];
    return run(first as string, rest, { timeout: 60_000 });
  };
  const dir = await mkdtemp(path.join(tmpdir(), 'kdn-pg-'));
  if (asPostgres.length > 0) await run('chown', ['postgres:', dir]);
  const port = await freePort();
  await command('initdb', [
    '-D',
    dir,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--no-locale',
    '--no-sync',
  ]);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c full_page_writes=off`;
  const start = () =>
    command('pg_ctl', ['-D', dir, '-l', path.join(dir, 'server.log'), '-w', '-o', options, 'start']);
  const stop = () => command('pg_ctl', ['-D', dir, '-m', 'fast', '-w', 'stop']);
  await start();
  const url = `postgres://postgres@127.0.0.1:${port}/kdn`;
  await withClient(`postgres://postgres@127.0.0.1:${port}/postgres`, (client) =>
    client.query('CREATE DATABASE kdn'),
  );
  await withClient(url, async (client) => {
    for (const service of subgraphNames) await applyMigrations(service, pgSession(client), service);
  });
  return {
    url,
    start,
    stop,
    async destroy() {
      await stop().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type PrivatePostgres = Awaited<ReturnType<typeof startPrivatePostgres>>;

export async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
