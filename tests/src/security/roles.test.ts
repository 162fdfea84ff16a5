import { commissionIds, resourceCentreIds } from '@kdn/demo';
import type { Claims, SubgraphName } from '@kdn/platform';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Stack, startStack } from '../stack.ts';
import {
  type Answer,
  administersDirectoryOf,
  type Cases,
  countsIn,
  covers,
  entitiesQuery,
  errorCodes,
  type FamilyAccess,
  type Loose,
  readCases,
  readsAggregatesOf,
  readsAuditOf,
  seesCurator,
  send,
  suppressed,
  type User,
  user,
  users,
  writesCasesOf,
} from './principals.ts';

/**
 * For every role, which operations and fields it may use (docs/access.md), asked through the gateway
 * and directly of the subgraph that owns them: both must give the same answer, the same rows.
 */
let stack: Stack;
let cases: Cases;
/** Families the table is asked about: a curator's ward, its former ward, a family an agency serves, one of the other district. */
let families: Record<'ward' | 'formerWard' | 'served' | 'otherDistrict', string>;

const belousova = user('curator-belousova');
const agencyUser = user('agency-kirovsky-centre');
const claim = (who: User, name: 'curator' | 'agency') => who.claims[name] ?? '';

beforeAll(async () => {
  stack = await startStack({ demo: true });
  cases = await readCases(stack);
  const ward = [...cases.wardsOf(claim(belousova, 'curator'))][0];
  const formerWard = cases.assignments.find(
    (assignment) =>
      assignment.curatorId === claim(belousova, 'curator') &&
      !assignment.current &&
      assignment.familyId !== ward,
  )?.familyId;
  const served = cases.measures.find(
    (measure) =>
      measure.agencyId === claim(agencyUser, 'agency') &&
      cases.servedBy(measure.agencyId).has(measure.familyId) &&
      ['PLANNED', 'IN_PROGRESS'].includes(measure.status),
  )?.familyId;
  const otherDistrict = cases.families.find(
    (family) =>
      family.districtCode === 'zheleznodorozhny' &&
      cases.visits.some((visit) => visit.familyId === family.id),
  )?.id;
  if (!ward || !formerWard || !served || !otherDistrict)
    throw new Error('the demo lacks a family the table needs');
  families = { ward, formerWard, served, otherDistrict };
});
afterAll(() => stack?.stop());

/** What a request got: the value it read, refused (FORBIDDEN, no value), hidden (no value, no error), or anything else. */
type Outcome = { allowed: unknown } | 'FORBIDDEN' | 'hidden' | { errors: string[]; value: unknown };

function outcomeOf(answer: Answer, read: (data: Loose) => unknown): Outcome {
  const codes = errorCodes(answer);
  const value = answer.data ? read(answer.data) : null;
  if (codes.length === 0) return value === null || value === undefined ? 'hidden' : { allowed: value };
  if ((value === null || value === undefined) && codes.every((code) => code === 'FORBIDDEN'))
    return 'FORBIDDEN';
  return { errors: codes, value };
}

interface Request {
  query: string;
  variables?: Record<string, unknown>;
  read: (data: Loose) => unknown;
}

interface Operation {
  name: string;
  owner: SubgraphName;
  gateway: Request;
  /** The same question put to the owner; the gateway's when it is the same query. */
  direct?: Request;
  /** Per user: the expected outcome. */
  expected: (claims: Claims) => Outcome | Promise<Outcome>;
}

async function tableOf(operation: Operation) {
  const rows = await Promise.all(
    users.map(async (who) => {
      const ask = async (url: string, request: Request) =>
        outcomeOf(await send(url, who, request.query, request.variables), request.read);
      const [gateway, direct] = await Promise.all([
        ask(stack.gateway, operation.gateway),
        ask(stack[operation.owner].url, operation.direct ?? operation.gateway),
      ]);
      return { user: who.id, gateway, direct };
    }),
  );
  const expected = await Promise.all(
    users.map(async (who) => {
      const outcome = await operation.expected(who.claims);
      return { user: who.id, gateway: outcome, direct: outcome };
    }),
  );
  return { rows, expected };
}

const sorted = (values: string[]) => [...values].sort();
const entity = (typename: string, key: Record<string, string>) => ({
  representations: [{ __typename: typename, ...key }],
});

