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

export async function caseloadOfAgencies(
  db: PrismaClient,
  agencyIds: string[],
  day: Date,
): Promise<Map<string, AgencyCaseloadFigures>> {
  const rows = await db.$queryRaw<Array<AgencyCaseloadFigures & { agencyId: string }>>`
    SELECT a."agencyId", ${counts}, count(DISTINCT a.id)::int AS wards
    ${withMinorsOn(activeAssignmentsOfAgencies(agencyIds, day), day)}
     GROUP BY 1`;
  return new Map(rows.map(({ agencyId, ...figures }) => [agencyId, figures]));
}

const AgencyCaseloadFigures = builder.objectRef<AgencyCaseloadFigures>('AgencyCaseloadFigures').implement({
  description: 'The caseload of one agency’s curators on a day (нагрузка кураторов учреждения).',
  fields: (t) => ({
    curators: t.exposeInt('curators', {
      description: 'The agency’s curators with at least one ward that day.',
    }),
    wards: t.exposeInt('wards', { description: 'Wards they curate that day: one per family.' }),
    families: t.exposeInt('families', { description: 'Families they curate.' }),
    minors: t.exposeInt('minors', { description: 'Minors of those families on the register that day.' }),
  }),
});

builder.objectField(Agency, 'caseload', (t) =>
  t.field({
    type: AgencyCaseloadFigures,
    nullable: true,
    description: 'The agency’s curators and their wards at the end of the day.',
    args: { asOf: t.arg({ type: 'Date', description: 'The day.' }) },
    resolve: (agency, { asOf }, { loaders }) =>
      isUuid(agency.id) ? loaders.agencyCaseload.load({ id: agency.id, day: asOf }) : noCaseload,
  }),
);
