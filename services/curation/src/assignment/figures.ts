import { isoDate, loaderByKey, loaderOfLists } from '@kdn/platform';
import { Prisma, type PrismaClient } from '@kdn/prisma/curation';

interface Period {
  startedOn: Date;
  endedOn: Date | null;
}

/**
 * An assignment is active from the day it starts up to the day before it ends: on its end day the
 * ward belongs to the next curator, or is off the register (as a registration closed on a day no
 * longer counts that day).
 */
export function isActiveOn(assignment: Period, day: Date): boolean {
  return assignment.startedOn <= day && (assignment.endedOn === null || assignment.endedOn > day);
}

/** The same rule in SQL: the districts' assignments active on the day, with their curator's agency. */
export function activeAssignmentsOn(districtCodes: string[], day: Date): Prisma.Sql {
  return activeAssignments(Prisma.sql`a."districtCode" = ANY(${districtCodes})`, day);
}

/** The assignments of the agencies' curators active on the day. */
export function activeAssignmentsOfAgencies(agencyIds: string[], day: Date): Prisma.Sql {
  return activeAssignments(Prisma.sql`c."agencyId" = ANY(${agencyIds}::uuid[])`, day);
}

/**
 * `scope` is a condition on the assignment `a` and its curator `c`. The curator's agency kind is
 * the one the agency had that day (its `AgencyTerm`), or the kind copied at the curator's creation
 * for an agency that never changed.
 */
function activeAssignments(scope: Prisma.Sql, day: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT a.id, a."familyId", a."curatorId", a."districtCode", a."startedOn",
           c."agencyId", COALESCE(t.kind, c."agencyKind") AS "agencyKind", c."fullName"
      FROM "CuratorAssignment" a
      JOIN "Curator" c ON c.id = a."curatorId"
      LEFT JOIN LATERAL (
        SELECT kind FROM "AgencyTerm" t
         WHERE t."agencyId" = c."agencyId" AND t."validFrom" <= ${isoDate(day)}::date
         ORDER BY t."validFrom" DESC LIMIT 1) t ON true
     WHERE ${scope}
       AND a."startedOn" <= ${isoDate(day)}::date
       AND (a."endedOn" IS NULL OR a."endedOn" > ${isoDate(day)}::date)`;
}

/** The assignments' loaders of a request; `visible` answers the assignments its principal sees. */
export function assignmentLoaders(
  db: PrismaClient,
  visible: () => Promise<Prisma.CuratorAssignmentWhereInput>,
) {
  return {
    assignment: loaderByKey(
      async (ids: string[]) =>
        db.curatorAssignment.findMany({ where: { AND: [{ id: { in: ids } }, await visible()] } }),
      (assignment) => assignment.id,
    ),
    assignmentsOfFamily: loaderOfLists(
      async (familyIds: string[]) =>
        db.curatorAssignment.findMany({
          where: { AND: [{ familyId: { in: familyIds } }, await visible()] },
          orderBy: { startedOn: 'desc' },
        }),
      (assignment) => assignment.familyId,
    ),
    assignmentsOfCurator: loaderOfLists(
      async (curatorIds: string[]) =>
        db.curatorAssignment.findMany({
          where: { AND: [{ curatorId: { in: curatorIds } }, await visible()] },
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
    /** The district of a family's latest assignment, whose commission keeps its case. */
    districtOfFamily: loaderByKey(
      (familyIds: string[]) => districtsOfFamilies(db, familyIds),
      (row) => row.familyId,
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