/** A field of a family's page: allowed with the access it needs, FORBIDDEN with less, hidden (null) with none. */
function familyField(
  field: string,
  family: () => string,
  selection: string,
  needs: FamilyAccess,
  read: (family: Loose) => unknown,
  expectedValue: (familyId: string) => unknown,
): Operation {
  return {
    name: `${field} of ${familyLabel(family)}`,
    owner: 'registry',
    gateway: {
      query: `query ($id: ID!) { family(id: $id) { id ${selection} } }`,
      get variables() {
        return { id: family() };
      },
      read: (data) => (data.family ? read(data.family) : null),
    },
    expected: (claims) => {
      const access = cases.accessOf(claims, family());
      if (access === 'none') return 'hidden';
      return covers(access, needs) ? { allowed: expectedValue(family()) } : 'FORBIDDEN';
    },
  };
}

const labels: Record<string, string> = {
  ward: 'a ward of curator-belousova',
  formerWard: 'a former ward of curator-belousova (now another curator’s)',
  served: 'a family agency-kirovsky-centre serves',
  otherDistrict: 'a family of zheleznodorozhny',
};
const familyLabel = (family: () => string) => labels[family.name] ?? family.name;

const familyIdOf = {
  ward: () => families.ward,
  formerWard: () => families.formerWard,
  served: () => families.served,
  otherDistrict: () => families.otherDistrict,
};

const familyOperations: Operation[] = Object.values(familyIdOf).flatMap((family) => [
  familyField(
    'the case record',
    family,
    'composition',
    'record',
    (found) => found.composition,
    (id) => cases.families.find((row) => row.id === id)?.composition,
  ),
  familyField(
    'the address',
    family,
    'address',
    'full',
    (found) => found.address,
    (id) => cases.families.find((row) => row.id === id)?.address,
  ),
  familyField(
    'the social passport',
    family,
    'socialPassport { housing notes }',
    'full',
    (found) => found.socialPassport,
    (id) => {
      const passport = cases.passports.find((row) => row.familyId === id);
      return passport ? { housing: passport.housing, notes: passport.notes } : null;
    },
  ),
  familyField(
    'the minors’ names and birth dates',
    family,
    'minors { id lastName firstName birthDate }',
    'minimal',
    (found) =>
      found.minors
        ? sorted(
            found.minors.map(
              (minor: Record<string, string>) =>
                `${minor.id} ${minor.lastName} ${minor.firstName} ${minor.birthDate}`,
            ),
          )
        : null,
    (id) =>
      sorted(
        cases.minors
          .filter((minor) => minor.familyId === id)
          .map((minor) => `${minor.id} ${minor.lastName} ${minor.firstName} ${minor.birthDate}`),
      ),
  ),
]);

const visitOperations: Operation[] = Object.values(familyIdOf).flatMap((family): Operation[] => {
  const visitsOf = (id: string) => cases.visits.filter((visit) => visit.familyId === id);
  const directVisits = (selection: string, read: (visits: Array<Record<string, string>>) => unknown) => ({
    query: entitiesQuery(`... on Family { id visits { ${selection} } }`),
    get variables() {
      return entity('Family', { id: family() });
    },
    read: (data: Loose) => read(data._entities?.[0]?.visits ?? []),
  });
  const gatewayVisits = (selection: string, read: (visits: Array<Record<string, string>>) => unknown) => ({
    query: `query ($id: ID!) { family(id: $id) { id visits { ${selection} } } }`,
    get variables() {
      return { id: family() };
    },
    read: (data: Loose) => read(data.family?.visits ?? []),
  });
  const ids = (visits: Array<Record<string, string>>) => sorted(visits.map((visit) => String(visit.id)));
  const notes = (visits: Array<Record<string, string>>) =>
    visits.length === 0 ? null : sorted(visits.map((visit) => `${visit.id}: ${visit.discussed}`));
  return [
    {
      name: `the visits (rows) of ${familyLabel(family)}`,
      owner: 'curation',
      gateway: gatewayVisits('id visitedOn', ids),
      direct: directVisits('id visitedOn', ids),
      expected: (claims) => ({
        allowed:
          cases.accessOf(claims, family()) === 'none'
            ? []
            : sorted(visitsOf(family()).map((visit) => visit.id)),
      }),
    },
    {
      name: `what was discussed at the visits of ${familyLabel(family)}`,
      owner: 'curation',
      gateway: gatewayVisits('id discussed', notes),
      direct: directVisits('id discussed', notes),
      expected: (claims) => {
        const access = cases.accessOf(claims, family());
        if (access === 'none') return 'hidden';
        if (access !== 'full') return 'FORBIDDEN';
        return { allowed: sorted(visitsOf(family()).map((visit) => `${visit.id}: ${visit.discussed}`)) };
      },
    },
  ];
});

