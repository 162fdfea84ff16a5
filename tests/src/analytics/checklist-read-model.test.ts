import { graphql, graphqlData } from '@kdn/platform/testing';
import { Prisma } from '@kdn/prisma/programmes';
import { measuresOn, programmesOn } from '@kdn/programmes/outcome/figures';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  holdMeeting,
  readProgramme,
  reportInput,
  submitReportMutation,
  updateMeasureMutation,
} from '../programmes/world.ts';
import { type Stack, startStack } from '../stack.ts';
import { buildProgrammesScenario, type ProgrammesScenario, scenarioApi } from './programmes-scenario.ts';

/**
 * The checklist is read from a model the database keeps (the `checklist_read_model` migration).
 * Its definition is the state of the programmes on `asOf` (`outcome/figures.ts`): this computes that straight
 * from the rows, as the service did before the read model, and every answer must equal it.
 */
let stack: Stack;
let scenario: ProgrammesScenario;

beforeAll(async () => {
  stack = await startStack();
  scenario = await buildProgrammesScenario(stack);
}, 120_000);
afterAll(() => stack?.stop());

type Figures = Record<string, number>;

async function fromTheRows(asOf: string, from: string, to: string): Promise<Map<string, Figures>> {
  const day = Prisma.sql`${asOf}::date`;
  const inPeriod = Prisma.sql`BETWEEN ${from}::date AND ${to}::date`;
  const rows = await stack.programmes.db.client.$queryRaw<Array<Figures & { id: string }>>`
    WITH programmes AS (${programmesOn(Prisma.sql`true`, new Date(`${asOf}T00:00:00Z`))}),
    priority AS (
      SELECT "resourceCentreId" AS id, count(*)::int AS due,
             count(*) FILTER (WHERE timeliness IN ('DONE_ON_TIME', 'DONE_LATE'))::int AS done
        FROM (${measuresOn(Prisma.sql`programmes`, new Date(`${asOf}T00:00:00Z`))}) m
       WHERE priority AND deadline ${inPeriod} AND timeliness <> 'EXCLUDED'
       GROUP BY 1
    ),
    reports AS (
      SELECT p."resourceCentreId" AS id,
             count(*) FILTER (WHERE r."dueOn" ${inPeriod})::int AS due,
             count(*) FILTER (WHERE r."dueOn" ${inPeriod} AND r."submittedOn" <= r."dueOn" AND r."submittedOn" <= ${day})::int AS "onTime",
             count(*) FILTER (WHERE r."submittedOn" ${inPeriod}
                                AND EXISTS (SELECT 1 FROM "AreaAssessment" a WHERE a."reportId" = r.id))::int AS weighing
        FROM "ProgressReport" r JOIN programmes p ON p.id = r."programmeId" AND p.status <> 'DRAFT'
       GROUP BY 1
    ),
    meetings AS (SELECT id, "resourceCentreId" FROM "WorkingGroupMeeting" WHERE "heldOn" ${inPeriod}),
    reviewed AS (
      SELECT m."resourceCentreId" AS id, count(*)::int AS meetings,
             (SELECT count(DISTINCT r."programmeId") FROM "MeetingReview" r JOIN meetings x ON x.id = r."meetingId"
               WHERE x."resourceCentreId" = m."resourceCentreId")::int AS programmes,
             (SELECT count(DISTINCT c."programmeId") FROM "ProgrammeChange" c JOIN meetings x ON x.id = c."meetingId"
               WHERE x."resourceCentreId" = m."resourceCentreId" AND c.decision = 'ACCEPTED')::int AS corrected
        FROM meetings m GROUP BY 1
    ),
    centres AS (SELECT "resourceCentreId" AS id FROM "Programme" UNION SELECT "resourceCentreId" FROM "WorkingGroupMeeting")
    SELECT c.id::text,
           COALESCE(v.meetings, 0) AS "meetingsHeld", COALESCE(v.programmes, 0) AS "programmesReviewed",
           COALESCE(r.due, 0) AS "reportsDue", COALESCE(r."onTime", 0) AS "reportsOnTime",
           COALESCE(r.weighing, 0) AS "reportsWeighingChange", COALESCE(v.corrected, 0) AS "programmesCorrected",
           COALESCE(p.due, 0) AS "priorityMeasuresDue", COALESCE(p.done, 0) AS "priorityMeasuresDone"
      FROM centres c LEFT JOIN reviewed v USING (id) LEFT JOIN reports r USING (id) LEFT JOIN priority p USING (id)`;
  return new Map(rows.map(({ id, ...figures }) => [id, figures]));
}

