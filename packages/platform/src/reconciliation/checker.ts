import type { SubgraphName, SubgraphUrls } from '../config.ts';
import { isoDate } from '../dates.ts';
import type { Producer } from '../events/catalogue.ts';
import { feedField } from '../events/feed-client.ts';
import { startPosition } from '../events/outbox.ts';
import { type PeerRequest, requestPeer } from '../peer-request.ts';
import {
  type FactKind,
  type FactKinds,
  factFields,
  largestFactsPage,
  largestIdFilter,
  type MinorFact,
} from './facts.ts';
import { replayMutationOf } from './replay.ts';

/**
 * Reconciliation: every cross-service invariant checked over the facts each service serves through
 * its own API (`facts.ts`), compared in memory in maps keyed by id, with every discrepancy listed by
 * its keys and days; and the repair, which asks each consumer to replay its producer's events for
 * the families concerned. `npm run reconcile` runs it over the whole data set, curation's
 * `Query.reconciliation` over some families or a district.
 */

export const invariants = {
  ASSIGNMENT_WHILE_REGISTERED:
    'A curator assignment is active only while its family’s registration is open (not before it opens, not from the day it closes).',
  MINORS_AS_REGISTERED:
    'The minors of an assignment count on the same days as on the register: each minor’s counted days within the assignment’s active days equal the registry’s.',
  PROGRAMME_WHILE_REGISTERED:
    'A programme is in force (APPROVED, UNDER_REVIEW) only for a family on the register: its registration open over the whole period.',
  PROGRAMME_CURATOR_OF_THE_DAY:
    'A programme in force has the family’s curator of the day: the curator of its assignment active on the day checked.',
  CURATOR_AS_AGENCY: 'A curator’s agency kind and district, as curation copied them, equal their agency’s.',
} as const;

export type Invariant = keyof typeof invariants;
export const invariantNames = Object.keys(invariants) as Invariant[];

/** One discrepancy, with the keys of every record concerned and the days it concerns (`until` excluded). */
export interface Discrepancy {
  invariant: Invariant;
  familyId: string | null;
  registrationId: string | null;
  assignmentId: string | null;
  programmeId: string | null;
  curatorId: string | null;
  agencyId: string | null;
  minorId: string | null;
  from: string | null;
  until: string | null;
  detail: string;
}

export interface InvariantResult {
  invariant: Invariant;
  description: string;
  count: number;
  /** The first discrepancies found (`keep` of them); `count` says how many there are in all. */
  discrepancies: Discrepancy[];
  /** Every family concerned: a repair replays their events. */
  familyIds: Set<string>;
}

export interface ReconciliationReport {
  checkedOn: string;
  results: InvariantResult[];
  /** How many of each kind of fact were compared. */
  facts: Record<FactKind, number>;
  discrepancies: number;
  durationMs: number;
}

export interface ReconciliationScope {
  familyIds?: readonly string[] | null;
  districtCode?: string | null;
}

export interface FactsClient {
  urls: SubgraphUrls;
  /** The `Authorization` header of an administrator. */
  authorization: string;
  pageSize?: number;
}

export interface CheckOptions {
  /** The day whose curator a programme in force must have: today by default. */
  asOf?: Date;
  scope?: ReconciliationScope;
  /** How many discrepancies of each invariant to keep with their keys. */
  keep?: number;
}

type Received<Fact> = {
  [K in keyof Fact]: Fact[K] extends Date
    ? string
    : Fact[K] extends Date | null
      ? string | null
      : Fact[K] extends MinorFact[]
        ? Array<Received<MinorFact>>
        : Fact[K];
};
type Facts<K extends FactKind> = Array<Received<FactKinds[K]>>;

const dayLength = 86_400_000;
const never = Number.POSITIVE_INFINITY;

/** Days as numbers (days since 1970): intervals compare without dates. */
function dayOf(iso: string): number {
  return Date.parse(iso) / dayLength;
}
function endOf(iso: string | null): number {
  return iso === null ? never : dayOf(iso);
}
function isoOf(day: number): string | null {
  return day === never ? null : isoDate(new Date(day * dayLength));
}

