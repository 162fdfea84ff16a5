import { graphql, graphqlData, signedIn } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { assignCurator, createCurator, replaceCurator } from '../curation/world.ts';
import {
  approvedProgramme,
  createWorld,
  draft,
  expectRefused,
  programmeInput,
  readProgramme,
  reportInput,
  submitReportMutation,
  updateMeasureMutation,
  type World,
} from '../programmes/world.ts';
import { type Stack, startStack } from '../stack.ts';
import { closeRegistration, eventually } from './world.ts';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const year = { asOf: '2011-12-31', from: '2011-01-01', to: '2011-12-31' };

interface Outcomes {
  byStatus: Array<{ status: string; programmes: number }>;
  measures: { total: number; notDue: number; overdue: number; noLongerDue: number };
}

async function outcomesOf(world: World, asOf = year.asOf): Promise<Outcomes> {
  const { district } = await graphqlData<{ district: { programmeOutcomes: Outcomes } }>(
    stack.gateway,
    `query ($code: String!, $asOf: Date!, $from: Date!, $to: Date!) { district(code: $code) {
      programmeOutcomes(asOf: $asOf, from: $from, to: $to) {
        byStatus { status programmes } measures { total notDue overdue noLongerDue } } } }`,
    { ...year, code: world.districtCode, asOf },
  );
  return district.programmeOutcomes;
}

async function checklistOf(world: World) {
  const { resourceCentres } = await graphqlData<{
    resourceCentres: Array<{ id: string; checklist: { reportsDue: number; priorityMeasuresDue: number } }>;
  }>(
    stack.gateway,
    `query ($asOf: Date!, $from: Date!, $to: Date!) { resourceCentres { id
      checklist(asOf: $asOf, from: $from, to: $to) { reportsDue reportsOnTime priorityMeasuresDue priorityMeasuresDone } } }`,
    year,
  );
  return resourceCentres.find((centre) => centre.id === world.resourceCentreId)?.checklist;
}

interface EndedView {
  status: string;
  version: number;
  endedOn: string | null;
  endReason: string | null;
  endResolution: { number: string; date: string } | null;
  measures: Array<{ id: string; version: number; deadline: string; timeliness: string }>;
  reports: Array<{ dueOn: string; timeliness: string }>;
}

async function endedView(id: string): Promise<EndedView> {
  const { programme } = await graphqlData<{ programme: EndedView }>(
    stack.gateway,
    `query ($id: ID!) { programme(id: $id) { status version endedOn endReason endResolution { number date }
      measures { id version deadline timeliness(asOf: "2011-12-31") }
      reports { dueOn timeliness(asOf: "2011-12-31") } } }`,
    { id },
  );
  return programme;
}

const timelinessByDay = (rows: Array<{ timeliness: string } & ({ deadline: string } | { dueOn: string })>) =>
  Object.fromEntries(rows.map((row) => ['deadline' in row ? row.deadline : row.dueOn, row.timeliness]));

/** Everything programmes keeps of some programmes: a reaction applied again must change none of it. */
async function rowsOf(programmeIds: string[]) {
  const db = stack.programmes.db.client;
  const of = { programmeId: { in: programmeIds } };
  const [programmes, terms, reports, changes, facts] = await Promise.all([
    db.programme.findMany({ where: { id: { in: programmeIds } }, orderBy: { id: 'asc' } }),
    db.programmeCuratorTerm.findMany({ where: of, orderBy: [{ programmeId: 'asc' }, { startedOn: 'asc' }] }),
    db.progressReport.findMany({ where: of, orderBy: { id: 'asc' } }),
    db.programmeChange.findMany({ where: of, orderBy: { id: 'asc' } }),
    db.checklistFact.findMany({ where: of, orderBy: { id: 'asc' } }),
  ]);
  return { programmes, terms, reports, changes, facts };
}