async function answered(asOf: string, from: string, to: string): Promise<Map<string, Figures>> {
  const data = await graphqlData<{ resourceCentres: Array<{ id: string; checklist: Figures | null }> }>(
    stack.gateway,
    `query ($asOf: Date!, $from: Date!, $to: Date!) {
      resourceCentres { id checklist(asOf: $asOf, from: $from, to: $to) {
        meetingsHeld programmesReviewed reportsDue reportsOnTime reportsWeighingChange
        programmesCorrected priorityMeasuresDue priorityMeasuresDone
      } }
    }`,
    { asOf, from, to },
  );
  return new Map(data.resourceCentres.map(({ id, checklist }) => [id, checklist ?? {}]));
}

/** Every centre with programmes or meetings gets the figures the rows give, and one at least is not all zero. */
async function expectTheRowsFigures(asOf: string, from: string, to: string) {
  const expected = await fromTheRows(asOf, from, to);
  const actual = await answered(asOf, from, to);
  for (const [centre, figures] of expected)
    expect(actual.get(centre), `${centre} ${asOf} ${from}…${to}`).toEqual(figures);
  return expected;
}

// The scenario's days of change, a day before and after each, month ends and a far later day.
const days = [
  '2011-03-23',
  '2011-03-24',
  '2011-04-06',
  '2011-04-07',
  '2011-04-20',
  '2011-04-21',
  '2011-05-31',
  '2011-06-08',
  '2011-06-09',
  '2011-06-10',
  '2011-06-14',
  '2011-06-15',
  '2011-06-16',
  '2011-06-20',
  '2011-09-05',
  '2011-09-20',
  '2011-10-01',
  '2011-10-06',
  '2011-11-30',
  '2011-12-31',
  '2013-01-01',
];
const periods: Array<[string, string]> = [
  ['2011-01-01', '2011-12-31'],
  ['2011-03-24', '2011-03-24'],
  ['2011-04-07', '2011-06-16'],
  ['2011-04-08', '2011-06-08'],
  ['2011-06-01', '2011-06-30'],
  ['2011-05-15', '2011-08-14'],
  ['2010-12-15', '2011-04-10'],
  ['2011-06-10', '2011-10-06'],
];

