import { graphql, graphqlData } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Stack, startStack } from '../stack.ts';
import {
  type Assignment,
  assignCurator,
  createCurator,
  createDistrictWithFamilies,
  curationRowCounts,
  mutations,
  recordVisit,
  replaceCurator,
} from './world.ts';

let stack: Stack;
let district: Awaited<ReturnType<typeof createDistrictWithFamilies>>;
let elsewhere: Awaited<ReturnType<typeof createDistrictWithFamilies>>;

beforeAll(async () => {
  stack = await startStack();
  district = await createDistrictWithFamilies(stack, 'riverside', { families: 8 });
  elsewhere = await createDistrictWithFamilies(stack, 'hillside', { families: 0 });
});
afterAll(() => stack?.stop());

const familyAt = (index: number) => district.families[index] ?? '';

describe('recording a visit', () => {
  let assignment: Assignment;
  let otherCurator: string;

  beforeAll(async () => {
    const curator = await createCurator(stack, district.school.id, 'Визитова Нина Павловна');
    otherCurator = await createCurator(stack, district.police.id, 'Чужой Пётр Ильич');
    assignment = await assignCurator(stack, familyAt(0), curator, '2011-03-01');
  });

  const validVisit = () => ({
    assignmentId: assignment.id,
    curatorId: assignment.curator.id,
    visitedOn: '2011-03-10',
    kind: 'INTERAGENCY',
    participatingAgencyIds: [district.police.id, district.centre.id],
    discussed: 'Межведомственное посещение: проверены условия проживания',
    recommendations: 'Оформить пособие',
    situationNote: 'Обстановка спокойная',
  });

  test('writes it with the agencies that took part, and shows it on the family', async () => {
    const data = await graphqlData<{ recordVisit: { id: string } }>(stack.gateway, mutations.recordVisit, {
      input: validVisit(),
    });
    expect(data.recordVisit).toMatchObject({
      visitedOn: '2011-03-10',
      kind: 'INTERAGENCY',
      participatingAgencies: [{ id: district.police.id }, { id: district.centre.id }],
    });
    const { family } = await graphqlData<{ family: { visits: unknown[] } }>(
      stack.gateway,
      `query ($id: ID!) { family(id: $id) { visits {
        id visitedOn kind discussed recommendations situationNote
        curator { fullName } participatingAgencies { name } assignment { id }
      } } }`,
      { id: familyAt(0) },
    );
    expect(family.visits).toEqual([
      {
        id: data.recordVisit.id,
        visitedOn: '2011-03-10',
        kind: 'INTERAGENCY',
        discussed: 'Межведомственное посещение: проверены условия проживания',
        recommendations: 'Оформить пособие',
        situationNote: 'Обстановка спокойная',
        curator: { fullName: 'Визитова Нина Павловна' },
        participatingAgencies: [{ name: 'ОДН района riverside' }, { name: 'ЦСПСиД riverside' }],
        assignment: { id: assignment.id },
      },
    ]);
  });

  const unknownId = '0190a000-0000-7000-8000-000000000000';
  test.each([
    ['before the assignment started', () => ({ visitedOn: '2011-02-28' }), 'input.visitedOn'],
    ['in the future', () => ({ visitedOn: '2999-01-01' }), 'input.visitedOn'],
    ['by another curator than the assignment’s', () => ({ curatorId: otherCurator }), 'input.curatorId'],
    ['under an unknown assignment', () => ({ assignmentId: unknownId }), 'input.assignmentId'],
    ['as interagency with no agency', () => ({ participatingAgencyIds: [] }), 'input.participatingAgencyIds'],
    [
      'with an unknown agency',
      () => ({ participatingAgencyIds: [district.police.id, unknownId] }),
      'input.participatingAgencyIds[1]',
    ],
    [
      'with an agency of another district',
      () => ({ participatingAgencyIds: [elsewhere.police.id] }),
      'input.participatingAgencyIds[0]',
    ],
    [
      'naming an agency twice',
      () => ({ participatingAgencyIds: [district.police.id, district.police.id] }),
      'input.participatingAgencyIds',
    ],
    ['with nothing discussed', () => ({ discussed: ' ' }), 'input.discussed'],
  ])('%s is refused, naming the field, and writes nothing', async (_case, overrides, field) => {
    const before = await curationRowCounts(stack.curation.db.client);
    const { data, errors } = await graphql(stack.gateway, mutations.recordVisit, {
      input: { ...validVisit(), ...overrides() },
    });
    expect(data?.recordVisit ?? null).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(errors?.[0]?.message).toContain(field);
    expect(await curationRowCounts(stack.curation.db.client)).toEqual(before);
  });

  test('after the assignment ended is refused: from that day the ward is the next curator’s', async () => {
    const replaced = await replaceCurator(stack, {
      familyId: familyAt(0),
      version: assignment.ward.version,
      curatorId: otherCurator,
      date: '2011-06-01',
    });
    expect(replaced.errors).toBeUndefined();
    const before = await curationRowCounts(stack.curation.db.client);
    const { errors } = await graphql(stack.gateway, mutations.recordVisit, {
      input: { ...validVisit(), visitedOn: '2011-06-01' },
    });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.visitedOn' });
    expect(errors?.[0]?.message).toContain('ended on 2011-06-01');
    expect(await curationRowCounts(stack.curation.db.client)).toEqual(before);
    await recordVisit(stack, assignment, '2011-05-31');
  });
});

