import { isoDate } from '@kdn/platform';
import { Prisma } from '@kdn/prisma/curation';

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

/** Rows of a per-district SQL figure as one entry per district, its rows in the query's order. */
export function groupByDistrict<Row extends { districtCode: string }>(
  rows: Row[],
): Array<{ districtCode: string; rows: Row[] }> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) groups.set(row.districtCode, [...(groups.get(row.districtCode) ?? []), row]);
  return [...groups].map(([districtCode, group]) => ({ districtCode, rows: group }));
}
