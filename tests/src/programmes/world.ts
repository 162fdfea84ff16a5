import { graphql, graphqlData } from '@kdn/platform/testing';
import type { ProgrammesDatabase } from '@kdn/programmes/context';
import { expect } from 'vitest';
import { createDistrict, createFamilies } from '../fixtures.ts';
import type { Stack } from '../stack.ts';

/**
 * A district ready for programmes, written straight into the owners' databases: its commission,
 * resource centre and agencies, a district of another city, families on the register and curators.
 */
export async function createWorld(stack: Stack, code: string, { families = 4 } = {}) {
  const agencies = stack.agencies.db.client;
  const { commission, centre } = await createDistrict(agencies, code);
  const resourceCentre = await agencies.resourceCentre.create({
    data: { districtCode: code, agencyId: centre.id, headAppointed: true, secretaryAppointed: true },
  });
  const agency = async (
    name: string,
    kind: 'EDUCATION' | 'POLICE_JUVENILE_UNIT' | 'HEALTH' | 'CULTURE_SPORT',
  ) => (await agencies.agency.create({ data: { districtCode: code, name: `${name} ${code}`, kind } })).id;
  const school = await agency('МБОУ СОШ № 7', 'EDUCATION');
  const police = await agency('ОДН ОП № 3', 'POLICE_JUVENILE_UNIT');
  const health = await agency('Детская поликлиника', 'HEALTH');
  const sport = await agency('ДЮСШ № 2', 'CULTURE_SPORT');

  const neighbour = await createDistrict(agencies, `${code}-east`);
  const farAway = await agencies.district.create({
    data: { code: `${code}-far`, name: 'Ачинск', city: 'Ачинск' },
  });
  const farAgency = await agencies.agency.create({
    data: { districtCode: farAway.code, name: 'Школа в Ачинске', kind: 'EDUCATION' },
  });

  const registry = stack.registry.db.client;
  const created = await createFamilies(registry, {
    districtCode: code,
    commissionId: commission.id,
    count: families,
    minorsEach: 1,
  });
  const registrations = await registry.registration.findMany({
    where: { familyId: { in: created.map((family) => family.id) } },
  });
  const registrationOf = new Map(registrations.map((r) => [r.familyId, r.id]));

  const curation = stack.curation.db.client;
  const curator = async (fullName: string, active: boolean) =>
    (
      await curation.curator.create({
        data: {
          agencyId: centre.id,
          agencyKind: 'SOCIAL_SERVICE_CENTRE',
          districtCode: code,
          fullName,
          position: 'специалист по социальной работе',
          active,
        },
      })
    ).id;

  return {
    districtCode: code,
    commissionId: commission.id,
    resourceCentreId: resourceCentre.id,
    agencies: {
      centre: centre.id,
      school,
      police,
      health,
      sport,
      neighbour: neighbour.centre.id,
      farAway: farAgency.id,
    },
    families: created.map((family) => ({
      familyId: family.id,
      registrationId: registrationOf.get(family.id) ?? '',
    })),
    curatorId: await curator(`Куратор ${code}`, true),
    inactiveCuratorId: await curator(`Бывший куратор ${code}`, false),
  };
}

export type World = Awaited<ReturnType<typeof createWorld>>;
export type WorldFamily = World['families'][number];

let numbers = 0;

/** A valid draft: two concrete goals, three measures by three agencies, two of them priority. */
export function programmeInput(world: World, family: WorldFamily, overrides: Record<string, unknown> = {}) {
  numbers += 1;
  return {
    registrationId: family.registrationId,
    familyId: family.familyId,
    districtCode: world.districtCode,
    number: `${world.districtCode}-${numbers}`,
    curatorId: world.curatorId,
    periodFrom: '2011-03-15',
    periodTo: '2011-12-31',
    goals: [
      {
        title: 'Регулярное посещение школы',
        indicator: 'пропуски без уважительной причины: не более 2 дней в месяц',
        targetDate: '2011-06-30',
      },
      {
        title: 'Мать не злоупотребляет алкоголем',
        indicator: 'нет фактов опьянения при посещениях куратора и рейдах ОДН',
        targetDate: '2011-12-31',
      },
    ],
    measures: [
      {
        goal: 0,
        title: 'Ежедневный контроль посещаемости',
        category: 'EDUCATIONAL',
        agencyId: world.agencies.school,
        deadline: '2011-05-31',
        priority: true,
      },
      {
        goal: 1,
        title: 'Консультация нарколога для матери',
        category: 'MEDICAL',
        agencyId: world.agencies.health,
        deadline: '2011-04-30',
        priority: true,
      },
      {
        goal: 1,
        title: 'Вечерний рейд по месту жительства',
        category: 'LEGAL',
        agencyId: world.agencies.police,
        deadline: '2011-06-30',
      },
    ],
    reportDueDates: ['2011-06-15', '2011-09-15'],
    ...overrides,
  };
}

const programmeFields = `id number status version periodFrom periodTo completedOn
  approvedAt { id protocolNumber heldOn }
  goals { id title }
  measures { id title status version priority excludedOn deadline agency { id } }
  reports { id kind dueOn submittedOn version }`;

export interface ProgrammeView {
  id: string;
  number: string;
  status: string;
  version: number;
  completedOn: string | null;
  approvedAt: { id: string; protocolNumber: string; heldOn: string } | null;
  goals: Array<{ id: string; title: string }>;
  measures: Array<{
    id: string;
    title: string;
    status: string;
    version: number;
    priority: boolean;
    excludedOn: string | null;
    deadline: string;
    agency: { id: string };
  }>;
  reports: Array<{ id: string; kind: string; dueOn: string; submittedOn: string | null; version: number }>;
}