interface AssignmentCompliance {
  curatorAssignment: {
    homeVisitMonths: Array<{ month: string; homeVisits: number; visited: boolean }>;
    lastHomeVisitOn: string | null;
    homeVisitDueBy: string | null;
    overdue: boolean;
  };
}

const complianceQuery = `query ($id: ID!, $asOf: Date!) { curatorAssignment(id: $id) {
  homeVisitMonths(asOf: $asOf) { month homeVisits visited }
  lastHomeVisitOn(asOf: $asOf) homeVisitDueBy(asOf: $asOf) overdue(asOf: $asOf)
} }`;

describe('monthly home visits (clause 2.3), computed from the visits recorded', () => {
  let first: Assignment;
  let second: Assignment;

  beforeAll(async () => {
    const curator = await createCurator(stack, district.centre.id, 'Месячная Ирина Львовна');
    const successor = await createCurator(stack, district.centre.id, 'Преемникова Ева Юрьевна');
    first = await assignCurator(stack, familyAt(1), curator, '2011-03-15');
    await recordVisit(stack, first, '2011-03-20');
    await recordVisit(stack, first, '2011-04-10', 'OTHER');
    await recordVisit(stack, first, '2011-05-05', 'INTERAGENCY', [district.police.id]);
    await recordVisit(stack, first, '2011-05-25');
    await recordVisit(stack, first, '2011-07-01');
    const replaced = await replaceCurator(stack, {
      familyId: familyAt(1),
      version: first.ward.version,
      curatorId: successor,
      date: '2011-08-10',
    });
    second = replaced.data?.replaceCurator as Assignment;
  });

  const compliance = async (assignment: Assignment, asOf: string) =>
    (await graphqlData<AssignmentCompliance>(stack.gateway, complianceQuery, { id: assignment.id, asOf }))
      .curatorAssignment;

  test('every month of the assignment up to the day, with its home and interagency visits; other talks do not count', async () => {
    expect(await compliance(first, '2011-07-15')).toEqual({
      homeVisitMonths: [
        { month: '2011-03-01', homeVisits: 1, visited: true },
        { month: '2011-04-01', homeVisits: 0, visited: false },
        { month: '2011-05-01', homeVisits: 2, visited: true },
        { month: '2011-06-01', homeVisits: 0, visited: false },
        { month: '2011-07-01', homeVisits: 1, visited: true },
      ],
      lastHomeVisitOn: '2011-07-01',
      homeVisitDueBy: '2011-08-31',
      overdue: false,
    });
  });

  test('the next visit is due by the last day of the month after the last one’s; overdue the day after', async () => {
    expect(await compliance(first, '2011-04-30')).toMatchObject({
      lastHomeVisitOn: '2011-03-20',
      homeVisitDueBy: '2011-04-30',
      overdue: false,
    });
    expect(await compliance(first, '2011-05-01')).toMatchObject({
      homeVisitDueBy: '2011-04-30',
      overdue: true,
    });
    expect(await compliance(first, '2011-06-30')).toMatchObject({
      lastHomeVisitOn: '2011-05-25',
      homeVisitDueBy: '2011-06-30',
      overdue: false,
    });
  });

  test('before the first visit, due by the end of the starting month; nothing before the assignment starts', async () => {
    expect(await compliance(first, '2011-03-16')).toEqual({
      homeVisitMonths: [{ month: '2011-03-01', homeVisits: 0, visited: false }],
      lastHomeVisitOn: null,
      homeVisitDueBy: '2011-03-31',
      overdue: false,
    });
    expect(await compliance(first, '2011-03-14')).toEqual({
      homeVisitMonths: [],
      lastHomeVisitOn: null,
      homeVisitDueBy: null,
      overdue: false,
    });
  });

  test('an ended assignment keeps its months up to its last day and owes nothing; the successor owes their own visit', async () => {
    const ended = await compliance(first, '2011-09-30');
    expect(ended.homeVisitMonths.map((month) => month.month)).toEqual([
      '2011-03-01',
      '2011-04-01',
      '2011-05-01',
      '2011-06-01',
      '2011-07-01',
      '2011-08-01',
    ]);
    expect(ended).toMatchObject({ homeVisitDueBy: null, overdue: false });
    expect(await compliance(second, '2011-08-31')).toMatchObject({
      homeVisitMonths: [{ month: '2011-08-01', homeVisits: 0, visited: false }],
      homeVisitDueBy: '2011-08-31',
      overdue: false,
    });
    expect(await compliance(second, '2011-09-01')).toMatchObject({ overdue: true });
  });
});

