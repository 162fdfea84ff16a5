import { graphql, graphqlData } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Stack, startStack } from '../stack.ts';
import {
  approvedProgramme,
  approveMutation,
  createWorld,
  draft,
  expectRefused,
  familiesOneByOne,
  holdMeeting,
  type ProgrammeView,
  programmeInput,
  readProgramme,
  reportInput,
  submitReportMutation,
  updateMeasureMutation,
  type World,
  type WorldFamily,
} from './world.ts';

let stack: Stack;
let world: World;
let nextFamily: () => WorldFamily;

beforeAll(async () => {
  stack = await startStack();
  world = await createWorld(stack, 'north', { families: 8 });
  nextFamily = familiesOneByOne(world);
});
afterAll(() => stack?.stop());

const proposeMutation = `mutation ($input: ProposeProgrammeChangeInput!) {
  proposeProgrammeChange(input: $input) {
    id kind decision priority proposedOn proposedBy { id }
    measure { id } proposedMeasure { title deadline priority agency { id } goal { title } }
    programme { status version }
  }
}`;

const decideMutation = `mutation ($input: DecideProgrammeChangeInput!) {
  decideProgrammeChange(input: $input) {
    id decision meeting { heldOn }
    measure { id title priority excludedOn agency { id } goal { title } }
    programme { status version }
  }
}`;

interface ChangeView {
  id: string;
  decision: string;
  programme: { status: string; version: number };
  measure: { id: string; title: string; priority: boolean; excludedOn: string | null } | null;
}

async function propose(input: Record<string, unknown>): Promise<ChangeView> {
  const data = await graphqlData<{ proposeProgrammeChange: ChangeView }>(stack.gateway, proposeMutation, {
    input,
  });
  return data.proposeProgrammeChange;
}

async function decide(changeId: string, meetingId: string, decision: string): Promise<ChangeView> {
  const data = await graphqlData<{ decideProgrammeChange: ChangeView }>(stack.gateway, decideMutation, {
    input: { changeId, meetingId, decision },
  });
  return data.decideProgrammeChange;
}

const byTitle = (programme: ProgrammeView, title: string) => {
  const measure = programme.measures.find((m) => m.title === title);
  if (!measure) throw new Error(`no measure «${title}»`);
  return measure;
};

const newMeasure = (programme: ProgrammeView, agencyId: string, overrides: Record<string, unknown> = {}) => ({
  goalId: programme.goals[0]?.id,
  title: 'Занятия в секции бокса дважды в неделю',
  category: 'LEISURE_SPORT',
  agencyId,
  deadline: '2011-09-30',
  ...overrides,
});

