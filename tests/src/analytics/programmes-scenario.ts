import { graphqlData } from '@kdn/platform/testing';
import {
  approvedProgramme,
  approveMutation,
  createWorld,
  draft,
  holdMeeting,
  type ProgrammeView,
  programmeInput,
  readProgramme,
  reportInput,
  submitReportMutation,
  updateMeasureMutation,
  type WorldFamily,
} from '../programmes/world.ts';
import type { Stack } from '../stack.ts';

/**
 * A year of one resource centre's work in district `north`, built through the API so every figure
 * has a known answer. Every programme runs 2011-03-15 to 2011-12-31 unless said otherwise, with the
 * measures of `programmeInput`: m1 school EDUCATIONAL due 05-31 priority, m2 health MEDICAL due 04-30
 * priority, m3 police LEGAL due 06-30; interim reports due 06-15 and 09-15, the final one 12-31.
 *
 * - A: approved at M1 (03-24); m2 done 04-20; on 06-01 the curator proposes to involve the sport
 *   school (m4 LEISURE_SPORT due 08-31 priority) and to prioritise m3; M2 (06-09) accepts the first,
 *   rejects the second and approves A again; m1 done 06-10 (late), m3 refused 06-20, m4 done 09-05
 *   (late); reports submitted 06-14 IMPROVED, 09-20 WORSENED (late), final 11-30 IMPROVED: completed.
 * - B: a draft, reviewed at M3 (10-06), never approved.
 * - C: runs 05-01 to 12-31 and is approved before it begins, at MC (04-21): m1 school EDUCATIONAL
 *   due 07-31 priority (never done), m2 health MEDICAL due 10-31 done 10-01, m3 police LEGAL due
 *   12-31 in progress; interim report due 08-01, never submitted.
 * - D: approved at M1 (03-24); on 04-01 the curator proposes to exclude m2, which MD (04-07) accepts,
 *   approving D again; m1 not executed 06-05; m3 never done; report due 06-15 submitted 06-16
 *   UNCHANGED (late); on 09-01 the curator proposes to prioritise m3, still undecided.
 * - M3 (10-06) reviews B and D and decides nothing; M4 (12-01) reviews nothing.
 *
 * District `south` has one programme, approved at its centre's meeting on 03-24, nothing done.
 */
export async function buildProgrammesScenario(stack: Stack) {
  const north = await createWorld(stack, 'north', { families: 4 });
  const south = await createWorld(stack, 'south', { families: 1 });
  const [familyA, familyB, familyC, familyD] = north.families as [
    WorldFamily,
    WorldFamily,
    WorldFamily,
    WorldFamily,
  ];
  const { school, health, police, sport } = north.agencies;
  const api = scenarioApi(stack);

  const a = await draft(stack, programmeInput(north, familyA));
  const b = await draft(stack, programmeInput(north, familyB));
  const c = await draft(
    stack,
    programmeInput(north, familyC, {
      periodFrom: '2011-05-01',
      measures: [
        {
          goal: 0,
          title: 'Посещение уроков',
          category: 'EDUCATIONAL',
          agencyId: school,
          deadline: '2011-07-31',
          priority: true,
        },
        { goal: 1, title: 'Лечение матери', category: 'MEDICAL', agencyId: health, deadline: '2011-10-31' },
        {
          goal: 1,
          title: 'Профилактическая беседа',
          category: 'LEGAL',
          agencyId: police,
          deadline: '2011-12-31',
        },
      ],
      reportDueDates: ['2011-08-01'],
    }),
  );
  const d = await draft(stack, programmeInput(north, familyD));

  const m1 = await holdMeeting(stack, north, [a.id, d.id], { heldOn: '2011-03-24' });
  await api.approve(a, m1.id);
  await api.approve(d, m1.id);
  await api.measure(a, titles.m2, { status: 'DONE', executedOn: '2011-04-20', executionReport: 'Проведена' });

  const exclusion = await api.propose({
    programmeId: d.id,
    kind: 'MEASURE_EXCLUDED',
    proposedOn: '2011-04-01',
    measureId: byTitle(d, titles.m2).id,
  });
  const md = await holdMeeting(stack, north, [d.id], { heldOn: '2011-04-07' });
  await api.decide(exclusion, md.id, 'ACCEPTED');
  await api.approve(d, md.id);

  const mc = await holdMeeting(stack, north, [c.id], { heldOn: '2011-04-21' });
  await api.approve(c, mc.id);

  const involvement = await api.propose({
    programmeId: a.id,
    kind: 'AGENCY_INVOLVED',
    proposedOn: '2011-06-01',
    measure: {
      goalId: a.goals[1]?.id,
      title: titles.m4,
      category: 'LEISURE_SPORT',
      agencyId: sport,
      deadline: '2011-08-31',
      priority: true,
    },
  });
  const prioritising = await api.propose({
    programmeId: a.id,
    kind: 'PRIORITY_CHANGED',
    proposedOn: '2011-06-01',
    measureId: byTitle(a, titles.m3).id,
    priority: true,
  });
  const m2 = await holdMeeting(stack, north, [a.id], { heldOn: '2011-06-09' });
  await api.decide(involvement, m2.id, 'ACCEPTED');
  await api.decide(prioritising, m2.id, 'REJECTED');
  await api.approve(a, m2.id);

  await api.measure(a, titles.m1, { status: 'DONE', executedOn: '2011-06-10', executionReport: 'Налажен' });
  await api.measure(a, titles.m3, {
    status: 'REFUSED_BY_AGENCY',
    failedOn: '2011-06-20',
    failureReason: 'Нет сотрудников для рейдов',
  });
  await api.measure(a, titles.m4, { status: 'DONE', executedOn: '2011-09-05', executionReport: 'Посещает' });
  await api.report(a, '2011-06-15', { submittedOn: '2011-06-14' });
  await api.report(a, '2011-09-15', {
    submittedOn: '2011-09-20',
    overallAssessment: 'WORSENED',
    assessments: [{ area: 'FAMILY_RELATIONS', assessment: 'WORSENED' }],
  });
  await api.report(a, '2011-12-31', { submittedOn: '2011-11-30', proposals: 'Снять семью с учёта' });

  await api.measure(d, titles.m1, {
    status: 'NOT_EXECUTED',
    failedOn: '2011-06-05',
    failureReason: 'Школа не вела учёт пропусков',
  });
  await api.report(d, '2011-06-15', {
    submittedOn: '2011-06-16',
    overallAssessment: 'UNCHANGED',
    assessments: [{ area: 'EDUCATION', assessment: 'UNCHANGED' }],
  });
  await api.propose({
    programmeId: d.id,
    kind: 'PRIORITY_CHANGED',
    proposedOn: '2011-09-01',
    measureId: byTitle(d, titles.m3).id,
    priority: true,
  });

  await api.measure(c, 'Лечение матери', {
    status: 'DONE',
    executedOn: '2011-10-01',
    executionReport: 'Пролечена',
  });
  await api.measure(c, 'Профилактическая беседа', { status: 'IN_PROGRESS' });

  await holdMeeting(stack, north, [b.id, d.id], { heldOn: '2011-10-06' });
  await holdMeeting(stack, north, [], { heldOn: '2011-12-01' });

  await approvedProgramme(stack, south, south.families[0] as WorldFamily);
  return { north, south };
}

