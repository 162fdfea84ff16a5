import { type Access, caseRecordsWhere, type FamilyRef, type FamilyRows } from '@kdn/platform';
import type { Prisma } from '@kdn/prisma/programmes';
import { type ProgrammeLoaders, programmeOf } from './figures.ts';

/**
 * Programmes, their goals, measures, changes, reports and reviews are the family's case records
 * (clause 3.1 of the curator regulation): a principal sees them when it may see the family at all.
 */
export async function seesCaseOf(access: Access, family: FamilyRef): Promise<boolean> {
  return (await access.family(family)) !== 'none';
}

/** The family and district of a programme's record, which the policy decides on. */
export function familyRefOf(programme: { familyId: string; districtCode: string }): FamilyRef {
  return { familyId: programme.familyId, districtCode: programme.districtCode };
}

/** The family whose case record a goal, measure, change, review or report is: its programme's. */
export async function familyOfRecord(
  record: { programmeId: string },
  { loaders }: { loaders: Pick<ProgrammeLoaders, 'programme'> },
) {
  return familyRefOf(await programmeOf(record, loaders));
}

/** The programmes a list may hold, as a `where` clause; null when it may hold none. */
export function programmeRows(rows: FamilyRows): Prisma.ProgrammeWhereInput | null {
  return caseRecordsWhere(rows);
}

/**
 * The district's commission, or the family's own curator: who reports on a programme and proposes
 * its changes (clause 3.4). `family()` is `full` for a curator only for its current wards.
 */
export async function actsOnCaseOf(
  access: Access,
  programme: { familyId: string; districtCode: string },
): Promise<boolean> {
  if (access.writesCasesOf(programme.districtCode)) return true;
  return access.principal.role === 'CURATOR' && (await access.family(familyRefOf(programme))) === 'full';
}
