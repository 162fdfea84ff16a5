import { type Access, caseRecordsWhere, type FamilyRef, type FamilyRows } from '@kdn/platform';
import type { Prisma } from '@kdn/prisma/programmes';

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

/** The programmes a list may hold, as a `where` clause; null when it may hold none. */
export function programmeRows(rows: FamilyRows): Prisma.ProgrammeWhereInput | null {
  return caseRecordsWhere(rows);
}

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
 * The districts whose working-group meetings the principal sees, `all` for every district. The
 * meetings, the protocol as a whole, are the district commission's and integrators' that read
 * cases: curators and agencies see a family's reviews, not the protocol of the meeting.
 */
async function meetingDistricts(access: Access): Promise<'all' | string[]> {
  const { role } = access.principal;
  if (role !== 'COMMISSION' && role !== 'INTEGRATOR') return [];
  const rows = await access.familyRows();
  if (rows.kind === 'all') return 'all';
  return rows.kind === 'districts' ? rows.districtCodes : [];
}

/** The meetings a list may hold, as a `where` clause; null when it may hold none. */
export async function meetingRows(access: Access): Promise<Prisma.WorkingGroupMeetingWhereInput | null> {
  const districts = await meetingDistricts(access);
  if (districts === 'all') return {};
  return districts.length > 0 ? { districtCode: { in: districts } } : null;
}

export async function seesMeeting(access: Access, meeting: { districtCode: string }): Promise<boolean> {
  const districts = await meetingDistricts(access);
  return districts === 'all' || districts.includes(meeting.districtCode);
}

/**
 * Whether the principal reads the protocol's text, which speaks of every family the meeting reviewed:
 * the district's commission, and integrators allowed personal data.
 */
export function readsProtocolText(access: Access): boolean {
  const { role, scopes } = access.principal;
  return role === 'COMMISSION' || (role === 'INTEGRATOR' && scopes.has('personal-data:read'));
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