describe('the four changes of clause 3.4', () => {
  test('proposed by the curator put the programme under review; accepted ones are applied at the meeting, rejected ones not', async () => {
    const programme = await approvedProgramme(stack, world, nextFamily());
    const raid = byTitle(programme, 'Вечерний рейд по месту жительства');
    const narcologist = byTitle(programme, 'Консультация нарколога для матери');
    const base = {
      programmeId: programme.id,
      proposedOn: '2011-04-12',
      rationale: 'Мать не явилась к наркологу',
    };

    const priority = await propose({ ...base, kind: 'PRIORITY_CHANGED', measureId: raid.id, priority: true });
    expect(priority).toMatchObject({
      decision: 'PROPOSED',
      priority: true,
      proposedBy: { id: world.curatorId },
      programme: { status: 'UNDER_REVIEW' },
    });
    const exclusion = await propose({ ...base, kind: 'MEASURE_EXCLUDED', measureId: narcologist.id });
    const addition = await propose({
      ...base,
      kind: 'MEASURE_ADDED',
      measure: newMeasure(programme, world.agencies.sport),
    });
    const involvement = await propose({
      ...base,
      kind: 'AGENCY_INVOLVED',
      measure: newMeasure(programme, world.agencies.neighbour, {
        title: 'Консультации психолога соседнего ЦСПСиД',
        category: 'PSYCHOLOGICAL',
        priority: true,
      }),
    });

    const pending = await expectRefused(
      stack,
      approveMutation,
      {
        programmeId: programme.id,
        version: 6,
        meetingId: (await holdMeeting(stack, world, [programme.id])).id,
      },
      'input.programmeId',
    );
    expect(pending).toContain('4 proposed change(s)');

    const meeting = await holdMeeting(stack, world, [programme.id], { heldOn: '2011-04-21' });
    expect(await decide(priority.id, meeting.id, 'ACCEPTED')).toMatchObject({
      decision: 'ACCEPTED',
      meeting: { heldOn: '2011-04-21' },
      measure: { id: raid.id, priority: true },
    });
    expect(await decide(exclusion.id, meeting.id, 'REJECTED')).toMatchObject({
      decision: 'REJECTED',
      measure: { id: narcologist.id, excludedOn: null },
    });
    expect(await decide(addition.id, meeting.id, 'ACCEPTED')).toMatchObject({
      measure: {
        title: 'Занятия в секции бокса дважды в неделю',
        priority: false,
        agency: { id: world.agencies.sport },
        goal: { title: 'Регулярное посещение школы' },
      },
    });
    const involved = await decide(involvement.id, meeting.id, 'ACCEPTED');
    expect(involved).toMatchObject({ measure: { priority: true, agency: { id: world.agencies.neighbour } } });

    const reviewed = await readProgramme(stack, programme.id);
    expect(reviewed.status).toBe('UNDER_REVIEW');
    expect(reviewed.measures).toHaveLength(5);
    expect(byTitle(reviewed, raid.title)).toMatchObject({ priority: true, version: 2 });
    expect(byTitle(reviewed, narcologist.title)).toMatchObject({ excludedOn: null, version: 1 });

    const approved = await graphqlData<{ approveProgramme: { status: string; approvedAt: { id: string } } }>(
      stack.gateway,
      approveMutation,
      { input: { programmeId: programme.id, version: reviewed.version, meetingId: meeting.id } },
    );
    expect(approved.approveProgramme).toMatchObject({ status: 'APPROVED', approvedAt: { id: meeting.id } });
    const { programme: history } = await graphqlData<{ programme: { changes: unknown[] } }>(
      stack.gateway,
      'query ($id: ID!) { programme(id: $id) { changes { kind decision } } }',
      { id: programme.id },
    );
    expect(history.changes).toEqual([
      { kind: 'PRIORITY_CHANGED', decision: 'ACCEPTED' },
      { kind: 'MEASURE_EXCLUDED', decision: 'REJECTED' },
      { kind: 'MEASURE_ADDED', decision: 'ACCEPTED' },
      { kind: 'AGENCY_INVOLVED', decision: 'ACCEPTED' },
    ]);
  });

  test('an accepted exclusion takes the measure out from the meeting’s day: no longer the agency’s, no longer due', async () => {
    const programme = await approvedProgramme(stack, world, nextFamily());
    const raid = byTitle(programme, 'Вечерний рейд по месту жительства');
    const change = await propose({
      programmeId: programme.id,
      kind: 'MEASURE_EXCLUDED',
      measureId: raid.id,
      proposedOn: '2011-05-05',
      rationale: 'Мать трудоустроена, рейды не требуются',
    });
    const meeting = await holdMeeting(stack, world, [programme.id], { heldOn: '2011-05-12' });
    expect(await decide(change.id, meeting.id, 'ACCEPTED')).toMatchObject({
      measure: { id: raid.id, excludedOn: '2011-05-12' },
    });
    const data = await graphqlData<{
      measure: { timeliness: string };
      agency: { measures: Array<{ id: string }> };
    }>(
      stack.gateway,
      `query ($id: ID!, $police: ID!) {
        measure(id: $id) { timeliness(asOf: "2011-12-31") }
        agency(id: $police) { measures { id } }
      }`,
      { id: raid.id, police: world.agencies.police },
    );
    expect(data.measure.timeliness).toBe('EXCLUDED');
    expect(data.agency.measures.map((m) => m.id)).not.toContain(raid.id);
  });
});

