/**
 * `npm start`: brings the whole platform up on one machine. With no `DATABASE_URL`, every service
 * runs on its own embedded PGlite data directory under `.data/`, loaded with the demo data on first
 * start. With `DATABASE_URL`, the migrations are applied to that PostgreSQL database first (no demo
 * data: load it with `npm run demo:load`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadDemoIntoDatabases } from '@kdn/demo';
import { type ProcessName, portOf, repositoryRoot, subgraphNames } from '@kdn/platform';

const processes: Array<{ name: ProcessName; entry: string }> = [
  ...subgraphNames.map((name) => ({ name, entry: `services/${name}/src/main.ts` })),
  { name: 'gateway', entry: 'gateway/src/main.ts' },
];

process.env.APOLLO_TELEMETRY_DISABLED = '1';

if (process.env.DATABASE_URL) {
  await run('npm', ['run', 'db:migrate']);
} else {
  await loadDemoIntoDatabases({ ifEmpty: true });
}

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
  await waitUntilReady(name);
}

console.log(`
The platform is up${process.env.DATABASE_URL ? ' on PostgreSQL' : ' on the embedded database (.data/), with the demo data'}:
  GraphQL gateway     http://127.0.0.1:${portOf('gateway')}/graphql
${subgraphNames.map((name) => `  ${`${name} subgraph`.padEnd(20)}http://127.0.0.1:${portOf(name)}/graphql`).join('\n')}
Try: curl -s http://127.0.0.1:${portOf('gateway')}/graphql -H 'content-type: application/json' \\
  -d '{"query":"{ district(code: \\"kirovsky\\") { name register(asOf: \\"2011-12-31\\") { families minors } } }"}'
Ctrl-C stops everything.`);

async function waitUntilReady(name: ProcessName) {
  const url = `http://127.0.0.1:${portOf(name)}/ready`;
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
