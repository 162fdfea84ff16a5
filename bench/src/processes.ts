import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { repositoryRoot } from '@kdn/platform';

export interface Process {
  name: string;
  url: string;
  child: ChildProcess;
}

/** A process of the benchmark: the command, the port it serves on, and its environment. */
export interface ProcessSpec {
  name: string;
  args: string[];
  port: number;
  env?: Record<string, string>;
  /** Where it answers GraphQL (or the floor's operations), and where it says it is ready. */
  path?: string;
  readyPath?: string;
}

const tsx = ['--import', 'tsx'];

export function nodeScript(entry: string): string[] {
  return [...tsx, path.join(repositoryRoot, entry)];
}

/** A process of the platform, started as docker-compose.yml starts it: with its heap capped. */
export function platformProcess(entry: string): string[] {
  return ['--max-old-space-size=256', ...nodeScript(entry)];
}

/** Hive Gateway serving `supergraph`, passing the bearer token on to the subgraphs (`hive-gateway.config.ts`). */
export function hiveGatewayArgs(supergraph: string, port: number): string[] {
  const main = createRequire(import.meta.url).resolve('@graphql-hive/gateway');
  const bin = path.join(path.dirname(main), 'bin.js');
  return [
    bin,
    'supergraph',
    supergraph,
    '--config-path',
    path.join(repositoryRoot, 'bench/src/hive-gateway.config.ts'),
    '--hive-router-runtime',
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
  ];
}

/** Starts each process in turn and waits until it answers; on failure, stops those already started. */
export async function startAll(specs: ProcessSpec[], env: Record<string, string>): Promise<Process[]> {
  const started: Process[] = [];
  try {
    for (const spec of specs) started.push(await start(spec, env));
    return started;
  } catch (error) {
    await stopAll(started);
    throw error;
  }
}

async function start(spec: ProcessSpec, env: Record<string, string>): Promise<Process> {
  const child = spawn(process.execPath, spec.args, {
    cwd: repositoryRoot,
    env: { ...process.env, ...env, ...spec.env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${spec.port}`;
  const ready = `${base}${spec.readyPath ?? '/ready'}`;
  for (let attempt = 0; attempt < 240; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`${spec.name} exited with code ${child.exitCode}`);
    const ok = await fetch(ready).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return { name: spec.name, url: `${base}${spec.path ?? '/graphql'}`, child };
    await sleep(250);
  }
  child.kill('SIGKILL');
  throw new Error(`${spec.name} did not become ready at ${ready} within a minute`);
}

export async function stopAll(processes: Process[]): Promise<void> {
  await Promise.all(
    processes.map(async ({ child }) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }),
  );
}

/** Peak resident memory of a process so far (VmHWM), in MB. */
export function peakResidentMb(child: ChildProcess): number | null {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}
