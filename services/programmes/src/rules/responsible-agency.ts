import { badInput } from '@kdn/platform';
import type { Place } from '../references.ts';

/**
 * Who may take on a measure or sit at a meeting: an agency of the programme's district or of any
 * other district of the same city. Clause 3.5 asks the curator to make the most of the city's
 * resources (a city gymnasium, another district's clinic), so the district is not a limit; another
 * city's agency cannot be held to a deadline by this city's commission, so the city is.
 */
export function assertAgencyInCity(agency: Place | null, city: string, field: string): void {
  if (!agency) throw badInput(field, 'no agency with this id');
  if (agency.city !== city) throw badInput(field, `the agency works in ${agency.city}, not in ${city}`);
}
