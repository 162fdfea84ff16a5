import type { FamilyRef, FamilyRows } from '@kdn/platform';
import type { Prisma } from '@kdn/prisma/registry';
import type { MinorRow } from './figures.ts';

export function familyOfMinor(minor: MinorRow): FamilyRef {
  return { familyId: minor.familyId, districtCode: minor.family.districtCode };
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