const familiesList: Operation = {
  name: 'the families list: which rows',
  owner: 'registry',
  gateway: {
    query: '{ families(first: 100) { totalCount edges { node { id } } } }',
    read: (data) => {
      const list = data.families;
      if (!list) return null;
      return { totalCount: list.totalCount, ids: sorted(list.edges.map((edge: Loose) => edge.node.id)) };
    },
  },
  expected: (claims) => {
    const ids = cases.families
      .filter((family) => cases.accessOf(claims, family.id) !== 'none')
      .map((f) => f.id);
    return { allowed: { totalCount: ids.length, ids: sorted(ids) } };
  },
};

/** The figures a district query read, or null when it read none. */
function pickFigures(found: Loose): unknown {
  const { code: _code, ...figures } = found;
  return Object.values(figures).every((value) => value === null) ? null : figures;
}

/** Figures of a district: its own staff see them, a methodologist sees them with counts below 3 suppressed. */
function figures(
  name: string,
  owner: SubgraphName,
  district: 'kirovsky' | 'zheleznodorozhny',
  selection: string,
  pickFrom: (district: Loose) => unknown = pickFigures,
) {
  let own: Promise<unknown> | undefined;
  const reference = () => {
    own ??= send(stack.gateway, user(`commission-${district}`), gatewayRequest.query).then((answer) => {
      if (answer.errors?.length || !answer.data)
        throw new Error(`the commission's own figures: ${answer.text}`);
      return gatewayRequest.read(answer.data);
    });
    return own;
  };
  const pick = (found: Loose) => (found ? pickFrom(found) : null);
  const gatewayRequest: Request = {
    query: `{ district(code: "${district}") { code ${selection} } }`,
    read: (data) => pick(data.district),
  };
  const operation: Operation = {
    name: `${name} of ${district}`,
    owner,
    gateway: gatewayRequest,
    direct: {
      query: entitiesQuery(`... on District { code ${selection} }`),
      variables: entity('District', { code: district }),
      read: (data) => pick(data._entities?.[0]),
    },
    expected: async (claims) => {
      if (!readsAggregatesOf(claims, district)) return 'FORBIDDEN';
      const own = await reference();
      return { allowed: claims.role === 'METHODOLOGIST' ? suppressed(own) : own };
    },
  };
  return Object.assign(operation, { reference });
}

const districtFigures = (['kirovsky', 'zheleznodorozhny'] as const).flatMap((district) => [
  figures(
    'the register',
    'registry',
    district,
    `register(asOf: "2011-12-31") { families minors }
     takenOffDuring(from: "2011-01-01", to: "2011-12-31") { families minors byReason { reason families minors } }`,
  ),
  figures(
    'the caseload',
    'curation',
    district,
    `caseload(asOf: "2011-12-31") { total { curators families minors } byAgencyKind { kind curators families minors } }`,
  ),
  figures(
    'the programme outcomes',
    'programmes',
    district,
    `programmeOutcomes(asOf: "2011-12-31", from: "2011-01-01", to: "2011-12-31") {
       programmesReviewed programmesChangedAfterReview
       measures { total notDue overdue doneOnTime doneLate notExecuted refusedByAgency }
       lastReport { families improved unchanged worsened } }`,
  ),
]);

const checklistSelection = `checklist(asOf: "2011-12-31", from: "2011-01-01", to: "2011-12-31") {
  meetingsHeld programmesReviewed reportsDue reportsOnTime reportsWeighingChange
  programmesCorrected priorityMeasuresDue priorityMeasuresDone }`;

/** The resource-centre comparison: each centre's Kachinsky checklist, as its own commission and everyone else reads it. */
const centreChecklists = (['kirovsky', 'zheleznodorozhny'] as const).map((district) => {
  const operation = figures(
    'the resource-centre checklist',
    'programmes',
    district,
    `resourceCentre { ${checklistSelection} }`,
    (found) => found.resourceCentre?.checklist ?? null,
  );
  return {
    ...operation,
    direct: {
      query: entitiesQuery(`... on ResourceCentre { id ${checklistSelection} }`),
      variables: entity('ResourceCentre', { id: resourceCentreIds[district] }),
      read: (data: Loose) => data._entities?.[0]?.checklist ?? null,
    },
  };
});