describe('a registration closed in the registry', () => {
  let world: World;
  let inForce: Awaited<ReturnType<typeof approvedProgramme>>;
  let drafted: Awaited<ReturnType<typeof draft>>;

  beforeAll(async () => {
    world = await createWorld(stack, 'closing', { families: 3 });
    const [first, second] = world.families;
    if (!first || !second) throw new Error('the world has two families');
    inForce = await approvedProgramme(stack, world, first);
    drafted = await draft(stack, programmeInput(world, second));
  });

  test('ends its programmes on the closing day with the reason; its measures and reports stop falling due', async () => {
    const before = await outcomesOf(world);
    expect(before.byStatus).toEqual([
      { status: 'DRAFT', programmes: 1 },
      { status: 'APPROVED', programmes: 1 },
    ]);
    // Deadlines 30 Apr, 31 May and 30 Jun, none done: all three overdue at the end of the year.
    expect(before.measures).toEqual({ total: 3, notDue: 0, overdue: 3, noLongerDue: 0 });
    expect(timelinessByDay((await endedView(inForce.id)).reports)).toEqual({
      '2011-06-15': 'OVERDUE',
      '2011-09-15': 'OVERDUE',
      '2011-12-31': 'NOT_DUE',
    });
    const checklistBefore = await checklistOf(world);
    expect(checklistBefore).toMatchObject({ reportsDue: 3, priorityMeasuresDue: 2 });

    for (const family of world.families.slice(0, 2))
      await closeRegistration(stack, family.familyId, '2011-06-01');
    await stack.settle();

    const ended = await endedView(inForce.id);
    expect(ended).toMatchObject({
      status: 'ENDED_OFF_REGISTER',
      version: inForce.version + 1,
      endedOn: '2011-06-01',
      endReason: 'SITUATION_IMPROVED',
      endResolution: { number: '77/3', date: '2011-06-01' },
    });
    // What was overdue on the closing day stays so; what fell due on or after it no longer does.
    expect(timelinessByDay(ended.measures)).toEqual({
      '2011-04-30': 'OVERDUE',
      '2011-05-31': 'OVERDUE',
      '2011-06-30': 'NO_LONGER_DUE',
    });
    expect(timelinessByDay(ended.reports)).toEqual({
      '2011-06-15': 'NO_LONGER_DUE',
      '2011-09-15': 'NO_LONGER_DUE',
      '2011-12-31': 'NO_LONGER_DUE',
    });
    expect(await endedView(drafted.id)).toMatchObject({
      status: 'ENDED_OFF_REGISTER',
      endedOn: '2011-06-01',
    });

    // Counted apart: neither completed nor failing; the draft's measures were never carried out.
    const after = await outcomesOf(world);
    expect(after.byStatus).toEqual([{ status: 'ENDED_OFF_REGISTER', programmes: 2 }]);
    expect(after.measures).toEqual({ total: 3, notDue: 0, overdue: 2, noLongerDue: 1 });
    // The day before the closing, the programmes stood as they did.
    const dayBefore = await outcomesOf(world, '2011-05-31');
    expect(dayBefore.byStatus).toEqual([
      { status: 'DRAFT', programmes: 1 },
      { status: 'APPROVED', programmes: 1 },
    ]);
    expect(dayBefore.measures).toEqual({ total: 3, notDue: 2, overdue: 1, noLongerDue: 0 });

    // The checklist's read model follows, and equals a rebuild from scratch.
    const checklistAfter = await checklistOf(world);
    expect(checklistAfter).toMatchObject({ reportsDue: 0, priorityMeasuresDue: 2 });
    await stack.programmes.db.client
      .$executeRaw`SELECT checklist_refresh(ARRAY[${world.resourceCentreId}]::uuid[])`;
    expect(await checklistOf(world)).toEqual(checklistAfter);
  });

  test('refuses changes to an ended programme as to a completed one, writing nothing', async () => {
    const ended = await endedView(inForce.id);
    const measure = ended.measures.find((m) => m.deadline === '2011-06-30');
    if (!measure) throw new Error('no measure due on 30 Jun');
    const message = await expectRefused(
      stack,
      updateMeasureMutation,
      {
        id: measure.id,
        version: measure.version,
        status: 'DONE',
        executedOn: '2011-05-20',
        executionReport: 'Выполнено',
      },
      'input.id',
    );
    expect(message).toMatch(/registration was closed/);
    const programme = await readProgramme(stack, inForce.id);
    const report = programme.reports.find((r) => r.kind === 'INTERIM');
    if (!report) throw new Error('no interim report');
    await expectRefused(
      stack,
      submitReportMutation,
      reportInput(report, { submittedOn: '2011-05-30' }),
      'input.id',
    );
    await expectRefused(
      stack,
      `mutation ($input: ApproveProgrammeInput!) { approveProgramme(input: $input) { id } }`,
      {
        programmeId: drafted.id,
        version: (await readProgramme(stack, drafted.id)).version,
        meetingId: inForce.approvedAt?.id,
      },
      'input.programmeId',
    );
  });

  test('is applied by programmes’ consumer by itself, without anyone settling the federation', async () => {
    const family = world.families[2];
    if (!family) throw new Error('the world has three families');
    const programme = await approvedProgramme(stack, world, family);
    await closeRegistration(stack, family.familyId, '2011-08-01');
    const ended = await eventually(async () => {
      const view = await endedView(programme.id);
      expect(view.status).toBe('ENDED_OFF_REGISTER');
      return view;
    });
    expect(ended.endedOn).toBe('2011-08-01');
  });

  test('applied again, changes nothing more', async () => {
    const ids = [inForce.id, drafted.id];
    const before = await rowsOf(ids);
    const consumer = stack.eventsOf('programmes');
    for (const family of world.families.slice(0, 2)) {
      expect(await consumer.replay('registry', [family.familyId])).toBeGreaterThan(0);
    }
    expect(await rowsOf(ids)).toEqual(before);
  });
});