describe('the checklist read model', () => {
  test('equals the figures computed from the rows on every day of change, for periods of whole months, parts of months and single days', async () => {
    let nonZero = 0;
    for (const asOf of days) {
      for (const [from, to] of periods) {
        const expected = await expectTheRowsFigures(asOf, from, to);
        for (const figures of expected.values()) if (Object.values(figures).some((n) => n > 0)) nonZero += 1;
      }
    }
    expect(nonZero).toBeGreaterThan(days.length * periods.length);
  }, 120_000);

  test('a programme reviewed twice in a period counts once, and once when only its later review is in the period', async () => {
    const { north } = scenario;
    const [, , , familyD] = north.families;
    const [d] = await stack.programmes.db.client.programme.findMany({
      where: { familyId: familyD?.familyId },
    });
    if (!d) throw new Error('no programme D');
    const centre = north.resourceCentreId;
    const spring = async () => (await answered('2011-12-31', '2011-04-01', '2011-06-30')).get(centre);
    const before = await spring();
    await holdMeeting(stack, north, [d.id], { heldOn: '2011-06-23' });
    const after = await spring();
    expect(after?.meetingsHeld).toBe((before?.meetingsHeld ?? 0) + 1);
    expect(after?.programmesReviewed).toBe(before?.programmesReviewed);
    expect((await answered('2011-12-31', '2011-06-20', '2011-06-30')).get(centre)?.programmesReviewed).toBe(
      1,
    );
    await expectTheRowsFigures('2011-12-31', '2011-04-01', '2011-06-30');
    await expectTheRowsFigures('2011-12-31', '2011-06-20', '2011-06-30');
  });

  test('stays equal to the rows after each kind of write: a measure done, a report submitted, a measure added by an accepted change and the programme approved again', async () => {
    const { north } = scenario;
    const [, , familyC] = north.families;
    const [c] = await stack.programmes.db.client.programme.findMany({
      where: { familyId: familyC?.familyId },
    });
    if (!c) throw new Error('no programme C');
    const view = await readProgramme(stack, c.id);
    const lessons = view.measures.find((measure) => measure.title === 'Посещение уроков');
    if (!lessons) throw new Error('no measure');

    await graphqlData(stack.gateway, updateMeasureMutation, {
      input: {
        id: lessons.id,
        version: lessons.version,
        status: 'DONE',
        executedOn: '2011-08-05',
        executionReport: 'Ходит',
      },
    });
    const [report] = await stack.programmes.db.client.progressReport.findMany({
      where: { programmeId: c.id },
    });
    if (!report) throw new Error('no report of C');
    await graphqlData(stack.gateway, submitReportMutation, {
      input: reportInput(report, { submittedOn: '2011-07-29' }),
    });
    const api = scenarioApi(stack);
    const addition = await api.propose({
      programmeId: c.id,
      kind: 'MEASURE_ADDED',
      proposedOn: '2011-07-01',
      measure: {
        goalId: view.goals[0]?.id,
        title: 'Летний лагерь',
        category: 'LEISURE_SPORT',
        agencyId: north.agencies.sport,
        deadline: '2011-08-10',
        priority: true,
      },
    });
    const later = await holdMeeting(stack, north, [c.id], { heldOn: '2011-07-15' });
    await api.decide(addition, later.id, 'ACCEPTED');
    await api.approve(await readProgramme(stack, c.id), later.id);

    for (const asOf of [
      '2011-04-21',
      '2011-07-01',
      '2011-07-14',
      '2011-07-15',
      '2011-07-29',
      '2011-08-05',
      '2011-12-31',
    ]) {
      for (const [from, to] of [
        ['2011-01-01', '2011-12-31'],
        ['2011-07-01', '2011-08-31'],
        ['2011-07-16', '2011-08-04'],
      ] as const) {
        await expectTheRowsFigures(asOf, from, to);
      }
    }
  }, 60_000);

  test('concurrent writes to one centre leave it as the rows give it', async () => {
    const { north } = scenario;
    const programmes = await stack.programmes.db.client.programme.findMany({
      where: { resourceCentreId: north.resourceCentreId, status: { not: 'DRAFT' }, completedOn: null },
      include: { measures: { where: { executedOn: null, failedOn: null, excludedOn: null } } },
    });
    const open = programmes.flatMap((programme) => programme.measures).slice(0, 5);
    expect(open.length).toBeGreaterThanOrEqual(2);
    const answers = await Promise.all(
      open.map((measure, index) =>
        graphql(stack.gateway, updateMeasureMutation, {
          input: {
            id: measure.id,
            version: measure.version,
            status: 'DONE',
            executedOn: `2011-11-${String(10 + index).padStart(2, '0')}`,
            executionReport: 'Выполнено',
          },
        }),
      ),
    );
    expect(answers.map((answer) => answer.errors)).toEqual(open.map(() => undefined));
    for (const asOf of ['2011-11-09', '2011-11-12', '2011-12-31']) {
      await expectTheRowsFigures(asOf, '2011-01-01', '2011-12-31');
    }
  });

  test('rebuilding the model from scratch changes nothing: what the writes kept is what the rows give', async () => {
    const client = stack.programmes.db.client;
    const model = async (db: Pick<typeof client, '$queryRaw'>) => ({
      totals: await db.$queryRaw<unknown[]>`
        SELECT "resourceCentreId"::text, span::text, "startsOn"::text, "meetingsHeld", "programmesReviewed",
               "programmesCorrected", "reportsDue", "reportsOnTime", "reportsWeighingChange",
               "priorityMeasuresDue", "priorityMeasuresDone"
          FROM "ChecklistTotal" ORDER BY 1, 2, 3`,
      facts: await db.$queryRaw<unknown[]>`
        SELECT "resourceCentreId"::text, kind::text, "sourceId"::text, "programmeId"::text, "eventOn"::text, "previousOn"::text,
               "countsFrom"::text, "doneOn"::text, "failedOn"::text, "excludedOn"::text, "settledOn"::text
          FROM "ChecklistFact" ORDER BY 1, 2, 3, 5`,
    });
    const kept = await model(client);
    expect(kept.facts.length).toBeGreaterThan(20);
    const rebuilt = await client.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT checklist_refresh(ARRAY(SELECT DISTINCT "resourceCentreId" FROM "ChecklistFact"))`;
      return model(tx);
    });
    expect(rebuilt).toEqual(kept);
  });
});
