import { type Access, today } from '@kdn/platform';
import type { CuratorAssignment as AssignmentRecord, Prisma } from '@kdn/prisma/curation';
import { isActiveOn } from '../assignment/figures.ts';
import { caseRecordModel, visibleCaseRecords } from '../shared/access.ts';

/**
 * Visits a principal sees: by the family access rule, as the assignment they were made under (their
 * content needs `full` access).
 */
export function visibleVisits(access: Access): Promise<Prisma.VisitWhereInput> {
  return visibleCaseRecords<Prisma.VisitWhereInput>(access, {
    ...caseRecordModel,
    inDistricts: (districtCodes) => ({ assignment: { districtCode: { in: districtCodes } } }),
  });
}

/** Whether the principal is the curator itself. */
export function isCuratorItself(access: Access, curatorId: string): boolean {
  return access.principal.role === 'CURATOR' && access.principal.curatorId === curatorId;
}

/** A curator records the visits it made itself to its current wards; the commission records any of its district. */
export function recordsVisit(access: Access, assignment: AssignmentRecord, curatorId: string): boolean {
  const own = isCuratorItself(access, curatorId);
  if (own && assignment.curatorId === curatorId && isActiveOn(assignment, today())) return true;
  return access.writesCasesOf(assignment.districtCode);
}
