import type { Access, FamilyRef, FamilyRows } from '@kdn/platform';
import type { Prisma } from '@kdn/prisma/registry';

/**
 * The policy needs the district of a minor's family for every minor it shows: minors' rows carry
 * it, joined in the same statement, never looked up one minor at a time.
 */
export const withFamilyDistrict = {
  family: { select: { districtCode: true } },
} as const satisfies Prisma.MinorInclude;

export type MinorRow = Prisma.MinorGetPayload<{ include: typeof withFamilyDistrict }>;

export function familyOfFamily(family: { id: string; districtCode: string }): FamilyRef {
  return { familyId: family.id, districtCode: family.districtCode };
}

export function familyOfMinor(minor: MinorRow): FamilyRef {
  return { familyId: minor.familyId, districtCode: minor.family.districtCode };
}

export function familyOfRegistration(registration: { familyId: string; districtCode: string }): FamilyRef {
  return { familyId: registration.familyId, districtCode: registration.districtCode };
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

/** The minors a list may hold (those of the families it may hold) as a `where` clause; null when none. */
export function visibleMinors(rows: FamilyRows): Prisma.MinorWhereInput | null {
  switch (rows.kind) {
    case 'all':
      return {};
    case 'districts':
      return { family: { districtCode: { in: rows.districtCodes } } };
    case 'families':
      return rows.familyIds.length > 0 ? { familyId: { in: rows.familyIds } } : null;
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