export type ProgrammesScenario = Awaited<ReturnType<typeof buildProgrammesScenario>>;

/** The measures of `programmeInput`, and the one A's accepted change includes. */
const titles = {
  m1: 'Ежедневный контроль посещаемости',
  m2: 'Консультация нарколога для матери',
  m3: 'Вечерний рейд по месту жительства',
  m4: 'Секция в спортивной школе',
};

function byTitle(programme: ProgrammeView, title: string) {
  const measure = programme.measures.find((m) => m.title === title);
  if (!measure) throw new Error(`no measure «${title}» in ${programme.number}`);
  return measure;
}

/** The scenario's writes, each through the gateway. */
export function scenarioApi(stack: Stack) {
  const mutate = <Result>(mutation: string, input: unknown) =>
    graphqlData<Result>(stack.gateway, mutation, { input });
  return {
    async approve(programme: ProgrammeView, meetingId: string) {
      const { version } = await readProgramme(stack, programme.id);
      await mutate(approveMutation, { programmeId: programme.id, version, meetingId });
    },
    async measure(programme: ProgrammeView, title: string, outcome: Record<string, unknown>) {
      const measure = byTitle(await readProgramme(stack, programme.id), title);
      await mutate(updateMeasureMutation, { id: measure.id, version: measure.version, ...outcome });
    },
    async propose(input: Record<string, unknown>) {
      const data = await mutate<{ proposeProgrammeChange: { id: string } }>(
        'mutation ($input: ProposeProgrammeChangeInput!) { proposeProgrammeChange(input: $input) { id } }',
        { rationale: 'По итогам патронажа', ...input },
      );
      return data.proposeProgrammeChange.id;
    },
    async decide(changeId: string, meetingId: string, decision: 'ACCEPTED' | 'REJECTED') {
      await mutate(
        'mutation ($input: DecideProgrammeChangeInput!) { decideProgrammeChange(input: $input) { id } }',
        { changeId, meetingId, decision },
      );
    },
    async report(programme: ProgrammeView, dueOn: string, overrides: Record<string, unknown>) {
      const report = (await readProgramme(stack, programme.id)).reports.find((r) => r.dueOn === dueOn);
      if (!report) throw new Error(`no report due ${dueOn} in ${programme.number}`);
      await mutate(submitReportMutation, reportInput(report, overrides));
    },
  };
}
