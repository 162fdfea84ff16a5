import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { type CpuReading, type CpuTimes, cpuSpent, perRequest } from './cpu.ts';
import { percentile } from './stats.ts';

export interface Figures {
  p50: number;
  p95: number;
  p99: number;
  requestsPerSecond: number;
  requests: number;
  /** Responses that were not HTTP 2xx. */
  failures: number;
  /** CPU time per response of each process, PostgreSQL and the load generator, in ms. */
  cpuMsPerRequest: CpuTimes;
}

export interface Target {
  url: string;
  /** The body of the next request; called once per request, so each can ask about another record. */
  body: () => string;
  /** Headers beside `content-type`: the bearer token for every GraphQL target, none for the floor. */
  headers?: Record<string, string>;
}

/** A target of an operation, ready to drive: its single request timed alone. */
export interface Contestant {
  name: string;
  target: Target;
  oneRequestMs: number;
}

/**
 * Drives the targets of one operation over loopback with autocannon at a fixed number of
 * connections, in turns: up to five rounds, each target driven for its share of the time in each,
 * the order turning from round to round, so that none is measured on a machine that has got slower
 * or faster since the others were (this VM's speed drifts by a third within minutes), and no target
 * is always first after another has warmed the subgraphs they share. Each target's figures are its
 * responses of all rounds. A slow target (`isSlow`) gets one request per connection in each of the
 * first three rounds instead, so that its figures rest on answers, not on requests cut off at the
 * end of a turn. After each turn the processes are left to finish what the load generator gave up
 * on, and `beforeEach` runs before the next (the database left idle).
 */
export async function driveInTurns(
  contestants: Contestant[],
  connections: number,
  seconds: number,
  cpu: () => CpuReading,
  beforeEach: () => Promise<void>,
): Promise<Map<string, Figures>> {
  const rounds = roundsOf(seconds);
  const turnSeconds = turnSecondsOf(seconds);
  const turns = new Map(contestants.map(({ name }) => [name, [] as Turn[]]));
  for (let round = 0; round < rounds; round += 1) {
    const first = round % contestants.length;
    for (const { name, target, oneRequestMs } of [
      ...contestants.slice(first),
      ...contestants.slice(0, first),
    ]) {
      const slow = isSlow(oneRequestMs, turnSeconds);
      if (slow && round >= 3) continue;
      await beforeEach();
      const before = cpu();
      const turn = await run(target, connections, slow ? { amount: connections } : { duration: turnSeconds });
      turns.get(name)?.push({ ...turn, cpuMs: cpuSpent(before, cpu()) });
      await untilIdle(cpu);
    }
  }
  return new Map([...turns].map(([name, each]) => [name, figuresOf(each)]));
}

/** Drives a target unmeasured for a fifth of the measured time (1–2 s); a slow target is not warmed. */
export async function warmUp(
  { target, oneRequestMs }: Contestant,
  connections: number,
  seconds: number,
  cpu: () => CpuReading,
) {
  if (isSlow(oneRequestMs, turnSecondsOf(seconds))) return;
  await run(target, connections, { duration: Math.min(2, Math.max(1, seconds / 5)) });
  await untilIdle(cpu);
}

/** Up to five rounds of turns, each turn 2 s or more. */
const roundsOf = (seconds: number) => Math.max(1, Math.min(5, Math.floor(seconds / 2)));
const turnSecondsOf = (seconds: number) => seconds / roundsOf(seconds);

/** A target whose single request takes a fifth of a turn or more. */
const isSlow = (oneRequestMs: number, turnSeconds: number) => oneRequestMs * 5 >= turnSeconds * 1000;

/** Waits until the processes of the run spend under 5 % of a core (20 ms over 400 ms), at most 60 s. */
async function untilIdle(cpu: () => CpuReading): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 400) {
    const before = cpu();
    await sleep(400);
    const { postgres: _postgres, 'load generator': _generator, ...processes } = cpuSpent(before, cpu());
    if (Object.values(processes).reduce((sum, ms) => sum + ms, 0) < 20) return;
  }
}

interface Turn {
  latencies: number[];
  seconds: number;
  failures: number;
  /** CPU spent in the turn by each process, ms. */
  cpuMs: CpuTimes;
}

function figuresOf(turns: Turn[]): Figures {
  const latencies = turns.flatMap((turn) => turn.latencies).sort((a, b) => a - b);
  const seconds = turns.reduce((sum, turn) => sum + turn.seconds, 0);
  const cpuMs: CpuTimes = {};
  for (const turn of turns)
    for (const [name, ms] of Object.entries(turn.cpuMs)) cpuMs[name] = (cpuMs[name] ?? 0) + ms;
  return {
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    requestsPerSecond: seconds > 0 ? Math.round((latencies.length / seconds) * 10) / 10 : 0,
    requests: latencies.length,
    failures: turns.reduce((sum, turn) => sum + turn.failures, 0),
    cpuMsPerRequest: perRequest(cpuMs, latencies.length),
  };
}

/** Drives one target with autocannon for a time or a number of requests; its latencies, ms. */
export function run(
  target: Target,
  connections: number,
  length: { duration: number } | { amount: number },
): Promise<Omit<Turn, 'cpuMs'>> {
  const latencies: number[] = [];
  let failures = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        connections,
        ...length,
        timeout: 120,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...target.headers },
            setupRequest: (request) => ({ ...request, body: target.body() }),
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          latencies,
          seconds: result.duration,
          failures: failures + result.errors + result.timeouts,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (statusCode < 200 || statusCode > 299) failures += 1;
    });
  });
}