interface Span {
  from: number;
  until: number;
}
interface RegistrationOnRecord {
  familyId: string;
  opened: number;
  closed: number;
  minors: Map<string, Span>;
}

const inForce = new Set(['APPROVED', 'UNDER_REVIEW']);

/** Compares the facts as they come, page by page: the large lists are never held whole. */
class Comparison {
  readonly registrations = new Map<string, RegistrationOnRecord>();
  readonly agencies = new Map<string, { kind: string; districtCode: string }>();
  /** Each family's curator on the day checked, from its assignment active that day. */
  readonly curatorOfTheDay = new Map<string, { curatorId: string; assignmentId: string; from: number }>();
  readonly results: Record<Invariant, InvariantResult>;
  readonly facts: Record<FactKind, number> = {
    registrations: 0,
    assignments: 0,
    curators: 0,
    programmes: 0,
    agencies: 0,
  };

  constructor(
    private readonly day: number,
    private readonly keep: number,
  ) {
    this.results = Object.fromEntries(
      invariantNames.map((invariant) => [
        invariant,
        { invariant, description: invariants[invariant], count: 0, discrepancies: [], familyIds: new Set() },
      ]),
    ) as unknown as Record<Invariant, InvariantResult>;
  }

  private found(
    invariant: Invariant,
    keys: Partial<Omit<Discrepancy, 'invariant' | 'from' | 'until' | 'detail'>>,
    from: number | null,
    until: number | null,
    detail: string,
  ) {
    const result = this.results[invariant];
    result.count += 1;
    if (keys.familyId) result.familyIds.add(keys.familyId);
    if (result.discrepancies.length < this.keep) {
      result.discrepancies.push({
        invariant,
        familyId: keys.familyId ?? null,
        registrationId: keys.registrationId ?? null,
        assignmentId: keys.assignmentId ?? null,
        programmeId: keys.programmeId ?? null,
        curatorId: keys.curatorId ?? null,
        agencyId: keys.agencyId ?? null,
        minorId: keys.minorId ?? null,
        from: from === null ? null : isoOf(from),
        until: until === null ? null : isoOf(until),
        detail,
      });
    }
  }

  addRegistrations(page: Facts<'registrations'>) {
    this.facts.registrations += page.length;
    for (const registration of page) {
      const minors = new Map<string, Span>();
      for (const minor of registration.minors) {
        minors.set(minor.minorId, { from: dayOf(minor.addedOn), until: endOf(minor.countedUntil) });
      }
      this.registrations.set(registration.id, {
        familyId: registration.familyId,
        opened: dayOf(registration.openedOn),
        closed: endOf(registration.closedOn),
        minors,
      });
    }
  }

  addAgencies(page: Facts<'agencies'>) {
    this.facts.agencies += page.length;
    for (const agency of page) {
      this.agencies.set(agency.id, { kind: agency.kind, districtCode: agency.districtCode });
    }
  }

  checkAssignments(page: Facts<'assignments'>) {
    this.facts.assignments += page.length;
    for (const assignment of page) {
      const started = dayOf(assignment.startedOn);
      const ended = endOf(assignment.endedOn);
      if (ended <= started) continue; // ended the day it started: never active
      const keys = {
        familyId: assignment.familyId,
        registrationId: assignment.registrationId,
        assignmentId: assignment.id,
        curatorId: assignment.curatorId,
      };
      if (started <= this.day && this.day < ended) {
        this.curatorOfTheDay.set(assignment.familyId, {
          curatorId: assignment.curatorId,
          assignmentId: assignment.id,
          from: started,
        });
      }
      const registration = this.registrations.get(assignment.registrationId);
      if (!registration) {
        this.found(
          'ASSIGNMENT_WHILE_REGISTERED',
          keys,
          started,
          ended,
          'the registry has no such registration',
        );
        continue;
      }
      if (registration.familyId !== assignment.familyId) {
        this.found(
          'ASSIGNMENT_WHILE_REGISTERED',
          keys,
          started,
          ended,
          `the registry has the registration for family ${registration.familyId}`,
        );
        continue;
      }
      if (started < registration.opened) {
        this.found(
          'ASSIGNMENT_WHILE_REGISTERED',
          keys,
          started,
          Math.min(ended, registration.opened),
          `active before the registration opened on ${isoOf(registration.opened)}`,
        );
      }
      if (ended > registration.closed) {
        this.found(
          'ASSIGNMENT_WHILE_REGISTERED',
          keys,
          Math.max(started, registration.closed),
          ended,
          `active after the registration closed on ${isoOf(registration.closed)}`,
        );
      }
      this.compareMinors(assignment, registration, started, ended, keys);
    }
  }

