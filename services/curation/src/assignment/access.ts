import type { Access, FamilyRef } from '@kdn/platform';
import { type CuratorAssignment as AssignmentRecord, Prisma } from '@kdn/prisma/curation';
import { caseRecordModel, caseRecordRows, visibleCaseRecords } from '../shared/access.ts';

/** Assignments a principal sees: by the family access rule, over their district and family. */
export function visibleAssignments(access: Access): Promise<Prisma.CuratorAssignmentWhereInput> {
  return visibleCaseRecords<Prisma.CuratorAssignmentWhereInput>(access, {
    ...caseRecordModel,
    inDistricts: (districtCodes) => ({ districtCode: { in: districtCodes } }),
  });
}

/**
 * `visibleAssignments` as a condition of raw SQL, over an assignment's `"districtCode"` and
 * `"familyId"` in `assignment` and its curator's `"agencyId"` in `curator`.
 */
export function visibleAssignmentsSql(
  access: Access,
  assignment: Prisma.Sql,
  curator: Prisma.Sql,
): Promise<Prisma.Sql> {
  return visibleCaseRecords<Prisma.Sql>(access, {
    ...caseRecordRows(assignment),
    orOfCuratorsOf: (families, agencyId) =>
      Prisma.sql`(${families} OR ${curator}."agencyId" = ${agencyId}::uuid)`,
  });
}

/** The family whose case an assignment is, for the access policy. */
export const familyOfAssignment = (assignment: AssignmentRecord): FamilyRef => ({
  familyId: assignment.familyId,
  districtCode: assignment.districtCode,
});

/** Assignments are the commission's resolutions (clause 1.2): its district's, or an integrator's by scope. */
export function requireWritingCases(access: Access) {
  access.require(access.writesCasesSomewhere(), 'assigning, replacing and ending curators');
}

export function requireWritingCasesOf(access: Access, districtCode: string) {
  access.require(access.writesCasesOf(districtCode), `the cases of district ${districtCode}`);
}
