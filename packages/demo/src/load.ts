import { pathToFileURL } from 'node:url';
import { openDatabase } from '@kdn/platform';
import { PrismaClient as AgenciesPrismaClient } from '@kdn/prisma/agencies';
import { PrismaClient as CurationPrismaClient } from '@kdn/prisma/curation';
import { PrismaClient as ProgrammesPrismaClient } from '@kdn/prisma/programmes';
import { PrismaClient as RegistryPrismaClient } from '@kdn/prisma/registry';
import { agenciesRows } from './agencies.ts';
import { loadCuration } from './curation.ts';
import { families } from './families.ts';
import { loadProgrammes } from './programmes.ts';
import { registryRows } from './registry.ts';

export interface DemoDatabases {
  agencies: AgenciesPrismaClient;
  registry: RegistryPrismaClient;
  curation: CurationPrismaClient;
  programmes: ProgrammesPrismaClient;
}

export async function loadDemo(db: DemoDatabases): Promise<void> {
  const agencies = agenciesRows();
  await db.agencies.$transaction([
    db.agencies.district.createMany({ data: agencies.districts }),
    db.agencies.commission.createMany({ data: agencies.commissions }),
    db.agencies.agency.createMany({ data: agencies.agencies }),
    db.agencies.resourceCentre.createMany({ data: agencies.resourceCentres }),
    db.agencies.staffPosition.createMany({ data: agencies.staffPositions }),
  ]);
  const registry = registryRows(families);
  await db.registry.$transaction([
    db.registry.family.createMany({ data: registry.families }),
    db.registry.socialPassport.createMany({ data: registry.passports }),
    db.registry.minor.createMany({ data: registry.minors }),
    db.registry.registration.createMany({ data: registry.registrations }),
    db.registry.registeredMinor.createMany({ data: registry.registeredMinors }),
  ]);
  await loadCuration(db.curation);
  await loadProgrammes(db.programmes);
}

/** True when neither database holds anything the demo would load: no districts, no families. */
export async function isEmpty(db: DemoDatabases): Promise<boolean> {
  const [districts, familyCount] = await Promise.all([
    db.agencies.district.count(),
    db.registry.family.count(),
  ]);
  return districts === 0 && familyCount === 0;
}

async function recordCounts(db: DemoDatabases): Promise<string> {
  const counted = async (service: string, counts: Record<string, Promise<number>>) => {
    const figures = await Promise.all(
      Object.entries(counts).map(async ([what, count]) => `${await count} ${what}`),
    );
    return `${service}: ${figures.join(', ')}`;
  };
  const lines = await Promise.all([
    counted('agencies', {
      districts: db.agencies.district.count(),
      commissions: db.agencies.commission.count(),
      agencies: db.agencies.agency.count(),
      'resource centres': db.agencies.resourceCentre.count(),
      'staff positions': db.agencies.staffPosition.count(),
    }),
    counted('registry', {
      families: db.registry.family.count(),
      'social passports': db.registry.socialPassport.count(),
      minors: db.registry.minor.count(),
      registrations: db.registry.registration.count(),
    }),
    counted('curation', {
      curators: db.curation.curator.count(),
      'curator assignments': db.curation.curatorAssignment.count(),
      visits: db.curation.visit.count(),
    }),
    counted('programmes', {
      programmes: db.programmes.programme.count(),
      measures: db.programmes.measure.count(),
      'working-group meetings': db.programmes.workingGroupMeeting.count(),
      'progress reports': db.programmes.progressReport.count(),
    }),
  ]);
  return lines.join('\n');
}

const usage = 'Usage: tsx packages/demo/src/load.ts [--if-empty]';

/**
 * Loads the demo into the databases the environment names (`DATABASE_URL`, or the embedded data
 * directories). With `ifEmpty`, databases that already hold districts are left as they are.
 */
export async function loadDemoIntoDatabases({ ifEmpty }: { ifEmpty: boolean }): Promise<void> {
  const opened = await Promise.all([
    openDatabase('agencies', (adapter) => new AgenciesPrismaClient({ adapter })),
    openDatabase('registry', (adapter) => new RegistryPrismaClient({ adapter })),
    openDatabase('curation', (adapter) => new CurationPrismaClient({ adapter })),
    openDatabase('programmes', (adapter) => new ProgrammesPrismaClient({ adapter })),
  ]);
  const [agencies, registry, curation, programmes] = opened;
  try {
    const db = {
      agencies: agencies.client,
      registry: registry.client,
      curation: curation.client,
      programmes: programmes.client,
    };
    if (!(await isEmpty(db))) {
      if (ifEmpty && (await db.agencies.district.count()) > 0) {
        console.log('Demo data not loaded: the agencies database already has districts.');
        return;
      }
      throw new Error(
        'The databases already hold data (districts or families); the demo loads only into empty databases. ' +
          'Point DATABASE_URL (or KDN_DATA_DIR) at fresh ones, or pass --if-empty to skip when data is there.',
      );
    }
    const started = performance.now();
    await loadDemo(db);
    const elapsed = Math.round(performance.now() - started);
    console.log(
      `Demo data loaded into ${engineName(agencies.location)} in ${elapsed} ms\n${await recordCounts(db)}`,
    );
  } finally {
    await Promise.all(opened.map((database) => database.close()));
  }
}

function isMissingTable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'P2021';
}

function engineName(location: { kind: 'postgres' | 'pglite' }): string {
  return location.kind === 'postgres' ? 'PostgreSQL' : 'PGlite';
}

function main(args: string[]): Promise<void> {
  const unknown = args.filter((arg) => arg !== '--if-empty');
  if (unknown.length > 0) throw new Error(`Unknown argument(s) ${unknown.join(' ')}\n${usage}`);
  return loadDemoIntoDatabases({ ifEmpty: args.includes('--if-empty') });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    if (isMissingTable(error)) console.error('The database is not migrated: run `npm run db:migrate` first.');
    process.exitCode = 1;
  });
}