  /** Within the days both the assignment is active and the registration open, each minor counts alike. */
  private compareMinors(
    assignment: Received<FactKinds['assignments']>,
    registration: RegistrationOnRecord,
    started: number,
    ended: number,
    keys: { familyId: string; registrationId: string; assignmentId: string },
  ) {
    const from = Math.max(started, registration.opened);
    const until = Math.min(ended, registration.closed);
    if (until <= from) return;
    const within = (span: Span | undefined): Span | null => {
      if (!span) return null;
      const clipped = { from: Math.max(span.from, from), until: Math.min(span.until, until) };
      return clipped.until > clipped.from ? clipped : null;
    };
    const assigned = new Map<string, Span>();
    for (const minor of assignment.minors) {
      assigned.set(minor.minorId, { from: dayOf(minor.addedOn), until: endOf(minor.countedUntil) });
    }
    const minorIds = new Set([...registration.minors.keys(), ...assigned.keys()]);
    for (const minorId of minorIds) {
      const registered = within(registration.minors.get(minorId));
      const counted = within(assigned.get(minorId));
      if (registered?.from === counted?.from && registered?.until === counted?.until) continue;
      const days = [registered, counted].filter((span): span is Span => span !== null);
      this.found(
        'MINORS_AS_REGISTERED',
        { ...keys, minorId },
        Math.min(...days.map((span) => span.from)),
        Math.max(...days.map((span) => span.until)),
        `registered ${daysText(registered)}, assigned ${daysText(counted)}`,
      );
    }
  }

  checkCurators(page: Facts<'curators'>) {
    this.facts.curators += page.length;
    for (const curator of page) {
      const agency = this.agencies.get(curator.agencyId);
      const keys = { curatorId: curator.id, agencyId: curator.agencyId };
      if (!agency) {
        this.found('CURATOR_AS_AGENCY', keys, null, null, 'the directory has no such agency');
      } else if (agency.kind !== curator.agencyKind || agency.districtCode !== curator.districtCode) {
        this.found(
          'CURATOR_AS_AGENCY',
          keys,
          null,
          null,
          `curation has ${curator.agencyKind} in ${curator.districtCode}, the directory ${agency.kind} in ${agency.districtCode}`,
        );
      }
    }
  }

