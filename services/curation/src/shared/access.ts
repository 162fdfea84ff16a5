/**
 * Who sees which of curation's case records (clause 3.1 of the curator regulation: the personal data
 * of minors are confidential). Assignments, wards, visits and the families waiting for a curator are a
 * family's case records: every list and every entity reference is filtered in its own SQL statement by
 * the one rule below, so a record the principal may not see is never read.
 */
import type { Access } from '@kdn/platform';
import { Prisma } from '@kdn/prisma/curation';

/** Matches no row: the principal sees none of the kind. */
export const noRow = { id: { in: [] } };

/** How a kind of case record is matched, as a Prisma `where` or a condition of raw SQL. */
export interface CaseRecordTerms<Condition> {
  all: Condition;
  none: Condition;
  inDistricts: (districtCodes: string[]) => Condition;
  ofFamilies: (familyIds: string[]) => Condition;
  /** The records of `families` or those of the agency's curators; absent for records with no curator. */
  orOfCuratorsOf?: (families: Condition, agencyId: string) => Condition;
}

/**
 * The family access rule: the case records of the families whose case the principal reads
 * (`familyRows`), and for an agency user also those of its own curators, to follow their caseload
 * (without visit content).
 */
export async function visibleCaseRecords<Condition>(
  access: Access,
  terms: CaseRecordTerms<Condition>,
): Promise<Condition> {
  const rows = await access.familyRows();
  const families =
    rows.kind === 'all'
      ? terms.all
      : rows.kind === 'districts'
        ? terms.inDistricts(rows.districtCodes)
        : rows.kind === 'families'
          ? terms.ofFamilies(rows.familyIds)
          : terms.none;
  const { role, agencyId } = access.principal;
  return role === 'AGENCY' && agencyId && terms.orOfCuratorsOf
    ? terms.orOfCuratorsOf(families, agencyId)
    : families;
}

/** The terms every Prisma model of case records shares: each has a `familyId` and a `curator`. */
export const caseRecordModel = {
  all: {},
  none: noRow,
  ofFamilies: (familyIds: string[]) => ({ familyId: { in: familyIds } }),
  orOfCuratorsOf: <Where>(families: Where, agencyId: string) => ({
    OR: [families, { curator: { agencyId } }],
  }),
};

/** The terms over raw SQL rows with `"districtCode"` and `"familyId"`, in `row`. */
export function caseRecordRows(row: Prisma.Sql): CaseRecordTerms<Prisma.Sql> {
  return {
    all: Prisma.sql`TRUE`,
    none: Prisma.sql`FALSE`,
    inDistricts: (districtCodes) => Prisma.sql`${row}."districtCode" = ANY(${districtCodes})`,
    ofFamilies: (familyIds) => Prisma.sql`${row}."familyId" = ANY(${familyIds}::uuid[])`,
  };
}

/** The families whose case records a principal reads, as a condition on a row with `districtCode` and `familyId`. */
export function visibleFamiliesSql(access: Access, row: Prisma.Sql): Promise<Prisma.Sql> {
  return visibleCaseRecords(access, caseRecordRows(row));
}
