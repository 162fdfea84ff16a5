import type { Access } from '@kdn/platform';
import type { Prisma } from '@kdn/prisma/programmes';

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

async function seesMeeting(access: Access, meeting: { districtCode: string }): Promise<boolean> {
  const districts = await meetingDistricts(access);
  return districts === 'all' || districts.includes(meeting.districtCode);
}

/** A meeting, when the principal sees the district's protocols (`seesMeeting`). */
export async function visibleMeeting<Meeting extends { districtCode: string }>(
  meeting: Promise<Meeting | null>,
  access: Access,
): Promise<Meeting | null> {
  const found = await meeting;
  return found && (await seesMeeting(access, found)) ? found : null;
}

/**
 * Whether the principal reads the protocol's text, which speaks of every family the meeting reviewed:
 * the district's commission, and integrators allowed personal data.
 */
export function readsProtocolText(access: Access): boolean {
  const { role, scopes } = access.principal;
  return role === 'COMMISSION' || (role === 'INTEGRATOR' && scopes.has('personal-data:read'));
}
