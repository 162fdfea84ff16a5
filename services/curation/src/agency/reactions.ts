/**
 * Curation's reactions to the agencies service's events. A curator's caseload is counted under the
 * kind of their agency (Resolution No. 2 tabulates curators by agency kind), so when an agency's
 * kind or district changes, caseloads follow from that day and keep the old kind before it.
 */
import type { DomainEvent, Reactions } from '@kdn/platform';
import type { Prisma } from '@kdn/prisma/curation';

type Transaction = Prisma.TransactionClient;

/** The first day of the calendar: the term an agency had before its first recorded change. */
const beforeAnyChange = '0001-01-01';

async function followAgency(tx: Transaction, event: DomainEvent<'agencies', 'AgencyChanged'>) {
  const { agencyId, kind, districtCode, closedOn } = event.payload;
  // What the curators copied at their creation held until this first change.
  await tx.$executeRaw`
    INSERT INTO "AgencyTerm" ("agencyId", "validFrom", kind, "districtCode")
    SELECT DISTINCT ON (c."agencyId") c."agencyId", ${beforeAnyChange}::date, c."agencyKind", c."districtCode"
      FROM "Curator" c
     WHERE c."agencyId" = ${agencyId}::uuid
       AND NOT EXISTS (SELECT 1 FROM "AgencyTerm" t WHERE t."agencyId" = ${agencyId}::uuid)
    ON CONFLICT DO NOTHING`;
  await tx.$executeRaw`
    INSERT INTO "AgencyTerm" ("agencyId", "validFrom", kind, "districtCode", "closedOn")
    VALUES (${agencyId}::uuid, ${event.effectiveOn}::date, ${kind}::"AgencyKind", ${districtCode}, ${closedOn}::date)
    ON CONFLICT ("agencyId", "validFrom") DO UPDATE
       SET kind = EXCLUDED.kind, "districtCode" = EXCLUDED."districtCode", "closedOn" = EXCLUDED."closedOn"`;
  // The curators carry their agency's latest term: what new assignments and lists by district read.
  await tx.$executeRaw`
    UPDATE "Curator" c
       SET "agencyKind" = t.kind, "districtCode" = t."districtCode"
      FROM (SELECT kind, "districtCode" FROM "AgencyTerm" WHERE "agencyId" = ${agencyId}::uuid
             ORDER BY "validFrom" DESC LIMIT 1) t
     WHERE c."agencyId" = ${agencyId}::uuid
       AND (c."agencyKind" <> t.kind OR c."districtCode" <> t."districtCode")`;
}

export const agencyReactions: Reactions<Transaction, 'agencies'> = {
  AgencyChanged: followAgency,
};
