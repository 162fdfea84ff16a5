import { figuresByKey } from '@kdn/platform';
import type { PrismaClient } from '@kdn/prisma/curation';
import { activeAssignmentsOfAgencies } from '../assignment/figures.ts';
import { type CaseloadCount, counts, withMinorsOn } from '../district/figures.ts';

/**
 * An agency's line of the caseload table on a day, by the rules of `District.caseload`'s `byAgency`:
 * its curators with at least one ward that day, and their wards. A ward is a family here (one
 * active assignment each), so `wards` and `families` agree.
 */
export interface AgencyCaseloadFigures extends CaseloadCount {
  wards: number;
}

const noCaseload: AgencyCaseloadFigures = { curators: 0, wards: 0, families: 0, minors: 0 };

/** An agency's figures with its district (its curators'), null when it has no curator. */
export interface AgencyCaseloadInDistrict {
  districtCode: string | null;
  figures: AgencyCaseloadFigures;
}

export const noAgencyCaseload: AgencyCaseloadInDistrict = { districtCode: null, figures: noCaseload };

async function caseloadOfAgencies(
  db: PrismaClient,
  agencyIds: string[],
  day: Date,
): Promise<Map<string, AgencyCaseloadInDistrict>> {
  const rows = await db.$queryRaw<Array<AgencyCaseloadFigures & { agencyId: string; districtCode: string }>>`
    WITH figures AS (
      SELECT a."agencyId", ${counts}, count(DISTINCT a.id)::int AS wards
      ${withMinorsOn(activeAssignmentsOfAgencies(agencyIds, day), day)}
       GROUP BY 1
    )
    SELECT c."agencyId", c."districtCode",
           COALESCE(f.curators, 0)::int AS curators, COALESCE(f.families, 0)::int AS families,
           COALESCE(f.minors, 0)::int AS minors, COALESCE(f.wards, 0)::int AS wards
      FROM (SELECT DISTINCT "agencyId", "districtCode" FROM "Curator" WHERE "agencyId" = ANY(${agencyIds}::uuid[])) c
      LEFT JOIN figures f ON f."agencyId" = c."agencyId"`;
  return new Map(rows.map(({ agencyId, districtCode, ...figures }) => [agencyId, { districtCode, figures }]));
}

/** The agencies' figures of a request. */
export function agencyLoaders(db: PrismaClient) {
  return {
    agencyCaseload: figuresByKey((ids, day: Date) => caseloadOfAgencies(db, ids, day), noAgencyCaseload),
  };
}
