import type { PrismaClient } from '@kdn/prisma/programmes';
import { builder } from './builder.ts';

/**
 * The families an agency serves: those with a programme in force (approved, under review or not)
 * holding a measure assigned to the agency and not excluded. Nothing is carried out under a draft,
 * and a completed programme is over, so an agency reads a family's minimum (the minors' names and
 * ages) while it has something to carry out for the family, and no longer. One statement.
 */
export async function familiesServedBy(db: PrismaClient, agencyId: string): Promise<ReadonlySet<string>> {
  const rows = await db.$queryRaw<Array<{ familyId: string }>>`
    SELECT DISTINCT p."familyId"
      FROM "Programme" p
     WHERE p.status IN ('APPROVED', 'UNDER_REVIEW')
       AND EXISTS (
         SELECT 1 FROM "Measure" m
          WHERE m."programmeId" = p.id AND m."agencyId" = ${agencyId}::uuid AND m."excludedOn" IS NULL
       )`;
  return new Set(rows.map((row) => row.familyId));
}

builder.queryField('servedFamilyIds', (t) =>
  t.idList({
    nullable: true,
    description:
      'For an agency’s user, the families it serves: a programme in force holds a measure assigned to the agency. ' +
      'Empty for every other role. The other subgraphs ask it to apply the same policy.',
    resolve: async (_root, _args, { access }) =>
      access.principal.role === 'AGENCY' ? [...(await access.servedFamilies())] : [],
  }),
);
