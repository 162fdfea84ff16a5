import type { createSubgraphBuilder } from '../builder.ts';
import type { SubgraphContext } from '../context.ts';
import { badInput } from '../errors.ts';
import { isUuid } from '../input.ts';

/**
 * The facts each service gives reconciliation (`npm run reconcile`): keys and dates of its own
 * records, nothing else, read in pages keyed by id through its own API by administrators. One
 * statement per page; the checker (`checker.ts`) compares them in memory, so no service reads
 * another's tables.
 */

/** The largest page a facts field returns: a few thousand rows keep one statement and one answer small. */
export const largestFactsPage = 5000;
export const defaultFactsPage = 2000;
/** The most families or records a facts field may be asked for by id at once. */
export const largestIdFilter = 1000;

/** A minor's counted days in a registration or an assignment: from `addedOn` up to the day before `countedUntil`. */
export interface MinorFact {
  minorId: string;
  addedOn: Date;
  countedUntil: Date | null;
}

export interface RegistrationFact {
  id: string;
  familyId: string;
  districtCode: string;
  openedOn: Date;
  closedOn: Date | null;
  minors: MinorFact[];
}

export interface AssignmentFact {
  id: string;
  familyId: string;
  registrationId: string;
  curatorId: string;
  districtCode: string;
  startedOn: Date;
  endedOn: Date | null;
  minors: MinorFact[];
}

export interface CuratorFact {
  id: string;
  agencyId: string;
  agencyKind: string;
  districtCode: string;
}

export interface ProgrammeFact {
  id: string;
  familyId: string;
  registrationId: string;
  curatorId: string;
  districtCode: string;
  status: string;
  periodFrom: Date;
  periodTo: Date;
}

export interface AgencyFact {
  id: string;
  kind: string;
  districtCode: string;
  closedOn: Date | null;
}

/** Which records a page holds: after an id, at most `limit`, optionally only some families, records or a district. */
export interface FactsQuery {
  after: string | null;
  limit: number;
  /** Only the records of these families (registrations, assignments, programmes). */
  familyIds: string[] | null;
  /** Only these records (curators, agencies). */
  ids: string[] | null;
  districtCode: string | null;
}

export interface FactKinds {
  registrations: RegistrationFact;
  assignments: AssignmentFact;
  curators: CuratorFact;
  programmes: ProgrammeFact;
  agencies: AgencyFact;
}
export type FactKind = keyof FactKinds;

/** Where each kind of fact is served, and how a client selects it. */
export const factFields: Record<
  FactKind,
  {
    service: 'registry' | 'curation' | 'programmes' | 'agencies';
    field: string;
    selection: string;
    by: 'family' | 'id';
  }
> = {
  registrations: {
    service: 'registry',
    field: 'registrationReconciliationFacts',
    selection: 'id familyId districtCode openedOn closedOn minors { minorId addedOn countedUntil }',
    by: 'family',
  },
  assignments: {
    service: 'curation',
    field: 'assignmentReconciliationFacts',
    selection:
      'id familyId registrationId curatorId districtCode startedOn endedOn minors { minorId addedOn countedUntil }',
    by: 'family',
  },
  curators: {
    service: 'curation',
    field: 'curatorReconciliationFacts',
    selection: 'id agencyId agencyKind districtCode',
    by: 'id',
  },
  programmes: {
    service: 'programmes',
    field: 'programmeReconciliationFacts',
    selection: 'id familyId registrationId curatorId districtCode status periodFrom periodTo',
    by: 'family',
  },
  agencies: {
    service: 'agencies',
    field: 'agencyReconciliationFacts',
    selection: 'id kind districtCode closedOn',
    by: 'id',
  },
};

type SubgraphBuilder<Context extends SubgraphContext> = ReturnType<typeof createSubgraphBuilder<Context>>;

/** One statement that reads a page of facts from the service's own tables. */
export type FactsLoader<Context, Fact> = (context: Context, query: FactsQuery) => Promise<Fact[]>;

export type FactsLoaders<Context> = { [K in FactKind]?: FactsLoader<Context, FactKinds[K]> };

/**
 * Adds the facts fields of the kinds a service owns (`registrationReconciliationFacts(after:, first:)`
 * and so on): administrators only, a page of keys and dates keyed by id.
 */
