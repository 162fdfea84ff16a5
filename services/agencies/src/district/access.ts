import type { Access } from '@kdn/platform';

/**
 * The directory of a district (its agencies, its resource centre and their staffing) is written only
 * by those who administer it (docs/access.md; clause 3.1 of the curator regulation). Checked before
 * anything is written, so a refused change writes nothing, not even its audit record.
 */
export function requireDirectoryOf(access: Access, districtCode: string, what: string) {
  access.require(access.administersDirectoryOf(districtCode), `${what} in district ${districtCode}`);
}
