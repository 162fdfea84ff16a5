/**
 * `npm run seed:synthetic -- --scale region|national [--seed N] [--database-url URL]`: creates the
 * database afresh (by default `kdn_bench` on the local server), migrates it and loads the tier.
 */
import { parseArgs } from 'node:util';
import { recreateDatabase } from './database.ts';
import { seedSynthetic } from './load.ts';
import { isScaleName, scales } from './scale.ts';

export const defaultDatabaseUrl = 'postgres://postgres@127.0.0.1:5432/kdn_bench';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'region' },
    seed: { type: 'string', default: '1' },
    'database-url': { type: 'string', default: defaultDatabaseUrl },
  },
});
const scaleName = values.scale;
if (!isScaleName(scaleName)) {
  console.error(`Unknown scale "${scaleName}"; known: ${Object.keys(scales).join(', ')}`);
  process.exit(1);
}
const seed = Number(values.seed);
if (!Number.isInteger(seed) || seed < 0) {
  console.error('--seed must be a non-negative integer');
  process.exit(1);
}
const url = values['database-url'];
await recreateDatabase(url);
console.log(`Seeding the ${scaleName} tier (seed ${seed}) into ${url}`);
const report = await seedSynthetic({
  url,
  scale: scales[scaleName],
  seed,
  log: (line) => console.log(`  ${line}`),
});
const width = Math.max(...Object.keys(report.rows).map((name) => name.length));
console.log(`Loaded in ${report.seconds.total} s:`);
for (const [table, count] of Object.entries(report.rows)) {
  console.log(`  ${table.padEnd(width)} ${count.toLocaleString('en-US').padStart(12)}`);
}
console.log(
  `  ${'total'.padEnd(width)} ${Object.values(report.rows)
    .reduce((a, b) => a + b, 0)
    .toLocaleString('en-US')
    .padStart(12)}`,
);
