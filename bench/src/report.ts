import type { Figures } from './drive.ts';
import { operations } from './operations.ts';

export interface Measurement {
  operation: string;
  /** floor, direct (the subgraph alone), gateway (ours), hive (Hive Gateway). */
  target: string;
  figures?: Figures;
  /** A warm request before the load, alone on an idle server: its latency. */
  oneRequestMs?: number;
  /** Why the target has no figures: it did not answer, or answered with errors. */
  error?: string;
}

export interface Run {
  scale: string;
  seed: number;
  asOf: string;
  seedSeconds: Record<string, number>;
  seedRows: Record<string, number>;
  date: string;
  command: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; postgres: string };
  connections: number;
  seconds: number;
  measurements: Measurement[];
  statements: Record<string, Partial<Record<string, number>>>;
  memory: Record<string, number | null>;
}

const targetNames: Record<string, string> = {
  floor: 'raw-SQL floor',
  direct: 'subgraph directly',
  gateway: 'our gateway (@apollo/gateway)',
  hive: 'Hive Gateway (router runtime)',
};

const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || b === 0 ? '–' : `${(a / b).toFixed(2)}×`;

/** The run as Markdown: a table per operation with the ratios, then statements and memory. */
export function markdownReport(run: Run): string {
  const lines = [
    `### ${run.scale} tier, ${run.date.slice(0, 10)}`,
    '',
    `\`${run.command}\` — ${run.connections} connections, ${run.seconds} s per target, in turns of up to five rounds after every target is warmed up; as of ${run.asOf}, seed ${run.seed}.`,
    `Machine: ${run.machine.cpus} × ${run.machine.cpuModel}, ${run.machine.memoryGb} GB, Node ${run.machine.node}, PostgreSQL ${run.machine.postgres}.`,
    '',
  ];
  for (const operation of operations) {
    const rows = run.measurements.filter((m) => m.operation === operation.name);
    if (rows.length === 0) continue;
    const of = (target: string) => rows.find((m) => m.target === target)?.figures;
    const [floor, direct, gateway, hive] = ['floor', 'direct', 'gateway', 'hive'].map(of);
    lines.push(
      `#### ${operation.title}`,
      '',
      '| target | one request alone, ms | p50 ms | p95 ms | p99 ms | req/s | requests |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const { target, figures, error, oneRequestMs } of rows) {
      lines.push(
        figures
          ? `| ${targetNames[target] ?? target} | ${oneRequestMs ?? '–'} | ${figures.p50} | ${figures.p95} | ${figures.p99} | ${figures.requestsPerSecond}${figures.failures ? ` (${figures.failures} failed)` : ''} | ${figures.requests} |`
          : `| ${targetNames[target] ?? target} | failed: ${error?.replaceAll('|', '/')} | | | | | |`,
      );
    }
    lines.push(
      '',
      `p95: federated/floor ${ratio(gateway?.p95, floor?.p95)}, gateway/direct ${ratio(gateway?.p95, direct?.p95)}, ` +
        `ours/Hive ${ratio(gateway?.p95, hive?.p95)}; within 1.5 × floor + 5 ms: ` +
        `${gateway && floor ? (gateway.p95 <= 1.5 * floor.p95 + 5 ? 'yes' : 'no') : '–'}. ` +
        `Statements per request: ${statementsOf(run, operation.name)}.`,
      '',
      ...cpuTable(rows),
    );
  }
  lines.push('Peak resident memory (VmHWM) of each process:', '', '| process | MB |', '| --- | ---: |');
  for (const [name, mb] of Object.entries(run.memory)) lines.push(`| ${name} | ${mb ?? '–'} |`);
  lines.push('', `Seeding the tier took ${run.seedSeconds.total} s (${phases(run.seedSeconds)}); rows:`, '');
  lines.push('| table | rows |', '| --- | ---: |');
  for (const [table, count] of Object.entries(run.seedRows))
    lines.push(`| ${table} | ${count.toLocaleString('en-US')} |`);
  return `${lines.join('\n')}\n`;
}

/**
 * Where the CPU went: each process's time per response while the target was driven, whichever
 * process served it (the gateways and the floor pass the work on to the others).
 */
function cpuTable(rows: Measurement[]): string[] {
  const measured = rows.filter((row) => row.figures);
  const first = measured[0]?.figures;
  if (!first) return [];
  const names = Object.keys(first.cpuMsPerRequest);
  const lines = [
    'CPU per response, ms, by process while each target was driven:',
    '',
    `| target | ${names.join(' | ')} | all |`,
    `| --- |${' ---: |'.repeat(names.length + 1)}`,
  ];
  for (const { target, figures } of measured) {
    const times = names.map((name) => figures?.cpuMsPerRequest[name] ?? 0);
    const all = times.reduce((sum, ms) => sum + ms, 0);
    lines.push(`| ${targetNames[target] ?? target} | ${[...times, all].map(cpuMs).join(' | ')} |`);
  }
  return [...lines, ''];
}

const cpuMs = (ms: number) => (ms < 0.05 ? '–' : ms < 10 ? ms.toFixed(1) : String(Math.round(ms)));

function statementsOf(run: Run, operation: string): string {
  const counts = Object.entries(run.statements[operation] ?? {});
  if (counts.length === 0) return 'none';
  const total = counts.reduce((sum, [, count]) => sum + (count ?? 0), 0);
  return `${total} (${counts.map(([name, count]) => `${name} ${count}`).join(', ')})`;
}

function phases(seconds: Record<string, number>): string {
  return Object.entries(seconds)
    .filter(([name]) => name !== 'total')
    .map(([name, value]) => `${name} ${value} s`)
    .join(', ');
}