const curatorOperations: Operation[] = [
  {
    name: 'a curator’s wards (curator-belousova)',
    owner: 'curation',
    gateway: {
      query: 'query ($id: ID!) { curator(id: $id) { id wards { id } } }',
      get variables() {
        return { id: claim(belousova, 'curator') };
      },
      read: (data) =>
        data.curator ? sorted((data.curator.wards ?? []).map((ward: Loose) => ward.id)) : null,
    },
    expected: (claims) => {
      const curator = cases.curators.find((row) => row.id === claim(belousova, 'curator'));
      if (!curator || !seesCurator(claims, curator)) return 'hidden';
      const wards = [...cases.wardsOf(curator.id)].filter((id) => cases.accessOf(claims, id) !== 'none');
      return { allowed: sorted(wards) };
    },
  },
  {
    name: 'a curator of the agency (its staff)',
    owner: 'curation',
    gateway: {
      query: 'query ($id: ID!) { curator(id: $id) { id fullName } }',
      get variables() {
        const curator = cases.curators.find((row) => row.agencyId === claim(agencyUser, 'agency'));
        return { id: curator?.id };
      },
      read: (data) => data.curator?.fullName ?? null,
    },
    expected: (claims) => {
      const curator = cases.curators.find((row) => row.agencyId === claim(agencyUser, 'agency'));
      return curator && seesCurator(claims, curator) ? { allowed: curator.fullName } : 'hidden';
    },
  },
];

const agencyMeasures: Operation = {
  name: 'the measures assigned to an agency',
  owner: 'programmes',
  gateway: {
    query: 'query ($id: ID!) { agency(id: $id) { id measures { id status } } }',
    get variables() {
      return { id: claim(agencyUser, 'agency') };
    },
    read: (data) => sorted((data.agency?.measures ?? []).map((measure: Loose) => measure.id)),
  },
  direct: {
    query: entitiesQuery('... on Agency { id measures { id status } }'),
    get variables() {
      return entity('Agency', { id: claim(agencyUser, 'agency') });
    },
    read: (data) => sorted((data._entities?.[0]?.measures ?? []).map((measure: Loose) => measure.id)),
  },
  expected: (claims) => ({
    allowed: sorted(
      cases.measures
        .filter(
          (measure) =>
            measure.agencyId === claim(agencyUser, 'agency') &&
            cases.accessOf(claims, measure.familyId) !== 'none',
        )
        .map((measure) => measure.id),
    ),
  }),
};

const auditOperations: Operation[] = [familyIdOf.ward, familyIdOf.otherDistrict].map((family) => ({
  name: `the audit of ${familyLabel(family)}`,
  owner: 'registry',
  gateway: {
    query:
      'query ($id: ID!) { familyAudit(familyId: $id) { registry { userId action } curation { userId } programmes { userId } } }',
    get variables() {
      return { id: family() };
    },
    read: (data) => (data.familyAudit?.registry ? 'answered' : null),
  },
  direct: {
    query: 'query ($id: ID!) { familyAudit(familyId: $id) { registry { userId action } } }',
    get variables() {
      return { id: family() };
    },
    read: (data) => (data.familyAudit?.registry ? 'answered' : null),
  },
  expected: (claims) =>
    readsAuditOf(claims, cases.districtOf.get(family()) ?? '') ? { allowed: 'answered' } : 'FORBIDDEN',
}));