describe('a district’s wards overdue a home visit, and its caseload, on a day', () => {
  interface DistrictFigures {
    district: {
      homeVisits: {
        activeWards: number;
        overdueWards: number;
        byCurator: Array<{ curator: { fullName: string }; activeWards: number; overdueWards: number }>;
        byAgency: Array<{
          agency: { name: string };
          kind: string;
          activeWards: number;
          overdueWards: number;
        }>;
        overdue: Array<{ family: { id: string }; homeVisitDueBy: string }>;
      };
      caseload: {
        byAgencyKind: Array<{ kind: string; curators: number; families: number; minors: number }>;
        total: { curators: number; families: number; minors: number };
        wardsPerCurator: Array<{ minWards: number; maxWards: number | null; curators: number }>;
      };
    };
  }

  const figures = async (code: string, asOf: string) =>
    (
      await graphqlData<DistrictFigures>(
        stack.gateway,
        `query ($code: String!, $asOf: Date!) { district(code: $code) {
          homeVisits(asOf: $asOf) {
            activeWards overdueWards
            byCurator { curator { fullName } activeWards overdueWards }
            byAgency { agency { name } kind activeWards overdueWards }
            overdue { family { id } homeVisitDueBy(asOf: $asOf) }
          }
          caseload(asOf: $asOf) {
            byAgencyKind { kind curators families minors }
            total { curators families minors }
            wardsPerCurator { minWards maxWards curators }
          }
        } }`,
        { code, asOf },
      )
    ).district;

  let lakeside: Awaited<ReturnType<typeof createDistrictWithFamilies>>;
  const families: string[] = [];

  beforeAll(async () => {
    lakeside = await createDistrictWithFamilies(stack, 'lakeside', { families: 6 });
    families.push(...lakeside.families);
    const [f1 = '', f2 = '', f3 = '', f4 = '', f5 = '', f6 = ''] = families;
    const a = await createCurator(stack, lakeside.school.id, 'Аксёнова Анна');
    const b = await createCurator(stack, lakeside.police.id, 'Борисов Борис');
    const c = await createCurator(stack, lakeside.police.id, 'Власова Вера');
    // F1 (A): home visits every month up to September: not overdue on 15 Oct.
    const a1 = await assignCurator(stack, f1, a, '2011-03-01');
    for (const month of ['03', '04', '05', '06', '07', '08', '09'])
      await recordVisit(stack, a1, `2011-${month}-10`);
    // F2 (B): last home visit in August: due by 30 Sep, overdue.
    const b2 = await assignCurator(stack, f2, b, '2011-03-01');
    await recordVisit(stack, b2, '2011-08-10');
    // F3 (B): assigned in September, never visited: due by 30 Sep, overdue.
    await assignCurator(stack, f3, b, '2011-09-05');
    // F4 (C): an interagency visit in September counts: not overdue.
    const c4 = await assignCurator(stack, f4, c, '2011-03-01');
    await recordVisit(stack, c4, '2011-09-20', 'INTERAGENCY', [lakeside.centre.id]);
    // F5 (C): only talks elsewhere: due by 31 Mar, overdue.
    const c5 = await assignCurator(stack, f5, c, '2011-03-01');
    await recordVisit(stack, c5, '2011-09-20', 'OTHER');
    // F6 (A): the work ended on 1 Jun: not a ward from that day.
    await assignCurator(stack, f6, a, '2011-03-01');
    await graphqlData(stack.gateway, mutations.endCuratorAssignment, {
      input: { familyId: f6, version: 1, endedOn: '2011-06-01', results: 'Семья снята с учёта' },
    });
    // A minor put on F1's registration on 1 Sep, then named in its assignment, counts from that day.
    const [registration] = await stack.registry.db.client.registration.findMany({ where: { familyId: f1 } });
    await graphqlData(
      stack.gateway,
      `mutation ($input: AddMinorToRegistrationInput!) { addMinorToRegistration(input: $input) { version } }`,
      {
        input: {
          registrationId: registration?.id,
          version: registration?.version,
          addedOn: '2011-09-01',
          minor: { lastName: 'Поздний', firstName: 'Пётр', sex: 'MALE', birthDate: '2011-08-01' },
        },
      },
    );
    const synced = await graphqlData<{ syncAssignedMinors: { minors: Array<{ addedOn: string }> } }>(
      stack.gateway,
      `mutation ($input: SyncAssignedMinorsInput!) {
        syncAssignedMinors(input: $input) { minors { addedOn } ward { version } }
      }`,
      { input: { familyId: f1, version: a1.ward.version } },
    );
    expect(synced.syncAssignedMinors.minors.map((minor) => minor.addedOn)).toEqual([
      '2011-03-01',
      '2011-03-01',
      '2011-09-01',
    ]);
  });

  test('counts the overdue wards per curator and per agency', async () => {
    const { homeVisits } = await figures('lakeside', '2011-10-15');
    expect(homeVisits).toMatchObject({
      activeWards: 5,
      overdueWards: 3,
      byCurator: [
        { curator: { fullName: 'Борисов Борис' }, activeWards: 2, overdueWards: 2 },
        { curator: { fullName: 'Власова Вера' }, activeWards: 2, overdueWards: 1 },
        { curator: { fullName: 'Аксёнова Анна' }, activeWards: 1, overdueWards: 0 },
      ],
      byAgency: [
        { agency: { name: 'МБОУ СОШ района lakeside' }, kind: 'EDUCATION', activeWards: 1, overdueWards: 0 },
        {
          agency: { name: 'ОДН района lakeside' },
          kind: 'POLICE_JUVENILE_UNIT',
          activeWards: 4,
          overdueWards: 3,
        },
      ],
    });
    expect(homeVisits.overdue.map((row) => row.homeVisitDueBy)).toEqual([
      '2011-03-31',
      '2011-09-30',
      '2011-09-30',
    ]);
    expect(homeVisits.overdue[0]?.family.id).toBe(families[4]);
    expect(new Set(homeVisits.overdue.slice(1).map((row) => row.family.id))).toEqual(
      new Set([families[1], families[2]]),
    );
  });

  test('counts the caseload from the assignments, each minor from the day they were put on the register', async () => {
    const onTheEve = await figures('lakeside', '2011-08-31');
    expect(onTheEve.caseload).toEqual({
      byAgencyKind: [
        { kind: 'EDUCATION', curators: 1, families: 1, minors: 2 },
        { kind: 'POLICE_JUVENILE_UNIT', curators: 2, families: 3, minors: 6 },
      ],
      total: { curators: 3, families: 4, minors: 8 },
      wardsPerCurator: [
        { minWards: 1, maxWards: 1, curators: 2 },
        { minWards: 2, maxWards: 3, curators: 1 },
        { minWards: 4, maxWards: 9, curators: 0 },
        { minWards: 10, maxWards: null, curators: 0 },
      ],
    });
    const later = await figures('lakeside', '2011-09-05');
    expect(later.caseload.total).toEqual({ curators: 3, families: 5, minors: 11 });
  });

  test('counts a ward whose work ended up to the day before, not on the day', async () => {
    expect((await figures('lakeside', '2011-05-31')).caseload.total.families).toBe(5);
    expect((await figures('lakeside', '2011-06-01')).caseload.total.families).toBe(4);
  });

  test('a district with no curators has an empty caseload and nothing overdue', async () => {
    const { caseload, homeVisits } = await figures('hillside', '2011-10-15');
    expect(caseload.byAgencyKind).toEqual([]);
    expect(caseload.total).toEqual({ curators: 0, families: 0, minors: 0 });
    expect(caseload.wardsPerCurator.map((bucket) => bucket.curators)).toEqual([0, 0, 0, 0]);
    expect(homeVisits).toMatchObject({ activeWards: 0, overdueWards: 0, byCurator: [], overdue: [] });
  });
});