export const createProgrammeMutation = `mutation ($input: CreateProgrammeInput!) {
  createProgramme(input: $input) { ${programmeFields} }
}`;

export async function draft(stack: Stack, input: Record<string, unknown>): Promise<ProgrammeView> {
  const data = await graphqlData<{ createProgramme: ProgrammeView }>(stack.gateway, createProgrammeMutation, {
    input,
  });
  return data.createProgramme;
}

export async function readProgramme(stack: Stack, id: string): Promise<ProgrammeView> {
  const data = await graphqlData<{ programme: ProgrammeView }>(
    stack.gateway,
    `query ($id: ID!) { programme(id: $id) { ${programmeFields} } }`,
    { id },
  );
  return data.programme;
}

export const recordMeetingMutation = `mutation ($input: RecordWorkingGroupMeetingInput!) {
  recordWorkingGroupMeeting(input: $input) { id heldOn protocolNumber reviews { familyInvited familyAttended programme { id } } }
}`;

let protocols = 0;

export function meetingInput(world: World, programmeIds: string[], overrides: Record<string, unknown> = {}) {
  protocols += 1;
  return {
    resourceCentreId: world.resourceCentreId,
    heldOn: '2011-03-24',
    protocolNumber: `${protocols}`,
    attendingAgencyIds: [world.agencies.centre, world.agencies.school, world.agencies.police],
    decisions: 'Рассмотрены программы семей; приняты решения по каждой',
    reviews: programmeIds.map((programmeId) => ({ programmeId, familyInvited: true, familyAttended: true })),
    ...overrides,
  };
}

export async function holdMeeting(
  stack: Stack,
  world: World,
  programmeIds: string[],
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; heldOn: string }> {
  const data = await graphqlData<{ recordWorkingGroupMeeting: { id: string; heldOn: string } }>(
    stack.gateway,
    recordMeetingMutation,
    { input: meetingInput(world, programmeIds, overrides) },
  );
  return data.recordWorkingGroupMeeting;
}

export const approveMutation = `mutation ($input: ApproveProgrammeInput!) {
  approveProgramme(input: $input) { id status version approvedAt { id } }
}`;

/** Drafts a programme and approves it at a meeting held for it: the usual start of every scenario. */
export async function approvedProgramme(
  stack: Stack,
  world: World,
  family: WorldFamily,
  overrides: Record<string, unknown> = {},
): Promise<ProgrammeView> {
  const programme = await draft(stack, programmeInput(world, family, overrides));
  const meeting = await holdMeeting(stack, world, [programme.id]);
  await graphqlData(stack.gateway, approveMutation, {
    input: { programmeId: programme.id, version: programme.version, meetingId: meeting.id },
  });
  return readProgramme(stack, programme.id);
}

/** Rows in every programmes table: a refused mutation leaves them unchanged. */
export async function programmeRows(db: ProgrammesDatabase['client']) {
  const [programmes, goals, measures, changes, meetings, reviews, reports, assessments] = await Promise.all([
    db.programme.count(),
    db.programmeGoal.count(),
    db.measure.count(),
    db.programmeChange.count(),
    db.workingGroupMeeting.count(),
    db.meetingReview.count(),
    db.progressReport.count(),
    db.areaAssessment.count(),
  ]);
  return { programmes, goals, measures, changes, meetings, reviews, reports, assessments };
}

/** Runs a mutation that must be refused naming `field`, and checks that nothing was written. */
export async function expectRefused(
  stack: Stack,
  mutation: string,
  input: unknown,
  field: string,
  code = 'BAD_USER_INPUT',
) {
  const before = await programmeRows(stack.programmes.db.client);
  const { data, errors } = await graphql(stack.gateway, mutation, { input });
  expect(data ?? null).toBeNull();
  expect(errors?.[0]?.extensions).toMatchObject({ code, field });
  expect(await programmeRows(stack.programmes.db.client)).toEqual(before);
  return errors?.[0]?.message ?? '';
}

export const updateMeasureMutation = `mutation ($input: UpdateMeasureInput!) {
  updateMeasure(input: $input) { id status version executedOn failedOn timeliness(asOf: "2011-12-31") }
}`;

export const submitReportMutation = `mutation ($input: SubmitProgressReportInput!) {
  submitProgressReport(input: $input) {
    id kind submittedOn version overallAssessment assessments { area assessment }
    programme { status completedOn version }
  }
}`;

export function reportInput(
  report: { id: string; version: number },
  overrides: Record<string, unknown> = {},
) {
  return {
    id: report.id,
    version: report.version,
    submittedOn: '2011-06-14',
    overallAssessment: 'IMPROVED',
    assessments: [
      { area: 'EDUCATION', assessment: 'IMPROVED' },
      { area: 'FAMILY_RELATIONS', assessment: 'UNCHANGED' },
    ],
    summary: 'Пропусков без уважительной причины нет; мать консультирована наркологом.',
    ...overrides,
  };
}

/** Records every open measure of a programme as done on its deadline. */
export async function completeMeasures(stack: Stack, programme: ProgrammeView) {
  for (const measure of programme.measures.filter(
    (m) => !m.excludedOn && ['PLANNED', 'IN_PROGRESS'].includes(m.status),
  )) {
    await graphqlData(stack.gateway, updateMeasureMutation, {
      input: {
        id: measure.id,
        version: measure.version,
        status: 'DONE',
        executedOn: measure.deadline,
        executionReport: 'Выполнено, акт приложен',
      },
    });
  }
}

/** Hands out a world's families one at a time, so each test works on a family no other test touched. */
export function familiesOneByOne(world: World): () => WorldFamily {
  const left = [...world.families];
  return () => {
    const family = left.shift();
    if (!family) throw new Error('the world has no family left');
    return family;
  };
}
