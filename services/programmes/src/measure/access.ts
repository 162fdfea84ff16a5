import type { Access } from '@kdn/platform';
import type { Prisma } from '@kdn/prisma/programmes';
import { programmeRows } from '../programme/access.ts';

/**
 * The measures a list may hold: those of the programmes it may hold, and for an agency only the
 * measures assigned to it (what it needs to carry them out, and no more).
 */
export async function measureRows(access: Access): Promise<Prisma.MeasureWhereInput | null> {
  const rows = await access.familyRows();
  const programmes = programmeRows(rows);
  if (!programmes) return null;
  const ofProgrammes = rows.kind === 'all' ? {} : { programme: programmes };
  const { role, agencyId } = access.principal;
  if (role !== 'AGENCY') return ofProgrammes;
  return agencyId ? { ...ofProgrammes, agencyId } : null;
}

/** Whether the principal sees this measure of a programme it sees: an agency only its own. */
export function seesMeasure(access: Access, measure: { agencyId: string }): boolean {
  const { role, agencyId } = access.principal;
  return role !== 'AGENCY' || measure.agencyId === agencyId;
}

/** The measures of a programme the principal sees (`seesMeasure`). */
export function visibleMeasures<Measure extends { agencyId: string }>(
  access: Access,
  measures: Measure[],
): Measure[] {
  return access.principal.role === 'AGENCY'
    ? measures.filter((measure) => seesMeasure(access, measure))
    : measures;
}

/**
 * The district's commission records a measure's progress, and so does the agency it is assigned to:
 * the responsible agency reports what it did (ответственный исполнитель).
 */
export function recordsProgressOf(
  access: Access,
  measure: { agencyId: string; programme: { districtCode: string } },
) {
  const { role, agencyId } = access.principal;
  return (
    access.writesCasesOf(measure.programme.districtCode) ||
    (role === 'AGENCY' && agencyId === measure.agencyId)
  );
}
