/**
 * The filters of every view, kept in the URL (`/?district=kirovsky&asOf=2011-12-31`) so a view can
 * be shared. Without them a view opens on `DEMO_DISTRICT` (when that district exists) or the first
 * district by name, on `DEMO_AS_OF` (when it is a valid date) or today. The sections that count
 * events also take a period (`&from=2011-01-01&to=2011-12-31`), by default the year up to that date.
 */

export interface Filters {
  district: string | undefined;
  asOf: string;
}

/** A period of events, both days included. */
export interface Period {
  from: string;
  to: string;
}

/** The sections whose figures count events in a period: the filter bar shows the period there. */
export const periodSections = ['/programmes', '/resource-centres'];

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

export const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The filters a URL asks for, completed with the defaults where missing or invalid. */
export function resolveFilters(params: SearchParams, districtCodes: string[]): Filters {
  const defaults = defaultFilters(districtCodes);
  const district = single(params.district);
  const asOf = single(params.asOf);
  return { district: district || defaults.district, asOf: isIsoDate(asOf) ? asOf : defaults.asOf };
}

/** The first day of the year of `asOf`. */
export const yearStart = (asOf: string) => `${asOf.slice(0, 4)}-01-01`;

/** The period a URL asks for; without a valid one, the year of `asOf` up to that day. */
export function resolvePeriod(params: SearchParams, asOf: string): Period {
  const from = single(params.from);
  const to = single(params.to);
  return isIsoDate(from) && isIsoDate(to) && from <= to ? { from, to } : { from: yearStart(asOf), to: asOf };
}

export function filtersQuery({ district, asOf }: Filters, period?: Period): string {
  return new URLSearchParams({ ...(district && { district }), asOf, ...period }).toString();
}