  checkProgrammes(page: Facts<'programmes'>) {
    this.facts.programmes += page.length;
    for (const programme of page) {
      if (!inForce.has(programme.status)) continue;
      const periodFrom = dayOf(programme.periodFrom);
      const periodEnd = dayOf(programme.periodTo) + 1;
      const keys = {
        familyId: programme.familyId,
        registrationId: programme.registrationId,
        programmeId: programme.id,
        curatorId: programme.curatorId,
      };
      const registration = this.registrations.get(programme.registrationId);
      if (!registration) {
        this.found(
          'PROGRAMME_WHILE_REGISTERED',
          keys,
          periodFrom,
          periodEnd,
          'the registry has no such registration',
        );
      } else if (registration.familyId !== programme.familyId) {
        this.found(
          'PROGRAMME_WHILE_REGISTERED',
          keys,
          periodFrom,
          periodEnd,
          `the registry has the registration for family ${registration.familyId}`,
        );
      } else {
        if (periodFrom < registration.opened) {
          this.found(
            'PROGRAMME_WHILE_REGISTERED',
            keys,
            periodFrom,
            Math.min(periodEnd, registration.opened),
            `${programme.status} before the registration opened on ${isoOf(registration.opened)}`,
          );
        }
        if (periodEnd > registration.closed) {
          this.found(
            'PROGRAMME_WHILE_REGISTERED',
            keys,
            Math.max(periodFrom, registration.closed),
            periodEnd,
            `${programme.status} after the registration closed on ${isoOf(registration.closed)}`,
          );
        }
      }
      const curator = this.curatorOfTheDay.get(programme.familyId);
      if (curator && curator.curatorId !== programme.curatorId) {
        this.found(
          'PROGRAMME_CURATOR_OF_THE_DAY',
          { ...keys, assignmentId: curator.assignmentId },
          curator.from,
          this.day + 1,
          `the programme has curator ${programme.curatorId}, the family’s assignment ${curator.curatorId}`,
        );
      } else if (
        !curator &&
        registration &&
        registration.opened <= this.day &&
        this.day < registration.closed
      ) {
        this.found(
          'PROGRAMME_CURATOR_OF_THE_DAY',
          keys,
          this.day,
          this.day + 1,
          'the family is on the register with no curator assigned on the day',
        );
      }
    }
  }

  report(started: number): ReconciliationReport {
    const results = invariantNames.map((invariant) => this.results[invariant]);
    return {
      checkedOn: isoOf(this.day) as string,
      results,
      facts: this.facts,
      discrepancies: results.reduce((sum, result) => sum + result.count, 0),
      durationMs: Date.now() - started,
    };
  }
}

function daysText(span: Span | null): string {
  if (!span) return 'on no day';
  return span.until === never
    ? `from ${isoOf(span.from)}`
    : `from ${isoOf(span.from)} until ${isoOf(span.until)}`;
}

/** Posts a GraphQL operation to a subgraph as the administrator; any error fails the whole check. */
function requestAsAdministrator<Value>(
  client: FactsClient,
  service: SubgraphName,
  request: PeerRequest,
): Promise<Value> {
  return requestPeer<Value>(
    { service, url: client.urls[service], authorization: client.authorization },
    request,
  );
}

interface Filter {
  familyIds?: readonly string[];
  ids?: readonly string[];
  districtCode?: string;
}

/** Every page of one kind of fact under a filter; the next page is asked for while one is compared. */
async function* factPages<K extends FactKind>(
  client: FactsClient,
  kind: K,
  filter: Filter = {},
): AsyncGenerator<Facts<K>> {
  const { service, field, selection, by } = factFields[kind];
  const idArgument = by === 'family' ? 'familyIds' : 'ids';
  const query = `query ReconciliationFacts($after: String, $first: Int, $ids: [ID!], $districtCode: String) {
    ${field}(after: $after, first: $first, ${idArgument}: $ids, districtCode: $districtCode) {
      items { ${selection} } endCursor hasMore
    }
  }`;
  const ids = filter.familyIds ?? filter.ids ?? null;
  const chunks: Array<readonly string[] | null> = [];
  if (ids === null) chunks.push(null);
  for (let start = 0; ids && start < ids.length; start += largestIdFilter) {
    chunks.push(ids.slice(start, start + largestIdFilter));
  }
  const pageOf = async (after: string | null, chunk: readonly string[] | null) => {
    return requestAsAdministrator<{ items: Facts<K>; endCursor: string | null; hasMore: boolean }>(
      client,
      service,
      {
        query,
        field,
        variables: {
          after,
          first: client.pageSize ?? largestFactsPage,
          ids: chunk,
          districtCode: filter.districtCode ?? null,
        },
      },
    );
  };
  for (const chunk of chunks) {
    let next = pageOf(null, chunk);
    for (;;) {
      const page = await next;
      if (page.hasMore) next = pageOf(page.endCursor, chunk);
      yield page.items;
      if (!page.hasMore) break;
    }
  }
}

