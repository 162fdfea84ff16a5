/**
 * Who sees which of curation's records (clause 3.1 of the curator regulation: the personal data of
 * minors are confidential). Curators are staff of an agency; assignments, wards and visits are a
 * family's case records. Every list and every entity reference is filtered in its own SQL
 * statement by the conditions below, so a record the principal may not see is never read.
 */
import { type Access, caseRecordsWhere, isoDate, type Principal, today } from '@kdn/platform';
import { Prisma, type PrismaClient } from '@kdn/prisma/curation';

/** Matches no row: the principal sees none of the kind. */
const noRow = { id: { in: [] } };

/**
 * Curators a principal sees: the commission of their district, an agency user of their agency, a
 * curator itself only, an integrator allowed to read cases (within its district, if it has one).
 * Methodologists and administrators see figures and the directory, not curators.
 */
export function visibleCurators(principal: Principal): Prisma.CuratorWhereInput {
  switch (principal.role) {
    case 'COMMISSION':
      return { districtCode: principal.districtCode ?? '' };
    case 'AGENCY':
      return principal.agencyId ? { agencyId: principal.agencyId } : noRow;
    case 'CURATOR':
      return principal.curatorId ? { id: principal.curatorId } : noRow;
    case 'INTEGRATOR':
      if (!principal.scopes.has('cases:read')) return noRow;
      return principal.districtCode ? { districtCode: principal.districtCode } : {};
    default:
      return noRow;
  }
}

/** The agency whose curators' assignments an agency user sees, to follow their caseload (without visit content). */
function ownCuratorsAgency(principal: Principal): string | null {
  return principal.role === 'AGENCY' ? principal.agencyId : null;
}

/**
 * Assignments a principal sees: those of the families whose case it may read (`familyRows`), and
 * for an agency user also those of its own curators.
 */
export async function visibleAssignments(access: Access): Promise<Prisma.CuratorAssignmentWhereInput> {
  const families = caseRecordsWhere(await access.familyRows()) ?? noRow;
  const agencyId = ownCuratorsAgency(access.principal);
  return agencyId ? { OR: [families, { curator: { agencyId } }] } : families;
}

/** Wards a principal sees: those with an assignment it sees. */
export async function visibleWards(access: Access): Promise<Prisma.WardWhereInput> {
  const assignments = await visibleAssignments(access);
  return Object.keys(assignments).length === 0 ? {} : { assignments: { some: assignments } };
}

/** Visits a principal sees: those made under an assignment it sees (their content needs `full` access). */
export async function visibleVisits(access: Access): Promise<Prisma.VisitWhereInput> {
  const rows = await access.familyRows();
  const families: Prisma.VisitWhereInput =
    rows.kind === 'all'
      ? {}
      : rows.kind === 'districts'
        ? { assignment: { districtCode: { in: rows.districtCodes } } }
        : rows.kind === 'families'
          ? { familyId: { in: rows.familyIds } }
          : noRow;
  const agencyId = ownCuratorsAgency(access.principal);
  return agencyId ? { OR: [families, { curator: { agencyId } }] } : families;
}

/**
 * `visibleAssignments` as a condition of raw SQL, over an assignment's `"districtCode"` and
 * `"familyId"` in `assignment` and its curator's `"agencyId"` in `curator`.
 */
export async function visibleAssignmentsSql(
  access: Access,
  assignment: Prisma.Sql,
  curator: Prisma.Sql,
): Promise<Prisma.Sql> {
  const families = await visibleFamiliesSql(access, assignment);
  const agencyId = ownCuratorsAgency(access.principal);
  return agencyId ? Prisma.sql`(${families} OR ${curator}."agencyId" = ${agencyId}::uuid)` : families;
}

/** The families whose case records a principal reads, as a condition on a row with `districtCode` and `familyId`. */
export async function visibleFamiliesSql(access: Access, row: Prisma.Sql): Promise<Prisma.Sql> {
  const rows = await access.familyRows();
  return rows.kind === 'all'
    ? Prisma.sql`TRUE`
    : rows.kind === 'districts'
      ? Prisma.sql`${row}."districtCode" = ANY(${rows.districtCodes})`
      : rows.kind === 'families'
        ? Prisma.sql`${row}."familyId" = ANY(${rows.familyIds}::uuid[])`
        : Prisma.sql`FALSE`;
}

/**
 * The families a curator curates today: an assignment that has started and not ended. The case
 * link the other subgraphs ask curation for (`Query.wardFamilyIds`), to show a curator its wards.
 */
export async function wardsOfCurator(db: PrismaClient, curatorId: string): Promise<ReadonlySet<string>> {
  const day = isoDate(today());
  const rows = await db.$queryRaw<Array<{ familyId: string }>>`
    SELECT DISTINCT "familyId"
      FROM "CuratorAssignment"
     WHERE "curatorId" = ${curatorId}::uuid
       AND "startedOn" <= ${day}::date
       AND ("endedOn" IS NULL OR "endedOn" > ${day}::date)`;
  return new Set(rows.map((row) => row.familyId));
}