describe('reads: every role, through the gateway and directly against the owner', () => {
  const operations = [
    ...familyOperations,
    familiesList,
    ...visitOperations,
    ...districtFigures,
    ...centreChecklists,
    ...curatorOperations,
    agencyMeasures,
    ...auditOperations,
  ];
  // Each operation's table is independent of the others': they are asked side by side.
  test.concurrent.for(operations.map((operation) => [operation.name, operation] as const))(
    '%s',
    async ([_name, operation], { expect }) => {
      const { rows, expected } = await tableOf(operation);
      expect(rows).toEqual(expected);
    },
  );

  test('a family a user may not see is null, without an error saying that it exists', async () => {
    for (const target of [stack.gateway, stack.registry.url]) {
      const answer = await send(
        target,
        user('commission-zheleznodorozhny'),
        'query ($id: ID!) { family(id: $id) { id } }',
        {
          id: families.ward,
        },
      );
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({ family: null });
    }
  });

  test('the figures compared had counts below 3 (suppressed for a methodologist) and counts of 3 or more', async () => {
    const counts = (await Promise.all(districtFigures.map((operation) => operation.reference()))).flatMap(
      countsIn,
    );
    expect(counts.some((count) => count < 3)).toBe(true);
    expect(counts.some((count) => count >= 3)).toBe(true);
  });

  test('the lists are not empty for those who work the cases, so that the table compares rows', () => {
    expect(cases.accessOf(belousova.claims, families.ward)).toBe('full');
    expect(cases.accessOf(belousova.claims, families.formerWard)).toBe('none');
    expect(cases.accessOf(agencyUser.claims, families.served)).toBe('minimal');
    expect(cases.visits.some((visit) => visit.familyId === families.ward)).toBe(true);
  });
});

/** Row counts of the tables a mutation writes, and of the audit. */
async function countRows(subgraph: SubgraphName, tables: string[]): Promise<Record<string, number>> {
  const client = stack[subgraph].db.client as { $queryRawUnsafe<T>(sql: string): Promise<T> };
  const [row] = await client.$queryRawUnsafe<Array<Record<string, number>>>(
    // The audit's WRITE records: READ ones come and go with whoever reads meanwhile (the peers' event consumers too).
    `SELECT ${tables.map((table) => `(SELECT count(*)::int FROM "${table}") AS "${table}"`).join(', ')}${tables.length ? ', ' : ''}(SELECT count(*)::int FROM "AuditRecord" WHERE action = 'WRITE') AS "AuditRecord"`,
  );
  return row ?? {};
}

interface Mutation {
  name: string;
  owner: SubgraphName;
  tables: string[];
  query: string;
  allowed: (claims: Claims) => boolean;
  /** The input of one attempt: a fresh one after every write. */
  input: (attempt: number) => Promise<Record<string, unknown>>;
  /** What to compare before and after, beside the row counts (a record updated in place). */
  state?: () => Promise<unknown>;
  /** Called after an attempt that wrote, so that the next one starts from a fresh record. */
  wrote?: () => void;
}

let openMeasures: string[] = [];
let measureTurn = 0;
const currentMeasure = () => openMeasures[measureTurn] ?? '';

const mutations: Mutation[] = [
  {
    name: 'registerFamily (registry)',
    owner: 'registry',
    tables: ['Family', 'Minor', 'Registration', 'SocialPassport'],
    query: 'mutation ($input: RegisterFamilyInput!) { registerFamily(input: $input) { id } }',
    allowed: (claims) => writesCasesOf(claims, 'kirovsky'),
    input: async (attempt) => ({
      districtCode: 'kirovsky',
      commissionId: commissionIds.kirovsky,
      resolution: { number: `R-${attempt}`, date: '2012-01-10' },
      grounds: 'Проверка прав доступа',
      address: `ул. Проверочная, д. ${attempt}`,
      composition: 'TWO_PARENTS',
      socialPassport: {
        adults: 2,
        children: 1,
        housing: 'SATISFACTORY',
        incomeLevel: 'LOW',
        riskFactors: [],
      },
      // A minor of their own each time: the registry refuses a second family with the same minors.
      minors: [
        {
          lastName: 'Проверкин',
          firstName: 'Иван',
          sex: 'MALE',
          birthDate: new Date(Date.UTC(2005, 0, 1 + attempt)).toISOString().slice(0, 10),
        },
      ],
    }),
  },
  {
    name: 'recordVisit (curation)',
    owner: 'curation',
    tables: ['Visit'],
    query: 'mutation ($input: RecordVisitInput!) { recordVisit(input: $input) { id } }',
    allowed: (claims) =>
      writesCasesOf(claims, 'kirovsky') ||
      (claims.role === 'CURATOR' &&
        claims.curator === claim(belousova, 'curator') &&
        cases.wardsOf(claims.curator).has(families.ward)),
    input: async (attempt) => {
      const assignment = cases.assignments.find(
        (row) =>
          row.current && row.familyId === families.ward && row.curatorId === claim(belousova, 'curator'),
      );
      const day = new Date(Date.UTC(2012, 0, 1 + attempt)).toISOString().slice(0, 10);
      return {
        assignmentId: assignment?.id,
        curatorId: claim(belousova, 'curator'),
        visitedOn: day,
        kind: 'HOME',
        discussed: 'Проверка прав доступа',
      };
    },
  },
  {
    name: 'updateMeasure, a measure’s progress (programmes)',
    owner: 'programmes',
    tables: ['Measure'],
    query: 'mutation ($input: UpdateMeasureInput!) { updateMeasure(input: $input) { id status } }',
    allowed: (claims) =>
      writesCasesOf(claims, 'kirovsky') ||
      (claims.role === 'AGENCY' && claims.agency === claim(agencyUser, 'agency')),
    input: async () => {
      const [measure] = await stack.programmes.db.client.$queryRawUnsafe<Array<{ version: number }>>(
        `SELECT version FROM "Measure" WHERE id = $1::uuid`,
        currentMeasure(),
      );
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      return {
        id: currentMeasure(),
        version: measure?.version,
        status: 'NOT_EXECUTED',
        failedOn: yesterday,
        failureReason: 'Проверка прав доступа',
      };
    },
    state: () =>
      stack.programmes.db.client.$queryRawUnsafe(
        `SELECT id, status::text, version FROM "Measure" WHERE id = $1::uuid`,
        currentMeasure(),
      ),
    wrote: () => {
      measureTurn += 1;
    },
  },
  {
    name: 'createAgency (agencies)',
    owner: 'agencies',
    tables: ['Agency'],
    query: 'mutation ($input: CreateAgencyInput!) { createAgency(input: $input) { id } }',
    allowed: (claims) => administersDirectoryOf(claims, 'kirovsky'),
    input: async (attempt) => ({
      districtCode: 'kirovsky',
      name: `Проверочное учреждение № ${attempt}`,
      kind: 'OTHER',
    }),
  },
];

