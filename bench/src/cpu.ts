import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** CPU time in ms, by name: each process of the run, PostgreSQL, the load generator. */
export type CpuTimes = Record<string, number>;

/** CPU time used so far by each named process and this one, and by each PostgreSQL process, by pid. */
export interface CpuReading {
  named: CpuTimes;
  postgres: Map<number, number>;
}

const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** User and system time of a process from `/proc/<pid>/stat`, in ms; 0 once it is gone. */
function processCpuMs(pid: number): number {
  try {
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return 0;
  }
}

/** Every PostgreSQL process on this machine (the server is local, on loopback), by pid. */
function postgresCpuMs(): Map<number, number> {
  const times = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres')
        times.set(Number(entry), processCpuMs(Number(entry)));
    } catch {
      // The process ended between listing and reading.
    }
  }
  return times;
}

/** A reader of the CPU time the named processes, PostgreSQL and this process (the load generator) have used. */
export function cpuClock(
  processes: ReadonlyArray<{ name: string; pid: number | undefined }>,
): () => CpuReading {
  return () => {
    const named: CpuTimes = {};
    for (const { name, pid } of processes) named[name] = pid === undefined ? 0 : processCpuMs(pid);
    const own = process.cpuUsage();
    named['load generator'] = (own.user + own.system) / 1000;
    return { named, postgres: postgresCpuMs() };
  };
}

/**
 * CPU ms spent between two readings. PostgreSQL's is that of the backends alive at the end: one that
 * started in between counts whole; one that ended in between (an idle pooled connection closed) is
 * left out, as what it spent before it ended is not known.
 */
export function cpuSpent(before: CpuReading, after: CpuReading): CpuTimes {
  const spent: CpuTimes = {};
  for (const [name, ms] of Object.entries(after.named))
    if (name !== 'load generator') spent[name] = ms - (before.named[name] ?? 0);
  let postgres = 0;
  for (const [pid, ms] of after.postgres) postgres += ms - (before.postgres.get(pid) ?? 0);
  spent.postgres = postgres;
  spent['load generator'] = (after.named['load generator'] ?? 0) - (before.named['load generator'] ?? 0);
  return spent;
}

/** CPU ms spent, per request. */
export function perRequest(spent: CpuTimes, requests: number): CpuTimes {
  return Object.fromEntries(
    Object.entries(spent).map(([name, ms]) => [name, requests > 0 ? ms / requests : 0]),
  );
}