async function collect<K extends FactKind>(pages: AsyncGenerator<Facts<K>>): Promise<Facts<K>> {
  const all: Facts<K> = [];
  for await (const page of pages) for (const item of page) all.push(item);
  return all;
}

type Sources = { [K in FactKind]: () => AsyncIterable<Facts<K>> };

async function* once<T>(items: T): AsyncGenerator<T> {
  yield items;
}

/**
 * The facts of some families, or of a district: the families of the district's registrations,
 * assignments and programmes, then everything of those families (their records elsewhere may say
 * another district), their curators and the curators' agencies.
 */
async function scopedSources(client: FactsClient, scope: ReconciliationScope): Promise<Sources> {
  const families = new Set(scope.familyIds ?? []);
  const districtCode = scope.districtCode ?? undefined;
  let districtCurators: Facts<'curators'> = [];
  if (districtCode) {
    const [registrations, assignments, programmes, curators] = await Promise.all([
      collect(factPages(client, 'registrations', { districtCode })),
      collect(factPages(client, 'assignments', { districtCode })),
      collect(factPages(client, 'programmes', { districtCode })),
      collect(factPages(client, 'curators', { districtCode })),
    ]);
    for (const record of [...registrations, ...assignments, ...programmes]) families.add(record.familyId);
    districtCurators = curators;
  }
  const familyIds = [...families];
  const [registrations, assignments, programmes] =
    familyIds.length === 0
      ? [[], [], []]
      : await Promise.all([
          collect(factPages(client, 'registrations', { familyIds })),
          collect(factPages(client, 'assignments', { familyIds })),
          collect(factPages(client, 'programmes', { familyIds })),
        ]);
  const curatorIds = new Set([...assignments, ...programmes].map((record) => record.curatorId));
  for (const curator of districtCurators) curatorIds.delete(curator.id);
  const curators = [
    ...districtCurators,
    ...(curatorIds.size > 0 ? await collect(factPages(client, 'curators', { ids: [...curatorIds] })) : []),
  ];
  const agencyIds = [...new Set(curators.map((curator) => curator.agencyId))];
  const agencies =
    agencyIds.length > 0 ? await collect(factPages(client, 'agencies', { ids: agencyIds })) : [];
  return {
    registrations: () => once(registrations),
    assignments: () => once(assignments),
    programmes: () => once(programmes),
    curators: () => once(curators),
    agencies: () => once(agencies),
  };
}

function wholeSources(client: FactsClient): Sources {
  return {
    registrations: () => factPages(client, 'registrations'),
    assignments: () => factPages(client, 'assignments'),
    programmes: () => factPages(client, 'programmes'),
    curators: () => factPages(client, 'curators'),
    agencies: () => factPages(client, 'agencies'),
  };
}

async function each<T>(pages: AsyncIterable<T>, apply: (page: T) => void): Promise<void> {
  for await (const page of pages) apply(page);
}

/** Checks every invariant over the whole data set, or over the scope's families or district. */
export async function checkInvariants(
  client: FactsClient,
  options: CheckOptions = {},
): Promise<ReconciliationReport> {
  const started = Date.now();
  const day = dayOf(isoDate(options.asOf ?? new Date()));
  const scope = options.scope;
  const bounded = Boolean(scope && ((scope.familyIds?.length ?? 0) > 0 || scope.districtCode));
  const sources = bounded && scope ? await scopedSources(client, scope) : wholeSources(client);
  const comparison = new Comparison(day, options.keep ?? 100);
  // The registrations and agencies are held whole; the rest is compared against them page by page.
  await Promise.all([
    each(sources.registrations(), (page) => comparison.addRegistrations(page)),
    each(sources.agencies(), (page) => comparison.addAgencies(page)),
  ]);
  await Promise.all([
    each(sources.assignments(), (page) => comparison.checkAssignments(page)),
    each(sources.curators(), (page) => comparison.checkCurators(page)),
  ]);
  await each(sources.programmes(), (page) => comparison.checkProgrammes(page));
  return comparison.report(started);
}

/** Which consumer brings an invariant back in line, replaying which producer's events. */
export const repairs: Record<
  Invariant,
  { consumer: 'curation' | 'programmes'; producer: Producer; whole: boolean }