describe('writes: each mutation kind, allowed or FORBIDDEN with nothing written', () => {
  beforeAll(() => {
    // Measures the agency can still report on, one for each write that is allowed.
    openMeasures = cases.measures
      .filter(
        (measure) =>
          measure.agencyId === claim(agencyUser, 'agency') &&
          !measure.excluded &&
          ['PLANNED', 'IN_PROGRESS'].includes(measure.status) &&
          cases.servedBy(measure.agencyId).has(measure.familyId),
      )
      .map((measure) => measure.id);
  });

  let attempt = 0;
  test.each(mutations.map((mutation) => [mutation.name, mutation] as const))(
    '%s',
    async (_name, mutation) => {
      const table: Array<{ user: string; target: string; outcome: string }> = [];
      const expected: typeof table = [];
      for (const who of users) {
        for (const target of ['gateway', mutation.owner] as const) {
          attempt += 1;
          const url = target === 'gateway' ? stack.gateway : stack[mutation.owner].url;
          const input = await mutation.input(attempt);
          const before = {
            rows: await countRows(mutation.owner, mutation.tables),
            state: await mutation.state?.(),
          };
          const answer = await send(url, who, mutation.query, { input });
          const after = {
            rows: await countRows(mutation.owner, mutation.tables),
            state: await mutation.state?.(),
          };
          const codes = errorCodes(answer);
          const written = JSON.stringify(before) !== JSON.stringify(after);
          let outcome: string;
          if (codes.length === 0 && answer.data) {
            const audited = (after.rows.AuditRecord ?? 0) - (before.rows.AuditRecord ?? 0);
            outcome =
              written && audited === 1
                ? 'allowed, written and audited'
                : `allowed, audit records +${audited}`;
            mutation.wrote?.();
          } else if (codes.every((code) => code === 'FORBIDDEN') && codes.length > 0) {
            const data = answer.data as Record<string, unknown> | null | undefined;
            outcome =
              written || (data && Object.values(data).some((value) => value !== null))
                ? 'FORBIDDEN, but written'
                : 'FORBIDDEN';
          } else {
            outcome = `${codes.join(', ')}: ${answer.errors?.map((error) => error.message).join('; ')}`;
          }
          table.push({ user: who.id, target, outcome });
          expected.push({
            user: who.id,
            target,
            outcome: mutation.allowed(who.claims) ? 'allowed, written and audited' : 'FORBIDDEN',
          });
        }
      }
      expect(table).toEqual(expected);
    },
  );
});