describe('a curator replaced in curation (clause 1.9)', () => {
  let world: World;
  let formerId: string;
  let newId: string;
  let familyId: string;
  let programme: Awaited<ReturnType<typeof approvedProgramme>>;

  const asCurator = async (curatorId: string) =>
    signedIn({
      sub: `curator-${curatorId}`,
      role: 'CURATOR',
      district: world.districtCode,
      agency: world.agencies.centre,
      curator: curatorId,
    });

  async function programmesOfCurator(curatorId: string) {
    const { curator } = await graphqlData<{ curator: { programmes: Array<{ id: string }> } }>(
      stack.gateway,
      'query ($id: ID!) { curator(id: $id) { programmes { id } } }',
      { id: curatorId },
    );
    return curator.programmes.map((p) => p.id);
  }

  beforeAll(async () => {
    world = await createWorld(stack, 'handover', { families: 2 });
    formerId = world.curatorId;
    newId = await createCurator(stack, world.agencies.centre, 'Новикова Ольга Петровна');
    const family = world.families[0];
    if (!family) throw new Error('the world has a family');
    familyId = family.familyId;
    await assignCurator(stack, familyId, formerId, '2011-03-01');
    programme = await approvedProgramme(stack, world, family);
    await stack.settle();
  });

  test('moves the programme to the new curator from the replacement day; reports and proposals are of their day', async () => {
    const interim = programme.reports.filter((r) => r.kind === 'INTERIM');
    const [june, september] = interim;
    if (!june || !september) throw new Error('two interim reports');
    await graphqlData(stack.gateway, submitReportMutation, {
      input: reportInput(june, { submittedOn: '2011-06-14' }),
    });
    expect(await programmesOfCurator(formerId)).toEqual([programme.id]);
    expect(await programmesOfCurator(newId)).toEqual([]);
    const asFormer = await asCurator(formerId);
    const asNew = await asCurator(newId);
    const readAs = (headers: Record<string, string>) =>
      graphql<{ programme: { id: string } | null }>(
        stack.gateway,
        'query ($id: ID!) { programme(id: $id) { id } }',
        { id: programme.id },
        headers,
      );
    expect((await readAs(asFormer)).data?.programme).toEqual({ id: programme.id });
    expect((await readAs(asNew)).data?.programme ?? null).toBeNull();

    const { family } = await graphqlData<{ family: { currentAssignment: { ward: { version: number } } } }>(
      stack.gateway,
      'query ($id: ID!) { family(id: $id) { currentAssignment { ward { version } } } }',
      { id: familyId },
    );
    const replaced = await replaceCurator(stack, {
      familyId,
      version: family.currentAssignment.ward.version,
      curatorId: newId,
      date: '2011-07-01',
    });
    expect(replaced.errors).toBeUndefined();
    // Recorded on and after the replacement day, perhaps before programmes has heard of it.
    const measure = programme.measures.find((m) => m.deadline === '2011-06-30');
    await graphqlData(stack.gateway, submitReportMutation, {
      input: reportInput(september, { submittedOn: '2011-07-05' }),
    });
    await graphqlData(
      stack.gateway,
      `mutation ($input: ProposeProgrammeChangeInput!) { proposeProgrammeChange(input: $input) { id } }`,
      {
        input: {
          programmeId: programme.id,
          kind: 'PRIORITY_CHANGED',
          measureId: measure?.id,
          priority: true,
          proposedOn: '2011-07-04',
          rationale: 'Рейды показали риск для детей в вечернее время',
        },
      },
    );
    await stack.settle();

    const { programme: after } = await graphqlData<{
      programme: {
        curator: { id: string };
        curatorHistory: Array<{ curator: { id: string }; startedOn: string; endedOn: string | null }>;
        reports: Array<{ dueOn: string; curator: { id: string } | null }>;
        changes: Array<{ proposedOn: string; proposedBy: { id: string } }>;
      };
    }>(
      stack.gateway,
      `query ($id: ID!) { programme(id: $id) {
        curator { id } curatorHistory { curator { id } startedOn endedOn }
        reports { dueOn curator { id } } changes { proposedOn proposedBy { id } } } }`,
      { id: programme.id },
    );
    expect(after.curator).toEqual({ id: newId });
    expect(after.curatorHistory).toEqual([
      { curator: { id: formerId }, startedOn: '2011-03-15', endedOn: '2011-07-01' },
      { curator: { id: newId }, startedOn: '2011-07-01', endedOn: null },
    ]);
    expect(after.reports).toEqual([
      { dueOn: '2011-06-15', curator: { id: formerId } },
      { dueOn: '2011-09-15', curator: { id: newId } },
      { dueOn: '2011-12-31', curator: null },
    ]);
    expect(after.changes).toEqual([{ proposedOn: '2011-07-04', proposedBy: { id: newId } }]);

    // The former curator's list no longer holds the family; the new one's does, and access moved.
    expect(await programmesOfCurator(formerId)).toEqual([]);
    expect(await programmesOfCurator(newId)).toEqual([programme.id]);
    expect((await readAs(asNew)).data?.programme).toEqual({ id: programme.id });
    expect((await readAs(asFormer)).data?.programme ?? null).toBeNull();
  });

  test('applied again, the assignment and the replacement change nothing more', async () => {
    const before = await rowsOf([programme.id]);
    expect(before.terms).toHaveLength(2);
    expect(await stack.eventsOf('programmes').replay('curation', [familyId])).toBe(2);
    expect(await rowsOf([programme.id])).toEqual(before);
  });
});