describe('proposals', () => {
  let programme: ProgrammeView;
  let other: ProgrammeView;
  beforeAll(async () => {
    programme = await approvedProgramme(stack, world, nextFamily());
    other = await approvedProgramme(stack, world, nextFamily());
  });
  const base = () => ({
    programmeId: programme.id,
    proposedOn: '2011-04-12',
    rationale: 'Обоснование куратора',
  });
  const raid = () => byTitle(programme, 'Вечерний рейд по месту жительства');

  test.each([
    [
      'PRIORITY_CHANGED without the new priority',
      () => ({ kind: 'PRIORITY_CHANGED', measureId: raid().id }),
      'input.priority',
    ],
    [
      'PRIORITY_CHANGED to the priority it has',
      () => ({ kind: 'PRIORITY_CHANGED', measureId: raid().id, priority: false }),
      'input.priority',
    ],
    [
      'MEASURE_EXCLUDED carrying a new measure',
      () => ({
        kind: 'MEASURE_EXCLUDED',
        measureId: raid().id,
        measure: newMeasure(programme, world.agencies.sport),
      }),
      'input.measure',
    ],
    ['MEASURE_ADDED without the measure', () => ({ kind: 'MEASURE_ADDED' }), 'input.measure'],
    [
      'a measure of another programme',
      () => ({ kind: 'MEASURE_EXCLUDED', measureId: other.measures[0]?.id }),
      'input.measureId',
    ],
    [
      'a day outside the period',
      () => ({ kind: 'MEASURE_EXCLUDED', measureId: raid().id, proposedOn: '2011-03-01' }),
      'input.proposedOn',
    ],
    [
      'an unfeasible measure, due before the proposal',
      () => ({
        kind: 'MEASURE_ADDED',
        measure: newMeasure(programme, world.agencies.sport, { deadline: '2011-04-01' }),
      }),
      'input.measure.deadline',
    ],
    [
      'a measure for a goal of another programme',
      () => ({
        kind: 'MEASURE_ADDED',
        measure: newMeasure(programme, world.agencies.sport, { goalId: other.goals[0]?.id }),
      }),
      'input.measure.goalId',
    ],
    [
      'a measure for an agency of another city',
      () => ({ kind: 'MEASURE_ADDED', measure: newMeasure(programme, world.agencies.farAway) }),
      'input.measure.agencyId',
    ],
    [
      'AGENCY_INVOLVED for an agency already in the programme',
      () => ({ kind: 'AGENCY_INVOLVED', measure: newMeasure(programme, world.agencies.school) }),
      'input.measure.agencyId',
    ],
  ])('with %s are refused and write nothing', async (_case, input, field) => {
    await expectRefused(stack, proposeMutation, { ...base(), ...input() }, field);
    expect(await readProgramme(stack, programme.id)).toMatchObject({ status: 'APPROVED', version: 2 });
  });

  test('to a draft are refused: a draft is approved whole', async () => {
    const drafted = await draft(stack, programmeInput(world, nextFamily()));
    const message = await expectRefused(
      stack,
      proposeMutation,
      { ...base(), programmeId: drafted.id, kind: 'MEASURE_EXCLUDED', measureId: drafted.measures[0]?.id },
      'input.programmeId',
    );
    expect(message).toContain('DRAFT');
  });

  test('to exclude a measure already done are refused', async () => {
    const done = other.measures[0] as ProgrammeView['measures'][number];
    await graphqlData(stack.gateway, updateMeasureMutation, {
      input: {
        id: done.id,
        version: 1,
        status: 'DONE',
        executedOn: '2011-04-01',
        executionReport: 'Выполнено',
      },
    });
    const message = await expectRefused(
      stack,
      proposeMutation,
      { ...base(), programmeId: other.id, kind: 'MEASURE_EXCLUDED', measureId: done.id },
      'input.measureId',
    );
    expect(message).toContain('only an open measure');
  });
});

