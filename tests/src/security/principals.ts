import { demoUsers } from '@kdn/demo';
import type { Claims, SubgraphName } from '@kdn/platform';
import { type GraphQLResponse, signedIn, testIntegrator } from '@kdn/platform/testing';
import type { Stack } from '../stack.ts';

/** Someone who signs in: the demo's users, one of each role, and two integrators the demo does not name. */
export interface User {
  id: string;
  claims: Claims;
}

export const users: User[] = [
  ...demoUsers.map(({ id, claims }) => ({ id, claims })),
  {
    id: 'integrator-cases',
    claims: { sub: 'integrator-cases', role: 'INTEGRATOR', scope: 'cases:read' },
  },
  { id: 'integrator-all', claims: testIntegrator },
];

export function user(id: string): User {
  const found = users.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no user ${id}`);
  return found;
}

/** A GraphQL answer's data as the tables read it: they compare what they read, they do not type it. */
// biome-ignore lint/suspicious/noExplicitAny: the data of answers to many different queries
export type Loose = any;

export interface Answer<Data = Record<string, unknown>> extends GraphQLResponse<Data> {
  status: number;
  /** The response's body as sent, to look for what it must not contain. */
  text: string;
}

/** Posts one operation as `who` (a user, or the raw headers to send), keeping the HTTP status. */
export async function send<Data = Record<string, unknown>>(
  url: string,
  who: User | Record<string, string>,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Answer<Data>> {
  const headers = 'claims' in who && typeof who.claims === 'object' ? await signedIn(who.claims) : who;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(headers as Record<string, string>) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  const body = JSON.parse(text) as GraphQLResponse<Data>;
  return { ...body, status: response.status, text };
}

/** A query of a subgraph's `_entities`, the way the gateway asks it for fields of an entity it does not own. */
export function entitiesQuery(selection: string, variables = ''): string {
  return `query ($representations: [_Any!]!${variables}) { _entities(representations: $representations) { ${selection} } }`;
}

export const errorCodes = (answer: GraphQLResponse<unknown>) =>
  (answer.errors ?? []).map((error) => String(error.extensions?.code));

export const subgraphUrl = (stack: Stack, name: SubgraphName) => stack[name].url;

/** What a principal may read of a family, as `docs/access.md` says. */
export type FamilyAccess = 'full' | 'minimal' | 'record' | 'none';

const scopesOf = (claims: Claims) => new Set((claims.scope ?? '').split(' ').filter(Boolean));
const hasScope = (claims: Claims, scope: string) =>
  claims.role === 'INTEGRATOR' && scopesOf(claims).has(scope);
const within = (claims: Claims, district: string) => !claims.district || claims.district === district;

/**
 * The demo's case links and records, read straight from the services' tables: what the policy is
 * applied to. Wards are a curator's assignments in force today; an agency serves the families with a
 * programme in force (approved or under review) holding a measure assigned to it, not excluded.
 */
export async function readCases(stack: Stack) {
  const registry = stack.registry.db.client;
  const curation = stack.curation.db.client;
  const programmes = stack.programmes.db.client;
  const [families, minors, passports, assignments, curators, visits, measures, served] = await Promise.all([
    registry.$queryRawUnsafe<
      Array<{ id: string; districtCode: string; address: string; composition: string }>
    >(`SELECT id::text, "districtCode", address, composition::text FROM "Family" ORDER BY id`),
    registry.$queryRawUnsafe<
      Array<{ id: string; familyId: string; lastName: string; firstName: string; birthDate: string }>
    >(
      `SELECT id::text, "familyId"::text, "lastName", "firstName", to_char("birthDate", 'YYYY-MM-DD') AS "birthDate" FROM "Minor"`,
    ),
    registry.$queryRawUnsafe<Array<{ familyId: string; housing: string; notes: string | null }>>(
      `SELECT "familyId"::text, housing::text, notes FROM "SocialPassport"`,
    ),
    curation.$queryRawUnsafe<
      Array<{ id: string; familyId: string; curatorId: string; startedOn: string; current: boolean }>
    >(
      `SELECT id::text, "familyId"::text, "curatorId"::text, to_char("startedOn", 'YYYY-MM-DD') AS "startedOn",
              ("startedOn" <= current_date AND ("endedOn" IS NULL OR "endedOn" > current_date)) AS current
         FROM "CuratorAssignment" ORDER BY "startedOn", id`,
    ),
    curation.$queryRawUnsafe<Array<{ id: string; agencyId: string; districtCode: string; fullName: string }>>(
      `SELECT id::text, "agencyId"::text, "districtCode", "fullName" FROM "Curator"`,
    ),
    curation.$queryRawUnsafe<Array<{ id: string; familyId: string; discussed: string }>>(
      `SELECT id::text, "familyId"::text, discussed FROM "Visit"`,
    ),
    programmes.$queryRawUnsafe<
      Array<{
        id: string;
        agencyId: string;
        familyId: string;
        status: string;
        programmeStatus: string;
        excluded: boolean;
      }>
    >(
      `SELECT m.id::text, m."agencyId"::text, p."familyId"::text, m.status::text, p.status::text AS "programmeStatus",
              m."excludedOn" IS NOT NULL AS excluded
         FROM "Measure" m JOIN "Programme" p ON p.id = m."programmeId" ORDER BY m.id`,
    ),
    programmes.$queryRawUnsafe<Array<{ agencyId: string; familyId: string }>>(
      `SELECT DISTINCT m."agencyId"::text, p."familyId"::text
         FROM "Programme" p JOIN "Measure" m ON m."programmeId" = p.id
        WHERE p.status IN ('APPROVED', 'UNDER_REVIEW') AND m."excludedOn" IS NULL`,
    ),
  ]);
  const districtOf = new Map(families.map((family) => [family.id, family.districtCode]));
  const wardsOf = (curatorId: string | undefined) =>
    new Set(
      assignments
        .filter((assignment) => assignment.current && assignment.curatorId === curatorId)
        .map((assignment) => assignment.familyId),
    );
  const servedBy = (agencyId: string | undefined) =>
    new Set(served.filter((row) => row.agencyId === agencyId).map((row) => row.familyId));

  /** `docs/access.md`: who reads what of a family's case. */
  function accessOf(claims: Claims, familyId: string): FamilyAccess {
    const district = districtOf.get(familyId) ?? '';
    switch (claims.role) {
      case 'COMMISSION':
        return claims.district === district ? 'full' : 'none';
      case 'CURATOR':
        return wardsOf(claims.curator).has(familyId) ? 'full' : 'none';
      case 'AGENCY':
        return servedBy(claims.agency).has(familyId) ? 'minimal' : 'none';
      case 'INTEGRATOR':
        if (!hasScope(claims, 'cases:read') || !within(claims, district)) return 'none';
        return hasScope(claims, 'personal-data:read') ? 'full' : 'record';
      default:
        return 'none';
    }
  }

  return {
    families,
    minors,
    passports,
    assignments,
    curators,
    visits,
    measures,
    districtOf,
    wardsOf,
    servedBy,
    accessOf,
  };
}

export type Cases = Awaited<ReturnType<typeof readCases>>;

const rank: Record<FamilyAccess, number> = { none: 0, record: 1, minimal: 2, full: 3 };
export const covers = (granted: FamilyAccess, needed: FamilyAccess) => rank[granted] >= rank[needed];

/** District figures: the district's own staff, methodologists everywhere, integrators with `aggregates:read`. */
export function readsAggregatesOf(claims: Claims, district: string): boolean {
  switch (claims.role) {
    case 'COMMISSION':
    case 'CURATOR':
    case 'AGENCY':
      return claims.district === district;
    case 'METHODOLOGIST':
      return true;
    case 'INTEGRATOR':
      return hasScope(claims, 'aggregates:read') && within(claims, district);
    default:
      return false;
  }
}

export function writesCasesOf(claims: Claims, district: string): boolean {
  if (claims.role === 'COMMISSION') return claims.district === district;
  return hasScope(claims, 'cases:write') && within(claims, district);
}

export function administersDirectoryOf(claims: Claims, district: string): boolean {
  if (claims.role === 'ADMIN') return true;
  if (claims.role === 'COMMISSION') return claims.district === district;
  return hasScope(claims, 'directory:write') && within(claims, district);
}

export function readsAuditOf(claims: Claims, district: string): boolean {
  if (claims.role === 'ADMIN') return true;
  if (claims.role === 'COMMISSION') return claims.district === district;
  return hasScope(claims, 'audit:read') && within(claims, district);
}

/** Curators: their district's commission, their agency's users, themselves, integrators with `cases:read`. */
export function seesCurator(claims: Claims, curator: { id: string; agencyId: string; districtCode: string }) {
  switch (claims.role) {
    case 'COMMISSION':
      return claims.district === curator.districtCode;
    case 'AGENCY':
      return claims.agency === curator.agencyId;
    case 'CURATOR':
      return claims.curator === curator.id;
    case 'INTEGRATOR':
      return hasScope(claims, 'cases:read') && within(claims, curator.districtCode);
    default:
      return false;
  }
}

/** A figure as a methodologist gets it: every count below 3 suppressed (null). */
export function suppressed(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) && value < 3 ? null : value;
  if (Array.isArray(value)) return value.map(suppressed);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, suppressed(item)]));
  }
  return value;
}

/** Every count in a figure, to check that a comparison had both small and large ones. */
export function countsIn(value: unknown): number[] {
  if (typeof value === 'number') return Number.isInteger(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(countsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(countsIn);
  return [];
}
