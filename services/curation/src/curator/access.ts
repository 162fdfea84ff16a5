import type { Access, Principal } from '@kdn/platform';
import type { Prisma } from '@kdn/prisma/curation';
import { noRow } from '../shared/access.ts';

/**
 * Curators a principal sees: the commission of their district, an agency user of their agency, a
 * curator itself only, an integrator allowed to read cases (within its district, if it has one).
 * Methodologists and administrators see figures and the directory, not curators.
 */
export function visibleCurators(principal: Principal): Prisma.CuratorWhereInput {
  switch (principal.role) {
    case 'COMMISSION':
      return { districtCode: principal.districtCode ?? '' };
    case 'AGENCY':
      return principal.agencyId ? { agencyId: principal.agencyId } : noRow;
    case 'CURATOR':
      return principal.curatorId ? { id: principal.curatorId } : noRow;
    case 'INTEGRATOR':
      if (!principal.scopes.has('cases:read')) return noRow;
      return principal.districtCode ? { districtCode: principal.districtCode } : {};
    default:
      return noRow;
  }
}

/** Curator records: the commission of the district (or an integrator by scope), and an agency for its own staff. */
export function writesCuratorsOf(
  access: Access,
  { agencyId, districtCode }: { agencyId: string; districtCode: string },
) {
  const { role, agencyId: ownAgency } = access.principal;
  return access.writesCasesOf(districtCode) || (role === 'AGENCY' && ownAgency === agencyId);
}

export function requireWritingCurators(access: Access) {
  access.require(
    access.writesCasesSomewhere() || access.principal.role === 'AGENCY',
    'curator records are written by a commission or by the curators’ agency',
  );
}