export function addReconciliationFacts<Context extends SubgraphContext>(
  builder: SubgraphBuilder<Context>,
  loaders: FactsLoaders<Context>,
) {
  const minorFactType = () =>
    builder.objectRef<MinorFact>('MinorFact').implement({
      description: 'A minor’s counted days: from `addedOn` up to the day before `countedUntil`.',
      shareable: true,
      fields: (t) => ({
        minorId: t.exposeID('minorId', { description: 'The minor’s identifier.' }),
        addedOn: t.field({ type: 'Date', description: 'The first day counted.', resolve: (m) => m.addedOn }),
        countedUntil: t.field({
          type: 'Date',
          nullable: true,
          description: 'The first day no longer counted (left, or turned 18); null while counted.',
          resolve: (m) => m.countedUntil,
        }),
      }),
    });

  const date = (description: string) => ({ type: 'Date' as const, description });

  const pageOf = <Fact extends { id: string }>(
    kind: FactKind,
    typeName: string,
    description: string,
    itemType: ReturnType<ReturnType<typeof builder.objectRef<Fact>>['implement']>,
    load: FactsLoader<Context, Fact>,
  ) => {
    const { field, by } = factFields[kind];
    const Page = builder.objectRef<{ items: Fact[]; hasMore: boolean }>(`${typeName}Page`).implement({
      description: `A page of ${kind} facts, in the order of their ids.`,
      fields: (t) => ({
        items: t.field({ type: [itemType], description: 'The facts, by id.', resolve: (page) => page.items }),
        endCursor: t.string({
          nullable: true,
          description: 'The last id of the page: pass it as `after` to read on; null for an empty page.',
          resolve: (page) => page.items.at(-1)?.id ?? null,
        }),
        hasMore: t.boolean({
          description: 'Whether facts follow this page.',
          resolve: (page) => page.hasMore,
        }),
      }),
    });
    builder.queryField(field, (t) =>
      t.field({
        type: Page,
        nullable: true,
        description: `${description} For reconciliation (\`npm run reconcile\`): keys and dates only, administrators only.`,
        args: {
          after: t.arg.string({
            required: false,
            description: 'The `endCursor` read last; from the start when absent.',
          }),
          first: t.arg.int({
            required: false,
            description: `At most this many: ${defaultFactsPage} by default, ${largestFactsPage} at most.`,
          }),
          ...(by === 'family'
            ? {
                familyIds: t.arg.idList({
                  required: false,
                  description: `Only those of these families (${largestIdFilter} at most).`,
                }),
              }
            : {
                ids: t.arg.idList({
                  required: false,
                  description: `Only these records (${largestIdFilter} at most).`,
                }),
              }),
          districtCode: t.arg.string({ required: false, description: 'Only those of this district.' }),
        },
        resolve: async (_root, args, context) => {
          context.access.require(context.access.principal.role === 'ADMIN', 'reconciliation facts');
          const query = factsQuery(args as FactsArgs);
          const rows = await load(context, { ...query, limit: query.limit + 1 });
          return { items: rows.slice(0, query.limit), hasMore: rows.length > query.limit };
        },
      }),
    );
  };

  if (loaders.registrations) {
    const Registration = builder.objectRef<RegistrationFact>('RegistrationFact').implement({
      description: 'A registration on the register as the registry keeps it: keys and dates.',
      fields: (t) => ({
        id: t.exposeID('id', { description: 'The registration’s identifier.' }),
        familyId: t.exposeID('familyId', { description: 'The family registered.' }),
        districtCode: t.exposeString('districtCode', {
          description: 'The district whose commission keeps it.',
        }),
        openedOn: t.field({ ...date('The first day on the register.'), resolve: (r) => r.openedOn }),
        closedOn: t.field({
          ...date('The first day off the register; null while open.'),
          nullable: true,
          resolve: (r) => r.closedOn,
        }),
        minors: t.field({
          type: [minorFactType()],
          description: 'The minors named in it, each with the days they count on the register.',
          resolve: (r) => r.minors,
        }),
      }),
    });
    pageOf(
      'registrations',
      'RegistrationFact',
      'Registrations with their minors.',
      Registration,
      loaders.registrations,
    );
  }
  if (loaders.assignments) {
    const Assignment = builder.objectRef<AssignmentFact>('AssignmentFact').implement({
      description: 'A curator’s assignment to a ward as curation keeps it: keys and dates.',
      fields: (t) => ({
        id: t.exposeID('id', { description: 'The assignment’s identifier.' }),
        familyId: t.exposeID('familyId', { description: 'The ward’s family.' }),
        registrationId: t.exposeID('registrationId', { description: 'The registration it is for.' }),
        curatorId: t.exposeID('curatorId', { description: 'The curator.' }),
        districtCode: t.exposeString('districtCode', { description: 'The family’s district.' }),
        startedOn: t.field({ ...date('The first day active.'), resolve: (a) => a.startedOn }),
        endedOn: t.field({
          ...date('The first day no longer active; null while active.'),
          nullable: true,
          resolve: (a) => a.endedOn,
        }),
        minors: t.field({
          type: [minorFactType()],
          description: 'The minors of the ward, each with the days curation counts them.',
          resolve: (a) => a.minors,
        }),
      }),
    });
    pageOf(
      'assignments',
      'AssignmentFact',
      'Curator assignments with their minors.',
      Assignment,
      loaders.assignments,
    );
  }
  if (loaders.curators) {
    const Curator = builder.objectRef<CuratorFact>('CuratorFact').implement({
      description: 'A curator as curation keeps it: the agency and the kind and district copied from it.',
      fields: (t) => ({
        id: t.exposeID('id', { description: 'The curator’s identifier.' }),
        agencyId: t.exposeID('agencyId', { description: 'The curator’s agency.' }),
        agencyKind: t.exposeString('agencyKind', { description: 'The agency’s kind as curation has it.' }),
        districtCode: t.exposeString('districtCode', {
          description: 'The agency’s district as curation has it.',
        }),
      }),
    });
    pageOf(
      'curators',
      'CuratorFact',
      'Curators with their agency’s kind and district as copied.',
      Curator,
      loaders.curators,
    );
  }
  if (loaders.programmes) {
    const Programme = builder.objectRef<ProgrammeFact>('ProgrammeFact').implement({
      description: 'A programme as the programmes service keeps it: keys, status and period.',
      fields: (t) => ({
        id: t.exposeID('id', { description: 'The programme’s identifier.' }),
        familyId: t.exposeID('familyId', { description: 'The family.' }),
        registrationId: t.exposeID('registrationId', { description: 'The registration it is for.' }),
        curatorId: t.exposeID('curatorId', { description: 'The programme’s curator.' }),
        districtCode: t.exposeString('districtCode', { description: 'The family’s district.' }),
        status: t.exposeString('status', {
          description: 'Its status (`APPROVED` and `UNDER_REVIEW` are in force).',
        }),
        periodFrom: t.field({ ...date('The first day of its period.'), resolve: (p) => p.periodFrom }),
        periodTo: t.field({ ...date('The last day of its period.'), resolve: (p) => p.periodTo }),
      }),
    });
    pageOf(
      'programmes',
      'ProgrammeFact',
      'Programmes with status, period, registration, family and curator.',
      Programme,
      loaders.programmes,
    );
  }
  if (loaders.agencies) {
    const Agency = builder.objectRef<AgencyFact>('AgencyFact').implement({
      description: 'An agency as the directory keeps it: kind, district and closing day.',
      fields: (t) => ({
        id: t.exposeID('id', { description: 'The agency’s identifier.' }),
        kind: t.exposeString('kind', { description: 'Its kind.' }),
        districtCode: t.exposeString('districtCode', { description: 'The district it works in.' }),
        closedOn: t.field({
          ...date('The day it stopped working; null while it works.'),
          nullable: true,
          resolve: (a) => a.closedOn,
        }),
      }),
    });
    pageOf(
      'agencies',
      'AgencyFact',
      'Agencies with kind, district and closing day.',
      Agency,
      loaders.agencies,
    );
  }
}

