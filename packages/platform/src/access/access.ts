import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors.ts';
import type { IntegratorScope, Principal } from './principal.ts';

/**
 * How much of a family's case a principal may read:
 * `full` every field; `minimal` the minors' names and ages, what an agency needs to carry out its
 * measures; `record` the case records without personal data (an integrator without
 * `personal-data:read`); `none` not even that the family exists.
 */
export type FamilyAccess = 'full' | 'minimal' | 'record' | 'none';

const rank: Record<FamilyAccess, number> = { none: 0, record: 1, minimal: 2, full: 3 };

/** Whether `granted` covers what a field needs. */
export function covers(granted: FamilyAccess, needed: FamilyAccess): boolean {
  return rank[granted] >= rank[needed];
}

/** A family as a policy sees it: its id and the district whose commission keeps its case. */
export interface FamilyRef {
  familyId: string;
  districtCode: string;
}

/**
 * Which families a principal works with through its case links: a curator's wards (curation owns
 * them), an agency's families with measures assigned to it (programmes owns those). Each subgraph
 * answers the links it owns from its own tables and asks the owner for the others.
 */
export interface CaseLinks {
  wardsOfCurator(curatorId: string): Promise<ReadonlySet<string>>;
  familiesServedByAgency(agencyId: string): Promise<ReadonlySet<string>>;
}

/** Which families' rows a list may return, as a subgraph turns it into a `where` clause. */
export type FamilyRows =
  | { kind: 'all' }
  | { kind: 'districts'; districtCodes: string[] }
  | { kind: 'families'; familyIds: string[] }
  | { kind: 'none' };

/**
 * `familyRows()` as a Prisma `where` over a table of case records keyed by `districtCode` and
 * `familyId` (assignments, programmes); null when the list may hold no row (no statement needed).
 */
export function caseRecordsWhere(
  rows: FamilyRows,
): { districtCode?: { in: string[] }; familyId?: { in: string[] } } | null {
  switch (rows.kind) {
    case 'all':
      return {};
    case 'districts':
      return rows.districtCodes.length > 0 ? { districtCode: { in: rows.districtCodes } } : null;
    case 'families':
      return rows.familyIds.length > 0 ? { familyId: { in: rows.familyIds } } : null;
    case 'none':
      return null;
  }
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.Forbidden } });
}

/** Figures below this are shown to methodologists as suppressed, so that no family can be singled out. */
export const smallestShownFigure = 3;

/**
 * The access policy of one request, the same in every subgraph: each asks it before it returns a
 * row or a field, so that a request sent to a subgraph directly, past the gateway, gets the same answer.
 */
export class Access {
  private wards?: Promise<ReadonlySet<string>>;
  private served?: Promise<ReadonlySet<string>>;

  constructor(
    readonly principal: Principal,
    private readonly links: CaseLinks,
  ) {}

  private has(scope: IntegratorScope): boolean {
    return this.principal.role === 'INTEGRATOR' && this.principal.scopes.has(scope);
  }

  /** Whether the principal's own district (if it has one) is `districtCode`. */
  private within(districtCode: string): boolean {
    return this.principal.districtCode === null || this.principal.districtCode === districtCode;
  }

  /** The curator's wards now, asked once per request. */
  wardFamilies(): Promise<ReadonlySet<string>> {
    const { curatorId } = this.principal;
    if (this.principal.role !== 'CURATOR' || !curatorId) return Promise.resolve(new Set());
    this.wards ??= this.links.wardsOfCurator(curatorId);
    return this.wards;
  }

  /** The families with measures assigned to the agency user's agency, asked once per request. */
  servedFamilies(): Promise<ReadonlySet<string>> {
    const { agencyId } = this.principal;
    if (this.principal.role !== 'AGENCY' || !agencyId) return Promise.resolve(new Set());
    this.served ??= this.links.familiesServedByAgency(agencyId);
    return this.served;
  }

  async family({ familyId, districtCode }: FamilyRef): Promise<FamilyAccess> {
    switch (this.principal.role) {
      case 'COMMISSION':
        return this.principal.districtCode === districtCode ? 'full' : 'none';
      case 'CURATOR':
        return (await this.wardFamilies()).has(familyId) ? 'full' : 'none';
      case 'AGENCY':
        return (await this.servedFamilies()).has(familyId) ? 'minimal' : 'none';
      case 'INTEGRATOR':
        if (!this.has('cases:read') || !this.within(districtCode)) return 'none';
        return this.has('personal-data:read') ? 'full' : 'record';
      default:
        return 'none';
    }
  }

  /** The families whose rows a list may hold. */
  async familyRows(): Promise<FamilyRows> {
    const { role, districtCode } = this.principal;
    switch (role) {
      case 'COMMISSION':
        return { kind: 'districts', districtCodes: [districtCode ?? ''] };
      case 'CURATOR':
        return { kind: 'families', familyIds: [...(await this.wardFamilies())] };
      case 'AGENCY':
        return { kind: 'families', familyIds: [...(await this.servedFamilies())] };
      case 'INTEGRATOR':
        if (!this.has('cases:read')) return { kind: 'none' };
        return districtCode ? { kind: 'districts', districtCodes: [districtCode] } : { kind: 'all' };
      default:
        return { kind: 'none' };
    }
  }

  /** District figures (counts, shares): a district's own staff, methodologists everywhere, integrators by scope. */
  readsAggregatesOf(districtCode: string): boolean {
    switch (this.principal.role) {
      case 'COMMISSION':
      case 'CURATOR':
      case 'AGENCY':
        return this.principal.districtCode === districtCode;
      case 'METHODOLOGIST':
        return true;
      case 'INTEGRATOR':
        return this.has('aggregates:read') && this.within(districtCode);
      default:
        return false;
    }
  }

  /** Registering, closing, assigning, programmes and meetings: the district's commission. */
  writesCasesOf(districtCode: string): boolean {
    if (this.principal.role === 'COMMISSION') return this.principal.districtCode === districtCode;
    return this.has('cases:write') && this.within(districtCode);
  }

  /** Whether the principal writes cases in some district: its own, for one bound to a district. A first check before the district is known. */
  writesCasesSomewhere(): boolean {
    return this.writesCasesOf(this.principal.districtCode ?? '');
  }

  /** Whether the principal reads the figures of some district, as `writesCasesSomewhere` for writing. */
  readsAggregatesSomewhere(): boolean {
    return this.readsAggregatesOf(this.principal.districtCode ?? '');
  }

  /** Agencies and resource centres of a district: administrators, the district's commission, integrators by scope. */
  administersDirectoryOf(districtCode: string): boolean {
    if (this.principal.role === 'ADMIN') return true;
    if (this.principal.role === 'COMMISSION') return this.principal.districtCode === districtCode;
    return this.has('directory:write') && this.within(districtCode);
  }

  /** Who viewed or changed a family: the commission of its district, administrators, integrators by scope. */
  readsAuditOf(districtCode: string): boolean {
    if (this.principal.role === 'ADMIN') return true;
    if (this.principal.role === 'COMMISSION') return this.principal.districtCode === districtCode;
    return this.has('audit:read') && this.within(districtCode);
  }

  /** A figure as this principal may see it: below 3 a methodologist gets `null` (suppressed). */
  figure(value: number): number | null {
    return this.principal.role === 'METHODOLOGIST' && value < smallestShownFigure ? null : value;
  }

  /** Throws FORBIDDEN unless `allowed`. */
  require(allowed: boolean, what: string): void {
    if (!allowed) throw forbidden(`Not allowed for ${this.principal.role}: ${what}`);
  }
}
