/**
 * The filters of every view, kept in the URL (`/?district=kirovsky&asOf=2011-12-31`) so a view can
 * be shared. Without them a view opens on `DEMO_DISTRICT` (when that district exists) or the first
 * district by name, on `DEMO_AS_OF` (when it is a valid date) or today.
 */

export interface Filters {
  district: string | undefined;
  asOf: string;
}

export type SearchParams = Record<string, string | string[] | undefined>;

/** A real calendar day written `YYYY-MM-DD`. */
export function isIsoDate(value: string | undefined): value is string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
}

function today() {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function defaultFilters(districtCodes: string[]): Filters {
  const { DEMO_DISTRICT, DEMO_AS_OF } = process.env;
  return {
    district: DEMO_DISTRICT && districtCodes.includes(DEMO_DISTRICT) ? DEMO_DISTRICT : districtCodes[0],
    asOf: isIsoDate(DEMO_AS_OF) ? DEMO_AS_OF : today(),
  };
}

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The filters a URL asks for, completed with the defaults where missing or invalid. */
export function resolveFilters(params: SearchParams, districtCodes: string[]): Filters {
  const defaults = defaultFilters(districtCodes);
  const district = single(params.district);
  const asOf = single(params.asOf);
  return { district: district || defaults.district, asOf: isIsoDate(asOf) ? asOf : defaults.asOf };
}

export function filtersQuery({ district, asOf }: Filters): string {
  return new URLSearchParams(district ? { district, asOf } : { asOf }).toString();
}
