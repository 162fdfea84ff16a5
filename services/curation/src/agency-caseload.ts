import { isUuid } from '@kdn/platform';
import type { PrismaClient } from '@kdn/prisma/curation';
import { activeAssignmentsOfAgencies } from './active-assignments.ts';
import { builder } from './builder.ts';
import { type CaseloadCount, counts, withMinorsOn } from './caseload.ts';
import { Agency } from './references.ts';

/**
 * An agency's line of the caseload table on a day, by the rules of `District.caseload`'s `byAgency`:
 * its curators with at least one ward that day, and their wards. A ward is a family here (one
 * active assignment each), so `wards` and `families` agree.
 */
export interface AgencyCaseloadFigures extends CaseloadCount {
  wards: number;
}

export const noCaseload: AgencyCaseloadFigures = { curators: 0, wards: 0, families: 0, minors: 0 };

/** An agency's figures with its district (its curators'), null when it has no curator. */
export interface AgencyCaseloadInDistrict {
  districtCode: string | null;
  figures: AgencyCaseloadFigures;
}

export const noAgencyCaseload: AgencyCaseloadInDistrict = { districtCode: null, figures: noCaseload };

export async function caseloadOfAgencies(
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

const AgencyCaseloadFigures = builder.objectRef<AgencyCaseloadFigures>('AgencyCaseloadFigures').implement({
  description: 'The caseload of one agency’s curators on a day (нагрузка кураторов учреждения).',
  fields: (t) => ({
    curators: t.exposeInt('curators', {
      figure: true,
      description: 'The agency’s curators with at least one ward that day.',
    }),
    wards: t.exposeInt('wards', { figure: true, description: 'Wards they curate that day: one per family.' }),
    families: t.exposeInt('families', { figure: true, description: 'Families they curate.' }),
    minors: t.exposeInt('minors', {
      figure: true,
      description: 'Minors of those families on the register that day.',
    }),
  }),
});

builder.objectField(Agency, 'caseload', (t) =>
  t.field({
    type: AgencyCaseloadFigures,
    nullable: true,
    description: 'The agency’s curators and their wards at the end of the day.',
    args: { asOf: t.arg({ type: 'Date', description: 'The day.' }) },
    resolve: async (agency, { asOf }, { access, loaders }) => {
      const { districtCode, figures } = isUuid(agency.id)
        ? await loaders.agencyCaseload.load({ id: agency.id, day: asOf })
        : noAgencyCaseload;
      // An agency without curators has no district here, and only zeros to show.
      const allowed = districtCode
        ? access.readsAggregatesOf(districtCode)
        : access.readsAggregatesSomewhere();
      access.require(allowed, 'the caseload of an agency outside your district');
      return figures;
    },
  }),
);