> = {
  ASSIGNMENT_WHILE_REGISTERED: { consumer: 'curation', producer: 'registry', whole: false },
  MINORS_AS_REGISTERED: { consumer: 'curation', producer: 'registry', whole: false },
  PROGRAMME_WHILE_REGISTERED: { consumer: 'programmes', producer: 'registry', whole: false },
  PROGRAMME_CURATOR_OF_THE_DAY: { consumer: 'programmes', producer: 'curation', whole: false },
  // An agency's events concern no family: the directory's few events are replayed whole.
  CURATOR_AS_AGENCY: { consumer: 'curation', producer: 'agencies', whole: true },
};

export interface ReplayOutcome {
  consumer: 'curation' | 'programmes';
  producer: Producer;
  families: number | null;
  /** Of those, the families the producer wrote no event of: a replay cannot repair them. */
  withoutEvents: number;
  applied: number;
  error: string | null;
}

/** Which of the families the producer wrote events of, read from its own feed. */
async function familiesWithEvents(client: FactsClient, producer: Producer, familyIds: string[]) {
  const field = feedField(producer);
  const query = `query Written($after: String, $familyIds: [ID!]) {
    ${field}(after: $after, first: 1000, familyIds: $familyIds) { endCursor events { familyId } } }`;
  const written = new Set<string>();
  for (let after = startPosition; ; ) {
    const page = await requestAsAdministrator<{ endCursor: string; events: Array<{ familyId: string }> }>(
      client,
      producer,
      { query, field, variables: { after, familyIds } },
    );
    if (page.events.length === 0) return familyIds.filter((id) => written.has(id));
    for (const event of page.events) written.add(event.familyId);
    after = page.endCursor;
  }
}

/** Asks each consumer to replay its producer's events for the families of the discrepancies found. */
export async function replayForDiscrepancies(
  client: FactsClient,
  report: ReconciliationReport,
): Promise<ReplayOutcome[]> {
  const plans = new Map<
    string,
    { consumer: 'curation' | 'programmes'; producer: Producer; families: Set<string> | null }
  >();
  for (const result of report.results) {
    if (result.count === 0) continue;
    const { consumer, producer, whole } = repairs[result.invariant];
    const key = `${consumer}/${producer}`;
    const plan = plans.get(key) ?? { consumer, producer, families: whole ? null : new Set<string>() };
    if (plan.families) for (const familyId of result.familyIds) plan.families.add(familyId);
    plans.set(key, plan);
  }
  const outcomes: ReplayOutcome[] = [];
  for (const { consumer, producer, families } of plans.values()) {
    const mutation = replayMutationOf(consumer);
    const query = `mutation Replay($producer: String!, $familyIds: [ID!]) { ${mutation}(input: { producer: $producer, familyIds: $familyIds }) }`;
    const chunks: Array<string[] | null> = [];
    if (!families) chunks.push(null);
    const ids = families ? [...families] : [];
    for (let start = 0; start < ids.length; start += largestIdFilter) {
      chunks.push(ids.slice(start, start + largestIdFilter));
    }
    const outcome: ReplayOutcome = {
      consumer,
      producer,
      families: families?.size ?? null,
      withoutEvents: 0,
      applied: 0,
      error: null,
    };
    try {
      for (const chunk of chunks) {
        const familyIds = chunk && (await familiesWithEvents(client, producer, chunk));
        if (chunk && familyIds) outcome.withoutEvents += chunk.length - familyIds.length;
        if (familyIds?.length === 0) continue;
        outcome.applied += await requestAsAdministrator<number>(client, consumer, {
          query,
          field: mutation,
          variables: { producer, familyIds },
        });
      }
    } catch (error) {
      outcome.error = reasonOf(error);
    }
    outcomes.push(outcome);
  }
  return outcomes;
}

/** What failed, with the peer's own reason when it refused (kept as the cause of SERVICE_UNAVAILABLE). */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { originalError?: unknown }).originalError;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}
