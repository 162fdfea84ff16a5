import {
  type Database,
  districtFigures,
  isoDate,
  loaderByKey,
  loaderOfLists,
  type Period,
  type RequestContext,
} from '@kdn/platform';
import type { PrismaClient } from '@kdn/prisma/curation';
import DataLoader from 'dataloader';
import { caseloadOfAgencies, noCaseload } from './agency-caseload.ts';
import type { AgencyDirectory } from './agency-directory.ts';
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

export type CurationDatabase = Database<PrismaClient>;

export interface CurationContext extends RequestContext {
  db: PrismaClient;
  agencies: AgencyDirectory;
  register: RegisterDirectory;
  loaders: CurationLoaders;
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
export function createLoaders(db: PrismaClient) {
  return {
    curator: loaderByKey(
      (ids: string[]) => db.curator.findMany({ where: { id: { in: ids } } }),
      (curator) => curator.id,
    ),
    curatorsOfAgency: loaderOfLists(
      (agencyIds: string[]) =>
        db.curator.findMany({
          where: { agencyId: { in: agencyIds } },
          orderBy: [{ fullName: 'asc' }, { id: 'asc' }],
        }),
      (curator) => curator.agencyId,
    ),
    ward: loaderByKey(
      (familyIds: string[]) => db.ward.findMany({ where: { familyId: { in: familyIds } } }),
      (ward) => ward.familyId,
    ),
    assignment: loaderByKey(
      (ids: string[]) => db.curatorAssignment.findMany({ where: { id: { in: ids } } }),
      (assignment) => assignment.id,
    ),
    assignmentsOfFamily: loaderOfLists(
      (familyIds: string[]) =>
        db.curatorAssignment.findMany({
          where: { familyId: { in: familyIds } },
          orderBy: { startedOn: 'desc' },
        }),
      (assignment) => assignment.familyId,
    ),
    assignmentsOfCurator: loaderOfLists(
      (curatorIds: string[]) =>
        db.curatorAssignment.findMany({
          where: { curatorId: { in: curatorIds } },
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
      (familyIds: string[]) =>
        db.visit.findMany({
          where: { familyId: { in: familyIds } },
          orderBy: [{ visitedOn: 'desc' }, { id: 'desc' }],
        }),
      (visit) => visit.familyId,
    ),
    visitsOfAssignment: loaderOfLists(
      (assignmentIds: string[]) =>
        db.visit.findMany({
          where: { assignmentId: { in: assignmentIds } },
          orderBy: [{ visitedOn: 'desc' }, { id: 'desc' }],
        }),
      (visit) => visit.assignmentId,
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
    overdueAssignments: districtRows((codes, day) => overdueAssignments(db, codes, day)),
    homeVisitMonthCounts: districtFigures(
      (codes, params: Period) => countHomeVisitMonths(db, codes, params),
      { wardMonths: 0, withHomeVisit: 0 },
    ),
    agencyCaseload: figuresOnDay((ids, day) => caseloadOfAgencies(db, ids, day), noCaseload),
  };
}
