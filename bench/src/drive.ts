import autocannon from 'autocannon';
import { type CpuReading, type CpuTimes, perRequest } from './cpu.ts';

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

/**
 * Drives one target over loopback with autocannon at a fixed number of connections for a fixed
 * time, after a short warm-up, and returns the latency percentiles of every response and the rate.
 * A target whose single request (`oneRequestMs`) takes a fifth of the time or more gets a fixed
 * number of requests instead, three per connection, so that its figures rest on answers, not on
 * requests cut off at the end.
 */
export async function drive(
  target: Target,
  connections: number,
  seconds: number,
  oneRequestMs: number,
  cpu: () => CpuReading,
): Promise<Figures> {
  const slow = oneRequestMs * 5 >= seconds * 1000;
  if (!slow) await run(target, connections, { duration: Math.min(2, Math.max(1, seconds / 5)) });
  const before = cpu();
  const figures = await run(target, connections, slow ? { amount: connections * 3 } : { duration: seconds });
  return { ...figures, cpuMsPerRequest: perRequest(before, cpu(), figures.requests) };
}

function run(
  target: Target,
  connections: number,
  length: { duration: number } | { amount: number },
): Promise<Omit<Figures, 'cpuMsPerRequest'>> {
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
        latencies.sort((a, b) => a - b);
        resolve({
          p50: percentile(latencies, 0.5),
          p95: percentile(latencies, 0.95),
          p99: percentile(latencies, 0.99),
          requestsPerSecond: Math.round((latencies.length / result.duration) * 10) / 10,
          requests: latencies.length,
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

function percentile(sorted: number[], share: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1);
  return Math.round((sorted[index] as number) * 10) / 10;
}
