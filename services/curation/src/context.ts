import {
  type Access,
  type Database,
  districtFigures,
  isoDate,
  loaderByKey,
  loaderOfLists,
  type Period,
  type SubgraphContext,
  type SubgraphUrls,
} from '@kdn/platform';
import { Prisma, type PrismaClient } from '@kdn/prisma/curation';
import DataLoader from 'dataloader';
import { caseloadOfAgencies, noAgencyCaseload } from './agency-caseload.ts';
import type { AgencyDirectory } from './agency-directory.ts';
import {
  visibleAssignments,
  visibleAssignmentsSql,
  visibleCurators,
  visibleFamiliesSql,
  visibleVisits,
  visibleWards,
} from './case-access.ts';
import {
  caseloadByAgency,
  caseloadByCurator,
  caseloadByKind,
  caseloadTotal,
  inBuckets,
  wardsPerCurator,
} from './caseload.ts';
import { countHomeVisitMonths } from './home-visit-months.ts';
import {
  homeVisitMonths,
  homeVisitStatus,
  overdueAssignments,
  wardsVisited,
  wardsVisitedByAgency,
  wardsVisitedByCurator,
} from './home-visits.ts';
import type { RegisterDirectory } from './register-directory.ts';
import { countWaitingFamilies, waitingFamilies } from './waiting-families.ts';

export type CurationDatabase = Database<PrismaClient>;

export interface CurationContext extends SubgraphContext {
  db: PrismaClient;
  agencies: AgencyDirectory;
  register: RegisterDirectory;
  loaders: CurationLoaders;
  /** Where the peers answer: reconciliation reads their facts through their APIs. */
  peers: SubgraphUrls;
}

export type CurationLoaders = ReturnType<typeof createLoaders>;

/**
 * Batches a figure of single records on a day: every record asked for with the same day in one
 * tick of a request is answered by one statement; records it has no answer for get `missing`.
 */
function figuresOnDay<Figure>(
  query: (ids: string[], day: Date) => Promise<Map<string, Figure>>,
  missing: Figure,
) {
  const cacheKey = ({ id, day }: { id: string; day: Date }) => `${id}|${isoDate(day)}`;
  return new DataLoader<{ id: string; day: Date }, Figure, string>(
    async (keys) => {
      const days = new Map<string, { day: Date; ids: string[] }>();
      for (const { id, day } of keys) {
        const group = days.get(isoDate(day)) ?? { day, ids: [] };
        group.ids.push(id);
        days.set(isoDate(day), group);
      }
      const figures = new Map<string, Figure>();
      for (const { day, ids } of days.values()) {
        for (const [id, figure] of await query(ids, day)) figures.set(cacheKey({ id, day }), figure);
      }
      return keys.map((key) => figures.get(cacheKey(key)) ?? missing);
    },
    { cacheKeyFn: cacheKey },
  );
}

/** A per-district figure that is a list of rows: districts with none get an empty list. */
function districtRows<Row>(
  query: (districtCodes: string[], day: Date) => Promise<Array<{ districtCode: string; rows: Row[] }>>,
) {
  return districtFigures<Date, { rows: Row[] }>(query, { rows: [] });
}

