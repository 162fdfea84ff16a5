/**
 * `npm start`: brings the whole platform up on one machine. With no `DATABASE_URL`, every service
 * runs on its own embedded PGlite data directory under `.data/`, loaded with the demo data on first
 * start. With `DATABASE_URL`, the migrations are applied to that PostgreSQL database first (no demo
 * data: load it with `npm run demo:load`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { demoUser, demoUsers, loadDemoIntoDatabases } from '@kdn/demo';
import { type ProcessName, portOf, repositoryRoot, signDevelopmentToken, subgraphNames } from '@kdn/platform';

const processes: Array<{ name: ProcessName; entry: string }> = [
  ...subgraphNames.map((name) => ({ name, entry: `services/${name}/src/main.ts` })),
  { name: 'gateway', entry: 'gateway/src/main.ts' },
];

process.env.APOLLO_TELEMETRY_DISABLED = '1';
process.env.NEXT_TELEMETRY_DISABLED = '1';
const dashboardPort = Number(process.env.DASHBOARD_PORT ?? 3000);

if (process.env.DATABASE_URL) {
  await run('npm', ['run', 'db:migrate']);
} else {
  await loadDemoIntoDatabases({ ifEmpty: true });
}
// Before any process starts, so a failed build leaves nothing running.
await run('npm', ['run', 'build', '--workspace', '@kdn/dashboard']);

const children: ChildProcess[] = [];
let stopping = false;

function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

for (const { name, entry } of processes) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repositoryRoot, entry)], {
    stdio: 'inherit',
    env: process.env,
  });
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`${name} stopped (exit code ${code}); stopping the platform.`);
      stopAll(1);
    }
  });
  children.push(child);
  await waitUntilReady(name, `http://127.0.0.1:${portOf(name)}/ready`);
}

const dashboard = spawn(
  process.execPath,
  [
    createRequire(import.meta.url).resolve('next/dist/bin/next'),
    'start',
    '--hostname',
    process.env.HOST ?? '127.0.0.1',
    '--port',
    String(dashboardPort),
  ],
  {
    cwd: path.join(repositoryRoot, 'dashboard'),
    stdio: 'inherit',
    env: {
      ...process.env,
      GATEWAY_URL: `http://127.0.0.1:${portOf('gateway')}/graphql`,
      // The demo opens on the figures of Resolution No. 2; on PostgreSQL, on the first district today.
      ...(process.env.DATABASE_URL ? {} : { DEMO_DISTRICT: 'kirovsky', DEMO_AS_OF: '2011-12-31' }),
      // The demo's users for the sign-in picker, while tokens are the development key's; production keys mean a real identity provider.
      ...(process.env.AUTH_JWKS_URL || process.env.AUTH_JWKS_FILE
        ? {}
        : { DEMO_USERS: JSON.stringify(demoUsers) }),
    },
  },
);
dashboard.on('exit', (code) => {
  if (!stopping) {
    console.error(`dashboard stopped (exit code ${code}); stopping the platform.`);
    stopAll(1);
  }
});
children.push(dashboard);
await waitUntilReady('dashboard', `http://127.0.0.1:${dashboardPort}/api/health`);

console.log(`
The platform is up${process.env.DATABASE_URL ? ' on PostgreSQL' : ' on the embedded database (.data/), with the demo data'}:
  Dashboard           http://127.0.0.1:${dashboardPort}/
  GraphQL gateway     http://127.0.0.1:${portOf('gateway')}/graphql
${subgraphNames.map((name) => `  ${`${name} subgraph`.padEnd(20)}http://127.0.0.1:${portOf(name)}/graphql`).join('\n')}
${await signingIn()}
Ctrl-C stops everything.`);

/**
 * Every request signs in with a bearer token (clause 3.1 of the curator regulation: docs/access.md).
 * With the development key, a ready-made token of the demo's Kirovsky commission; with production
 * keys, tokens come from the identity provider only.
 */
async function signingIn(): Promise<string> {
  if (process.env.AUTH_JWKS_URL || process.env.AUTH_JWKS_FILE) {
    return 'Sign in: send `Authorization: Bearer <token>` with a token of your identity provider (docs/access.md).';
  }
  const commission = demoUser('commission-kirovsky');
  const token = await signDevelopmentToken(commission.claims);
  return `Sign in: every request carries \`Authorization: Bearer <token>\`. A development token of any role:
  npm run token -- --role COMMISSION --district kirovsky
(the demo's users, one of each role: packages/demo/src/users.ts; what each sees: docs/access.md)
Try, as ${commission.title} (the token is valid for 8 hours):
  curl -s http://127.0.0.1:${portOf('gateway')}/graphql -H 'content-type: application/json' \\
  -H 'authorization: Bearer ${token}' \\
  -d '{"query":"{ district(code: \\"kirovsky\\") { name register(asOf: \\"2011-12-31\\") { families minors } } }"}'`;
}

async function waitUntilReady(name: string, url: string) {
  for (let attempt = 0; attempt < 240; attempt += 1) {
    const ready = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await sleep(250);
  }
  console.error(`${name} did not become ready at ${url} within a minute.`);
  stopAll(1);
}

function run(command: string, args: string[]) {
  return new Promise<void>((resolve, reject) => {
    spawn(command, args, { stdio: 'inherit', cwd: repositoryRoot }).on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    );
  });
}
