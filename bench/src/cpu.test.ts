import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, test } from 'vitest';
import { cpuClock, cpuSpent, perRequest } from './cpu.ts';

describe('the benchmark’s CPU clock', () => {
  test('counts the CPU a process spends, and none for one that waits', async () => {
    // Each says when it has started (Node's own start costs CPU). Then one burns 300 ms of CPU,
    // however long the machine takes to give it that, and says so; the other waits.
    const burn = `process.stdout.write('up'); setTimeout(() => {
      const from = process.cpuUsage(); let spent = 0;
      while (spent < 300_000) { const { user, system } = process.cpuUsage(from); spent = user + system; }
      process.stdout.write('done'); setTimeout(() => {}, 500); }, 50);`;
    const wait = `process.stdout.write('up'); setTimeout(() => {}, 60_000);`;
    const [busy, idle] = [burn, wait].map((code) => spawn(process.execPath, ['-e', code], { stdio: 'pipe' }));
    if (!busy || !idle) throw new Error('no child processes');
    await Promise.all([busy, idle].map((child) => once(child.stdout, 'data')));
    const clock = cpuClock([
      { name: 'busy', pid: busy.pid },
      { name: 'idle', pid: idle.pid },
    ]);
    const before = clock();
    await once(busy.stdout, 'data');
    const spent = cpuSpent(before, clock());
    idle.kill();
    expect(spent.busy).toBeGreaterThanOrEqual(290);
    expect(spent.idle).toBeLessThan(50);
    expect(Object.keys(spent)).toEqual(['busy', 'idle', 'postgres', 'load generator']);
  });

  test('divides each process’s time by the responses; a PostgreSQL backend that ended is left out', () => {
    const before = {
      named: { gateway: 100, 'load generator': 10 },
      postgres: new Map([
        [1, 40],
        [2, 500],
      ]),
    };
    const after = {
      named: { gateway: 160, 'load generator': 13 },
      postgres: new Map([
        [1, 55],
        [3, 15],
      ]),
    };
    expect(perRequest(cpuSpent(before, after), 30)).toEqual({
      gateway: 2,
      postgres: 1,
      'load generator': 0.1,
    });
  });
});
