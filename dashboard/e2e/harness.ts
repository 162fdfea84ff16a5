/**
 * What the browser tests drive: the dashboard built and served by Next as in production, and
 * Debian's Chromium through playwright-core (`apt-get install -y chromium`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Browser, chromium } from 'playwright-core';

const dashboardDir = path.resolve(import.meta.dirname, '..');
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');

/** Next refuses a `NODE_ENV` of `test` (vitest's); each command sets its own. */
function nextEnv(extra: Record<string, string> = {}) {
  const { NODE_ENV: _, ...env } = process.env;
  return { ...env, NEXT_TELEMETRY_DISABLED: '1', ...extra };
}

function runNext(args: string[], env: Record<string, string | undefined>) {
  const child = spawn(process.execPath, [nextBin, ...args], { cwd: dashboardDir, env, stdio: 'pipe' });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  return { child, output: () => output };
}

/** `next build`, once per run. */
export async function buildDashboard() {
  const { child, output } = runNext(['build'], nextEnv());
  const code = await new Promise((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`next build exited with ${code}:\n${output()}`);
}

async function freePort() {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

export interface Dashboard {
  url: string;
  stop(): Promise<void>;
}

/** `next start` on a free loopback port, once `/api/health` answers. */
export async function startDashboard(env: Record<string, string>): Promise<Dashboard> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { child, output } = runNext(
    ['start', '--hostname', '127.0.0.1', '--port', String(port)],
    nextEnv(env),
  );
  const stop = () => stopProcess(child);
  for (let attempt = 0; attempt < 120; attempt += 1) {
    if (child.exitCode !== null) break;
    const up = await fetch(`${url}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return { url, stop };
    await sleep(250);
  }
  await stop();
  throw new Error(`next start did not answer at ${url}:\n${output()}`);
}

async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    // Date inputs as a Russian reader sees them (31.12.2011), where Debian's chromium-l10n is installed.
    env: { ...process.env, LANGUAGE: 'ru' },
  });
}
