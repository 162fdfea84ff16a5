import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ProcessName, repositoryRoot, type SubgraphName, subgraphNames } from '../config.ts';

/** A loopback port nothing listens on now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface RunningProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
}

const entries: Record<ProcessName, string> = {
  agencies: 'services/agencies/src/main.ts',
  registry: 'services/registry/src/main.ts',
  curation: 'services/curation/src/main.ts',
  programmes: 'services/programmes/src/main.ts',
  gateway: 'gateway/src/main.ts',
};

/** Where the processes keep their data: one PostgreSQL database, or the embedded default's directories. */
export type ProcessDatabases = string | { dataDir: string };

/**
 * The platform as it runs in production: each subgraph and the gateway a process of its own
 * (`node --import tsx …/main.ts`) on its own loopback port, configured from the environment, over
 * one PostgreSQL database (a URL) or, as `npm start` runs it, each subgraph on its own embedded
 * PGlite data directory under `dataDir` (`KDN_DATA_DIR`, no `DATABASE_URL`). Every line a process
 * writes, to stdout or stderr, is kept for the test to read.
 */
export async function startPlatformProcesses(databases: ProcessDatabases, { logLevel = 'info' } = {}) {
  const names: ProcessName[] = [...subgraphNames, 'gateway'];
  const ports = Object.fromEntries(
    await Promise.all(names.map(async (name) => [name, await freePort()] as const)),
  ) as Record<ProcessName, number>;
  const base = (name: ProcessName) => `http://127.0.0.1:${ports[name]}`;
  const { DATABASE_URL: _inherited, KDN_DATA_DIR: _inheritedDir, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    ...(typeof databases === 'string' ? { DATABASE_URL: databases } : { KDN_DATA_DIR: databases.dataDir }),
    LOG_LEVEL: logLevel,
    APOLLO_TELEMETRY_DISABLED: '1',
    ...Object.fromEntries(names.map((name) => [`${name.toUpperCase()}_PORT`, String(ports[name])])),
    ...Object.fromEntries(
      subgraphNames.map((name) => [`${name.toUpperCase()}_URL`, `${base(name)}/graphql`]),
    ),
  };
  const logs = new Map<ProcessName, string[]>(names.map((name) => [name, []]));
  const running = new Map<ProcessName, RunningProcess>();

  async function start(name: ProcessName) {
    const child = spawn(process.execPath, ['--import', 'tsx', entries[name]], {
      cwd: repositoryRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr]) {
      let pending = '';
      stream?.setEncoding('utf8').on('data', (chunk: string) => {
        const lines = (pending + chunk).split('\n');
        pending = lines.pop() ?? '';
        logs.get(name)?.push(...lines);
      });
    }
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    running.set(name, { child, exited });
    await waitUntilReady(name, exited);
  }

  async function waitUntilReady(name: ProcessName, exited: Promise<number | null>) {
    let stopped = false;
    void exited.then(() => {
      stopped = true;
    });
    for (let attempt = 0; attempt < 600; attempt += 1) {
      if (stopped) throw new Error(`${name} exited while starting`);
      if (await ready(name)) return;
      await sleep(100);
    }
    throw new Error(`${name} was not ready within a minute`);
  }

  async function ready(name: ProcessName): Promise<boolean> {
    return fetch(`${base(name)}/ready`, { signal: AbortSignal.timeout(2000) }).then(
      (response) => response.ok,
      () => false,
    );
  }

  function processOf(name: ProcessName): RunningProcess {
    const found = running.get(name);
    if (!found) throw new Error(`${name} is not running`);
    return found;
  }

  await Promise.all(subgraphNames.map(start));
  await start('gateway');
  return {
    gateway: `${base('gateway')}/graphql`,
    url: (name: SubgraphName) => `${base(name)}/graphql`,
    start,
    ready,
    /** Every line a process has written so far, JSON or not. */
    linesOf: (name: ProcessName): readonly string[] => logs.get(name) ?? [],
    /** The JSON objects a process has logged so far. */
    logOf: (name: ProcessName) =>
      (logs.get(name) ?? []).flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      }),
    /** Sends a signal; resolves with the exit code once the process is gone. */
    async signal(name: ProcessName, signal: NodeJS.Signals) {
      const { child, exited } = processOf(name);
      child.kill(signal);
      return exited;
    },
    isRunning: (name: ProcessName) =>
      processOf(name).child.exitCode === null && !processOf(name).child.signalCode,
    /** The operating system's id of a process, to read its memory from `/proc`. */
    pidOf: (name: ProcessName) => processOf(name).child.pid,
    async stop() {
      await Promise.all(
        [...running.values()].map(async ({ child, exited }) => {
          if (child.exitCode === null && !child.signalCode) child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timer);
        }),
      );
    },
  };
}

export type PlatformProcesses = Awaited<ReturnType<typeof startPlatformProcesses>>;
