/**
 * Writes the dashboard's operations as a persisted query manifest (Apollo's format), the safelist the
 * gateway requires in production: `npm run operations`; `-- --check` fails when it is out of date.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { curatorQuery, curatorsQuery } from '../lib/curators.ts';
import { districtsQuery } from '../lib/districts.ts';
import { overviewQuery } from '../lib/overview.ts';
import { programmesQuery } from '../lib/programmes.ts';
import { resourceCentresQuery } from '../lib/resource-centres.ts';

const manifestPath = fileURLToPath(new URL('../persisted-operations.json', import.meta.url));
const documents = [
  districtsQuery,
  overviewQuery,
  curatorsQuery,
  curatorQuery,
  programmesQuery,
  resourceCentresQuery,
];

const operations = documents.map((document) => {
  // The text the dashboard sends (`queryGateway`): the gateway checks the hash of exactly that.
  const body = document.toString();
  const [, type, name] = /^\s*(query|mutation) (\w+)/.exec(body) ?? [];
  if (!type || !name) throw new Error(`An operation of the dashboard has no name: ${body.slice(0, 60)}`);
  return { id: createHash('sha256').update(body).digest('hex'), name, type, body };
});
const manifest = `${JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations }, null, 2)}\n`;

if (process.argv.includes('--check')) {
  const current = readFileSync(manifestPath, 'utf8');
  if (current !== manifest) {
    console.error('dashboard/persisted-operations.json is out of date: run `npm run operations`');
    process.exit(1);
  }
  console.log('The dashboard’s persisted operations are up to date');
} else {
  writeFileSync(manifestPath, manifest);
  console.log(`Wrote ${operations.length} operations to ${manifestPath}`);
}