interface FactsArgs {
  after?: string | null;
  first?: number | null;
  familyIds?: string[] | null;
  ids?: string[] | null;
  districtCode?: string | null;
}

function factsQuery({ after, first, familyIds, ids, districtCode }: FactsArgs): FactsQuery {
  if (after != null && !isUuid(after)) throw badInput('after', 'is not a cursor this API returned');
  const limit = first ?? defaultFactsPage;
  if (!Number.isInteger(limit) || limit < 1 || limit > largestFactsPage) {
    throw badInput('first', `must be from 1 to ${largestFactsPage}`);
  }
  for (const [name, list] of [
    ['familyIds', familyIds],
    ['ids', ids],
  ] as const) {
    if (!list) continue;
    if (list.length > largestIdFilter) throw badInput(name, `at most ${largestIdFilter} at once`);
    if (list.some((id) => !isUuid(id))) throw badInput(name, 'must be identifiers returned by the API');
  }
  return {
    after: after ?? null,
    limit,
    familyIds: familyIds ?? null,
    ids: ids ?? null,
    districtCode: districtCode ?? null,
  };
}

/** Minors read as JSON by a page's one statement (`json_agg`): their days back as dates. */
export function minorFactsOf(json: unknown): MinorFact[] {
  const rows = (typeof json === 'string' ? JSON.parse(json) : json) as Array<{
    minorId: string;
    addedOn: string;
    countedUntil: string | null;
  }> | null;
  return (rows ?? []).map((row) => ({
    minorId: row.minorId,
    addedOn: new Date(`${row.addedOn}T00:00:00.000Z`),
    countedUntil: row.countedUntil ? new Date(`${row.countedUntil}T00:00:00.000Z`) : null,
  }));
}
