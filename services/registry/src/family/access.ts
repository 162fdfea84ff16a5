import type { Access, FamilyRef, FamilyRows } from '@kdn/platform';
import type { Prisma } from '@kdn/prisma/registry';

export function familyOfFamily(family: { id: string; districtCode: string }): FamilyRef {
  return { familyId: family.id, districtCode: family.districtCode };
}

/** The family of a record of its case that carries the family's district (a registration, a social passport). */
export function familyOfRecord(record: { familyId: string; districtCode: string }): FamilyRef {
  return { familyId: record.familyId, districtCode: record.districtCode };
}

/** The families a list may hold as a `where` clause; null when it may hold none (no statement needed). */
export function visibleFamilies(rows: FamilyRows): Prisma.FamilyWhereInput | null {
  switch (rows.kind) {
    case 'all':
      return {};
    case 'districts':
      return { districtCode: { in: rows.districtCodes } };
    case 'families':
      return rows.familyIds.length > 0 ? { id: { in: rows.familyIds } } : null;
    case 'none':
      return null;
  }
}

/**
 * A record of a family's case as the principal may know it: null, as if there were none, when it
 * may not even know the family exists (clause 3.1 of the curator regulation).
 */
export async function ifVisible<Row>(
  row: Row | null,
  familyOf: (row: Row) => FamilyRef,
  access: Access,
): Promise<Row | null> {
  if (row === null) return null;
  return (await access.family(familyOf(row))) === 'none' ? null : row;
}

/**
 * Before a case mutation writes anything: the commission of the family's district (or an
 * integrator allowed to write its cases). `districtCode` null means there is no such record: the
 * principal must still be one who writes cases somewhere, so that the answer tells others nothing.
 */
export function requireWritesCases(access: Access, districtCode: string | null, what: string): void {
  access.require(
    districtCode === null ? access.writesCasesSomewhere() : access.writesCasesOf(districtCode),
    what,
  );
}