/** One set of batching loaders per request: each entity, relation or figure is one statement per fetch. */
export function createLoaders(db: PrismaClient, access: Access) {
  // Each loader of records reads only those the request's principal may see (see case-access.ts).
  const curators = visibleCurators(access.principal);
  return {
    curator: loaderByKey(
      (ids: string[]) => db.curator.findMany({ where: { AND: [{ id: { in: ids } }, curators] } }),
      (curator) => curator.id,
    ),
    /** Every curator, seen or not: for what an assignment says of its agency, never shown as a curator. */
    curatorOfRecord: loaderByKey(
      (ids: string[]) => db.curator.findMany({ where: { id: { in: ids } } }),
      (curator) => curator.id,
    ),
    curatorsOfAgency: loaderOfLists(
      (agencyIds: string[]) =>
        db.curator.findMany({
          where: { AND: [{ agencyId: { in: agencyIds } }, curators] },
          orderBy: [{ fullName: 'asc' }, { id: 'asc' }],
        }),
      (curator) => curator.agencyId,
    ),
    ward: loaderByKey(
      async (familyIds: string[]) =>
        db.ward.findMany({ where: { AND: [{ familyId: { in: familyIds } }, await visibleWards(access)] } }),
      (ward) => ward.familyId,
    ),
    assignment: loaderByKey(
      async (ids: string[]) =>
        db.curatorAssignment.findMany({
          where: { AND: [{ id: { in: ids } }, await visibleAssignments(access)] },
        }),
      (assignment) => assignment.id,
    ),
    assignmentsOfFamily: loaderOfLists(
      async (familyIds: string[]) =>
        db.curatorAssignment.findMany({
          where: { AND: [{ familyId: { in: familyIds } }, await visibleAssignments(access)] },
          orderBy: { startedOn: 'desc' },
        }),
      (assignment) => assignment.familyId,
    ),
    assignmentsOfCurator: loaderOfLists(
      async (curatorIds: string[]) =>
        db.curatorAssignment.findMany({
          where: { AND: [{ curatorId: { in: curatorIds } }, await visibleAssignments(access)] },
          orderBy: [{ startedOn: 'desc' }, { id: 'desc' }],
        }),
      (assignment) => assignment.curatorId,
    ),
    minorsOfAssignment: loaderOfLists(
      (assignmentIds: string[]) =>
        db.assignedMinor.findMany({
          where: { assignmentId: { in: assignmentIds } },
          orderBy: [{ addedOn: 'asc' }, { minorId: 'asc' }],
        }),
      (minor) => minor.assignmentId,
    ),
    visitsOfFamily: loaderOfLists(
      async (familyIds: string[]) =>
        db.visit.findMany({
          where: { AND: [{ familyId: { in: familyIds } }, await visibleVisits(access)] },
          orderBy: [{ visitedOn: 'desc' }, { id: 'desc' }],
        }),
      (visit) => visit.familyId,
    ),
    // Asked of assignments already seen: their visits are seen with them.
    visitsOfAssignment: loaderOfLists(
      (assignmentIds: string[]) =>
        db.visit.findMany({
          where: { assignmentId: { in: assignmentIds } },
          orderBy: [{ visitedOn: 'desc' }, { id: 'desc' }],
        }),
      (visit) => visit.assignmentId,
    ),
    /** The district of a family's latest assignment, whose commission keeps its case. */
    districtOfFamily: loaderByKey(
      (familyIds: string[]) => districtsOfFamilies(db, familyIds),
      (row) => row.familyId,
    ),
    homeVisitStatus: figuresOnDay((ids, day) => homeVisitStatus(db, ids, day), null),
    homeVisitMonths: figuresOnDay((ids, day) => homeVisitMonths(db, ids, day), []),
    caseloadByKind: districtRows((codes, day) => caseloadByKind(db, codes, day)),
    caseloadTotal: districtFigures((codes, day: Date) => caseloadTotal(db, codes, day), {
      curators: 0,
      families: 0,
      minors: 0,
    }),
    caseloadByAgency: districtRows((codes, day) => caseloadByAgency(db, codes, day)),
    caseloadByCurator: districtRows((codes, day) => caseloadByCurator(db, codes, day)),
    wardsPerCurator: districtFigures((codes, day: Date) => wardsPerCurator(db, codes, day), {
      rows: inBuckets([]),
    }),
    wardsVisited: districtFigures((codes, day: Date) => wardsVisited(db, codes, day), {
      activeWards: 0,
      overdueWards: 0,
    }),
    wardsVisitedByCurator: districtRows((codes, day) => wardsVisitedByCurator(db, codes, day)),
    wardsVisitedByAgency: districtRows((codes, day) => wardsVisitedByAgency(db, codes, day)),
    overdueAssignments: districtRows(async (codes, day) =>
      overdueAssignments(db, codes, day, await visibleAssignmentsSql(access, Prisma.sql`a`, Prisma.sql`s`)),
    ),
    homeVisitMonthCounts: districtFigures(
      (codes, params: Period) => countHomeVisitMonths(db, codes, params),
      { wardMonths: 0, withHomeVisit: 0 },
    ),
    agencyCaseload: figuresOnDay((ids, day) => caseloadOfAgencies(db, ids, day), noAgencyCaseload),
    waitingFamilyCount: districtFigures((codes, day: Date) => countWaitingFamilies(db, codes, day), {
      families: 0,
    }),
    waitingFamilies: districtRows(async (codes, day) =>
      waitingFamilies(db, codes, day, await visibleFamiliesSql(access, Prisma.sql`w`)),
    ),
  };
}

function districtsOfFamilies(db: PrismaClient, familyIds: string[]) {
  return db.$queryRaw<Array<{ familyId: string; districtCode: string }>>`
    SELECT DISTINCT ON ("familyId") "familyId", "districtCode"
      FROM "CuratorAssignment"
     WHERE "familyId" = ANY(${familyIds}::uuid[])
     ORDER BY "familyId", "startedOn" DESC, id DESC`;
}
