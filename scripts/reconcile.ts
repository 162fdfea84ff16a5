/**
 * Checks every cross-service invariant over the whole data set, through each running subgraph's API
 * (URLs from REGISTRY_URL, CURATION_URL, PROGRAMMES_URL, AGENCIES_URL or the default ports):
 *   npm run reconcile                      prints each invariant's discrepancies; exits 1 when any is found
 *   npm run reconcile -- --repair          then asks the consumers to replay the events of the families
 *                                          concerned, checks again and reports what remains
 *   npm run reconcile -- --district kirovsky | --family ID …   only those families
 * Signed in as an administrator: RECONCILE_TOKEN, or in development a token signed with the development key.
 */
import { parseArgs } from 'node:util';
import {
  calendarDate,
  checkInvariants,
  type Discrepancy,
  type FactsClient,
  type ReconciliationReport,
  replayForDiscrepancies,
  signDevelopmentToken,
  subgraphUrlsFromEnv,
} from '@kdn/platform';

const { values } = parseArgs({
  options: {
    repair: { type: 'boolean', default: false },
    first: { type: 'string', default: '10' },
    'as-of': { type: 'string' },
    district: { type: 'string' },
    family: { type: 'string', multiple: true },
  },
});

async function administratorToken(): Promise<string> {
  const token = process.env.RECONCILE_TOKEN;
  if (token) return token;
  if (process.env.NODE_ENV === 'production')
    throw new Error('Production needs RECONCILE_TOKEN: an administrator’s token');
  return signDevelopmentToken({ sub: 'reconcile', role: 'ADMIN' }, { expiresIn: '2h' });
}

const keys = [
  'familyId',
  'registrationId',
  'assignmentId',
  'programmeId',
  'curatorId',
  'agencyId',
  'minorId',
] as const;

function line(discrepancy: Discrepancy): string {
  const named = keys
    .filter((key) => discrepancy[key])
    .map((key) => `${key.replace(/Id$/, '')} ${discrepancy[key]}`)
    .join(', ');
  const days = discrepancy.from === null ? '' : ` [${discrepancy.from} … ${discrepancy.until ?? 'open'})`;
  return `    ${named}${days}: ${discrepancy.detail}`;
}

function print(report: ReconciliationReport, title: string) {
  const { facts } = report;
  console.log(
    `${title} (curator of the day: ${report.checkedOn}): ${facts.registrations} registrations, ` +
      `${facts.assignments} assignments, ${facts.programmes} programmes, ${facts.curators} curators, ` +
      `${facts.agencies} agencies compared in ${(report.durationMs / 1000).toFixed(1)} s`,
  );
  for (const result of report.results) {
    console.log(
      `  ${result.count === 0 ? 'ok ' : 'NOT'} ${result.invariant}: ${result.count} — ${result.description}`,
    );
    for (const discrepancy of result.discrepancies) console.log(line(discrepancy));
    if (result.count > result.discrepancies.length) {
      console.log(`    … and ${result.count - result.discrepancies.length} more`);
    }
  }
  console.log(`  ${report.discrepancies} discrepancies in all`);
}

const client: FactsClient = {
  urls: subgraphUrlsFromEnv(),
  authorization: `Bearer ${await administratorToken()}`,
};
const options = {
  keep: Number(values.first),
  ...(values['as-of'] ? { asOf: calendarDate(values['as-of']) } : {}),
  scope: { familyIds: values.family ?? null, districtCode: values.district ?? null },
};

try {
  let report = await checkInvariants(client, options);
  print(report, 'Reconciliation');
  if (values.repair && report.discrepancies > 0) {
    for (const outcome of await replayForDiscrepancies(client, report)) {
      const families = outcome.families === null ? 'all events' : `${outcome.families} families`;
      console.log(
        `Replayed ${outcome.producer}’s events in ${outcome.consumer} (${families}): ` +
          (outcome.error ? `failed: ${outcome.error}` : `${outcome.applied} applied`) +
          (outcome.withoutEvents > 0 ? `; ${outcome.withoutEvents} families have no event to replay` : ''),
      );
    }
    report = await checkInvariants(client, options);
    print(report, 'After the repair');
  }
  process.exitCode = report.discrepancies > 0 ? 1 : 0;
} catch (error) {
  const cause = (error as { originalError?: Error } | null)?.originalError;
  const reason = error instanceof Error ? error.message : String(error);
  console.error(`reconcile: ${reason}${cause ? ` (${cause.message})` : ''}`);
  process.exitCode = 2;
}