describe('decisions', () => {
  test('are taken at a meeting that reviewed the programme, after the proposal, ACCEPTED or REJECTED', async () => {
    const programme = await approvedProgramme(stack, world, nextFamily());
    const change = await propose({
      programmeId: programme.id,
      kind: 'PRIORITY_CHANGED',
      measureId: byTitle(programme, 'Вечерний рейд по месту жительства').id,
      priority: true,
      proposedOn: '2011-04-12',
      rationale: 'Повторные жалобы соседей',
    });
    const elsewhere = await holdMeeting(stack, world, [], { heldOn: '2011-04-21' });
    const before = await holdMeeting(stack, world, [programme.id], { heldOn: '2011-04-07' });
    const proper = await holdMeeting(stack, world, [programme.id], { heldOn: '2011-04-21' });
    const input = (meetingId: string, decision = 'ACCEPTED') => ({
      changeId: change.id,
      meetingId,
      decision,
    });
    await expectRefused(stack, decideMutation, input(elsewhere.id), 'input.meetingId');
    await expectRefused(stack, decideMutation, input(before.id), 'input.meetingId');
    await expectRefused(stack, decideMutation, input(proper.id, 'PROPOSED'), 'input.decision');
    const stored = await stack.programmes.db.client.programmeChange.findUniqueOrThrow({
      where: { id: change.id },
    });
    expect(stored).toMatchObject({ decision: 'PROPOSED', meetingId: null });
  });

  test('three at once on one change: one is recorded and applied once, the others get CONFLICT', async () => {
    const programme = await approvedProgramme(stack, world, nextFamily());
    const raid = byTitle(programme, 'Вечерний рейд по месту жительства');
    const change = await propose({
      programmeId: programme.id,
      kind: 'PRIORITY_CHANGED',
      measureId: raid.id,
      priority: true,
      proposedOn: '2011-04-12',
      rationale: 'Повторные жалобы соседей',
    });
    const meeting = await holdMeeting(stack, world, [programme.id], { heldOn: '2011-04-21' });
    const results = await Promise.all(
      ['ACCEPTED', 'REJECTED', 'ACCEPTED'].map((decision) =>
        graphql(stack.gateway, decideMutation, {
          input: { changeId: change.id, meetingId: meeting.id, decision },
        }),
      ),
    );
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.filter((result) => result.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(2);
    const stored = await stack.programmes.db.client.programmeChange.findUniqueOrThrow({
      where: { id: change.id },
    });
    const measure = await stack.programmes.db.client.measure.findUniqueOrThrow({ where: { id: raid.id } });
    expect(measure).toMatchObject(
      stored.decision === 'ACCEPTED' ? { priority: true, version: 2 } : { priority: false, version: 1 },
    );
  });

  test('accepting a change whose measure was done meanwhile is refused; it can only be rejected', async () => {
    const programme = await approvedProgramme(stack, world, nextFamily());
    const raid = byTitle(programme, 'Вечерний рейд по месту жительства');
    const change = await propose({
      programmeId: programme.id,
      kind: 'MEASURE_EXCLUDED',
      measureId: raid.id,
      proposedOn: '2011-04-12',
      rationale: 'Рейд не нужен',
    });
    await graphqlData(stack.gateway, updateMeasureMutation, {
      input: {
        id: raid.id,
        version: 1,
        status: 'DONE',
        executedOn: '2011-04-15',
        executionReport: 'Рейд проведён',
      },
    });
    const meeting = await holdMeeting(stack, world, [programme.id], { heldOn: '2011-04-21' });
    const message = await expectRefused(
      stack,
      decideMutation,
      { changeId: change.id, meetingId: meeting.id, decision: 'ACCEPTED' },
      'input.decision',
    );
    expect(message).toContain('can only be rejected');
    expect(await decide(change.id, meeting.id, 'REJECTED')).toMatchObject({ decision: 'REJECTED' });

    const final = programme.reports.find((report) => report.kind === 'FINAL');
    const illegal = await expectRefused(
      stack,
      submitReportMutation,
      reportInput({ id: final?.id ?? '', version: 1 }, { proposals: 'Снять с учёта' }),
      'input.id',
    );
    expect(illegal).toContain('UNDER_REVIEW and cannot become COMPLETED');
  });
});
