/**
 * What each role may see on the dashboard, as `docs/access.md` gives it; the gateway and every
 * subgraph enforce the same policy, so this only decides what the pages offer.
 */
import type { Role } from '@kdn/platform/principal';
import type { DistrictRef } from './districts.ts';

/** The signed-in user, from the claims of their token. */
export interface SignedInUser {
  /** The token's subject. */
  id: string;
  /** How the header names them: the demo user's title, or the subject and the role. */
  title: string;
  role: Role;
  districtCode: string | null;
  agencyId: string | null;
  curatorId: string | null;
  scopes: string[];
}

/** District figures: a district's own staff, methodologists, integrators with `aggregates:read`. */
export function readsFigures(user: SignedInUser): boolean {
  if (user.role === 'INTEGRATOR') return user.scopes.includes('aggregates:read');
  return user.role !== 'ADMIN';
}

/** The districts whose figures the user reads: its own when it has one, otherwise every district. */
export function readableDistricts(user: SignedInUser, districts: DistrictRef[]): DistrictRef[] {
  const own = user.districtCode;
  return own === null ? districts : districts.filter(({ code }) => code === own);
}

/** Methodologists get every count below 3 as null (suppressed), so that no family can be singled out. */
export const seesSuppressedFigures = (user: SignedInUser) => user.role === 'METHODOLOGIST';

/**
 * Whether a curator's page of wards can show the user anything: a commission its district's
 * curators, an agency its own curators (the API keeps to the families it serves), a curator only
 * itself (clause 3.1 of the curator regulation), an integrator with `cases:read`.
 */
export function seesWardsOf(user: SignedInUser, curatorId: string): boolean {
  switch (user.role) {
    case 'COMMISSION':
    case 'AGENCY':
      return true;
    case 'CURATOR':
      return user.curatorId === curatorId;
    case 'INTEGRATOR':
      return user.scopes.includes('cases:read');
    default:
      return false;
  }
}
