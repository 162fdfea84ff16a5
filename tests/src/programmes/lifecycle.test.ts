import { graphql, graphqlData } from '@kdn/platform/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Stack, startStack } from '../stack.ts';
import {
  approvedProgramme,
  approveMutation,
  completeMeasures,
  createWorld,
  draft,
  expectRefused,
  familiesOneByOne,
  holdMeeting,
  meetingInput,
  type ProgrammeView,
  programmeInput,
  programmeRows,
  readProgramme,
  recordMeetingMutation,
  reportInput,
  submitReportMutation,
  updateMeasureMutation,
  type World,
  type WorldFamily,
} from './world.ts';

let stack: Stack;
let world: World;
let south: World;
let nextFamily: () => WorldFamily;

beforeAll(async () => {
  stack = await startStack();
  world = await createWorld(stack, 'north', { families: 12 });
  south = await createWorld(stack, 'south', { families: 1 });
  nextFamily = familiesOneByOne(world);
});
afterAll(() => stack?.stop());

const unknownId = '0190a000-0000-7000-8000-000000000000';

describe('recording a working-group meeting', () => {
  test('keeps its protocol, attendance and reviews, listed at the resource centre by period', async () => {
    const programme = await draft(stack, programmeInput(world, nextFamily()));
    const meeting = await holdMeeting(stack, world, [programme.id], {
      heldOn: '2011-04-07',
      protocolNumber: '7/2011',
      reviews: [
        {
          programmeId: programme.id,
          familyInvited: true,
          familyAttended: false,
          outcome: 'Семья не явилась',
        },
      ],
    });
    const data = await graphqlData<{ workingGroupMeeting: unknown; resourceCentres: unknown[] }>(
      stack.gateway,
      `query ($id: ID!) {
        workingGroupMeeting(id: $id) {
          protocolNumber heldOn decisions
          attendingAgencies { name }
          resourceCentre { agency { name } }
          reviews { familyInvited familyAttended outcome programme { number } }
        }
        resourceCentres { meetings(from: "2011-04-01", to: "2011-04-30") { protocolNumber } }
      }`,
      { id: meeting.id },
    );
    expect(data.workingGroupMeeting).toEqual({
      protocolNumber: '7/2011',
      heldOn: '2011-04-07',
      decisions: 'Рассмотрены программы семей; приняты решения по каждой',
      attendingAgencies: [
        { name: 'ЦСПСиД north' },
        { name: 'МБОУ СОШ № 7 north' },
        { name: 'ОДН ОП № 3 north' },
      ],
      resourceCentre: { agency: { name: 'ЦСПСиД north' } },
      reviews: [
        {
          familyInvited: true,
          familyAttended: false,
          outcome: 'Семья не явилась',
          programme: { number: programme.number },
        },
      ],
    });
    expect(data.resourceCentres).toContainEqual({ meetings: [{ protocolNumber: '7/2011' }] });
  });

  test.each([
    ['an unknown resource centre', { resourceCentreId: unknownId }, 'input.resourceCentreId'],
    ['a meeting in the future', { heldOn: '2999-01-01' }, 'input.heldOn'],
    ['a blank protocol number', { protocolNumber: ' ' }, 'input.protocolNumber'],
    ['no decisions', { decisions: '' }, 'input.decisions'],
    ['no agencies', { attendingAgencyIds: [] }, 'input.attendingAgencyIds'],
  ])('with %s is refused and writes nothing', async (_case, overrides, field) => {
    await expectRefused(stack, recordMeetingMutation, meetingInput(world, [], overrides), field);
  });

  test('naming an agency twice, or one of another city, is refused at that agency', async () => {
    const { centre, school, farAway } = world.agencies;
    await expectRefused(
      stack,
      recordMeetingMutation,
      meetingInput(world, [], { attendingAgencyIds: [centre, school, centre] }),
      'input.attendingAgencyIds[2]',
    );
    await expectRefused(
      stack,
      recordMeetingMutation,
      meetingInput(world, [], { attendingAgencyIds: [centre, farAway] }),
      'input.attendingAgencyIds[1]',
    );
  });

  test('reviewing an unknown programme, another centre’s, or with a family attending uninvited, is refused', async () => {
    const theirs = await draft(stack, programmeInput(south, south.families[0] as WorldFamily));
    const ours = await draft(stack, programmeInput(world, nextFamily()));
    const review = (programmeId: string, extra = {}) => ({
      programmeId,
      familyInvited: true,
      familyAttended: true,
      ...extra,
    });
    const cases: Array<[unknown[], string]> = [
      [[review(ours.id), review(unknownId)], 'input.reviews[1].programmeId'],
      [[review(theirs.id)], 'input.reviews[0].programmeId'],
      [[review(ours.id, { familyInvited: false })], 'input.reviews[0].familyAttended'],
      [[review(ours.id), review(ours.id)], 'input.reviews[1].programmeId'],
    ];
    for (const [reviews, field] of cases) {
      await expectRefused(stack, recordMeetingMutation, meetingInput(world, [], { reviews }), field);
    }
  });

  test('with a protocol number already recorded at the centre is refused; another centre may use it', async () => {
    await holdMeeting(stack, world, [], { protocolNumber: '12/2011' });
    const message = await expectRefused(
      stack,
      recordMeetingMutation,
      meetingInput(world, [], { protocolNumber: '12/2011' }),
      'input.protocolNumber',
    );
    expect(message).toContain('already recorded');
    await holdMeeting(stack, south, [], {
      protocolNumber: '12/2011',
      attendingAgencyIds: [south.agencies.centre],
    });
  });

  test('twice at once with the same protocol number: one is recorded, the other refused', async () => {
    const before = await programmeRows(stack.programmes.db.client);
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        graphql(stack.gateway, recordMeetingMutation, {
          input: meetingInput(world, [], { protocolNumber: '99/2011' }),
        }),
      ),
    );
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    for (const refused of results.filter((result) => result.errors)) {
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.protocolNumber',
      });
    }
    expect((await programmeRows(stack.programmes.db.client)).meetings).toBe(before.meetings + 1);
  });
});

describe('approving a programme', () => {
  test('at a meeting that reviewed it with the family invited brings it into force', async () => {
    const programme = await draft(stack, programmeInput(world, nextFamily()));
    const meeting = await holdMeeting(stack, world, [programme.id]);
    const data = await graphqlData(stack.gateway, approveMutation, {
      input: { programmeId: programme.id, version: programme.version, meetingId: meeting.id },
    });
    expect(data).toEqual({
      approveProgramme: { id: programme.id, status: 'APPROVED', version: 2, approvedAt: { id: meeting.id } },
    });
    const { workingGroupMeeting } = await graphqlData<{ workingGroupMeeting: unknown }>(
      stack.gateway,
      'query ($id: ID!) { workingGroupMeeting(id: $id) { programmesApproved { id status } } }',
      { id: meeting.id },
    );
    expect(workingGroupMeeting).toEqual({ programmesApproved: [{ id: programme.id, status: 'APPROVED' }] });
  });

  test('is refused at a meeting that did not review it, did not invite the family, or does not exist', async () => {
    const programme = await draft(stack, programmeInput(world, nextFamily()));
    const elsewhere = await holdMeeting(stack, world, []);
    const uninvited = await holdMeeting(stack, world, [], {
      reviews: [{ programmeId: programme.id, familyInvited: false, familyAttended: false }],
    });
    const approve = (meetingId: string) => ({ programmeId: programme.id, version: 1, meetingId });
    expect(await expectRefused(stack, approveMutation, approve(elsewhere.id), 'input.meetingId')).toContain(
      'did not review',
    );
    expect(await expectRefused(stack, approveMutation, approve(uninvited.id), 'input.meetingId')).toContain(
      'not invited',
    );
    expect(await expectRefused(stack, approveMutation, approve(unknownId), 'input.meetingId')).toContain(
      'no meeting',
    );
    expect(await readProgramme(stack, programme.id)).toMatchObject({
      status: 'DRAFT',
      version: 1,
      approvedAt: null,
    });
  });

  test('twice is an illegal transition; from a stale version, a conflict', async () => {
    const programme = await approvedProgramme(stack, world, nextFamily());
    const meeting = await holdMeeting(stack, world, [programme.id], { heldOn: '2011-04-14' });
    const message = await expectRefused(
      stack,
      approveMutation,
      { programmeId: programme.id, version: programme.version, meetingId: meeting.id },
      'input.programmeId',
    );
    expect(message).toContain('APPROVED and cannot become APPROVED');
    await expectRefused(
      stack,
      approveMutation,
      { programmeId: programme.id, version: 1, meetingId: meeting.id },
      'input.version',
      'CONFLICT',
    );
  });

  test('before approval nothing is carried out or reported', async () => {
    const programme = await draft(stack, programmeInput(world, nextFamily()));
    const [measure] = programme.measures;
    const [report] = programme.reports;
    const message = await expectRefused(
      stack,
      updateMeasureMutation,
      { id: measure?.id, version: 1, status: 'IN_PROGRESS' },
      'input.id',
    );
    expect(message).toContain('DRAFT');
    await expectRefused(
      stack,
      submitReportMutation,
      reportInput({ id: report?.id ?? '', version: 1 }),
      'input.id',
    );
  });
});

describe('progress reports', () => {
  let refusing: Promise<ProgrammeView>;
  beforeAll(() => {
    refusing = approvedProgramme(stack, world, nextFamily());
  });

  test('show as on time, late or overdue on any day', async () => {
    const programme = await approvedProgramme(stack, world, nextFamily());
    const [june, september] = programme.reports;
    await graphqlData(stack.gateway, submitReportMutation, {
      input: reportInput({ id: june?.id ?? '', version: 1 }, { submittedOn: '2011-06-28' }),
    });
    const timeliness = async (asOf: string) =>
      (
        await graphqlData<{ programme: { reports: Array<{ kind: string; timeliness: string }> } }>(
          stack.gateway,
          'query ($id: ID!, $asOf: Date!) { programme(id: $id) { reports { kind timeliness(asOf: $asOf) } } }',
          { id: programme.id, asOf },
        )
      ).programme.reports.map((report) => report.timeliness);
    expect(await timeliness('2011-06-15')).toEqual(['NOT_DUE', 'NOT_DUE', 'NOT_DUE']);
    expect(await timeliness('2011-06-20')).toEqual(['OVERDUE', 'NOT_DUE', 'NOT_DUE']);
    expect(await timeliness('2011-06-28')).toEqual(['SUBMITTED_LATE', 'NOT_DUE', 'NOT_DUE']);
    expect(await timeliness('2011-10-01')).toEqual(['SUBMITTED_LATE', 'OVERDUE', 'NOT_DUE']);
    await graphqlData(stack.gateway, submitReportMutation, {
      input: reportInput({ id: september?.id ?? '', version: 1 }, { submittedOn: '2011-09-15' }),
    });
    expect(await timeliness('2012-01-10')).toEqual(['SUBMITTED_LATE', 'SUBMITTED_ON_TIME', 'OVERDUE']);
  });

  test.each([
    ['an overall assessment no area supports', { overallAssessment: 'WORSENED' }, 'input.overallAssessment'],
    [
      'an area assessed twice',
      {
        assessments: [
          { area: 'EDUCATION', assessment: 'IMPROVED' },
          { area: 'EDUCATION', assessment: 'UNCHANGED' },
        ],
      },
      'input.assessments[1].area',
    ],
    ['no assessment: not the established form', { assessments: [] }, 'input.assessments'],
    ['no summary', { summary: ' ' }, 'input.summary'],
    ['a date in the future', { submittedOn: '2999-01-01' }, 'input.submittedOn'],
    ['a date before the programme began', { submittedOn: '2011-03-01' }, 'input.submittedOn'],
  ])('with %s are refused and write nothing', async (_case, overrides, field) => {
    const [report] = (await refusing).reports;
    await expectRefused(
      stack,
      submitReportMutation,
      reportInput({ id: report?.id ?? '', version: 1 }, overrides),
      field,
    );
  });

  test('once submitted, are not submitted again', async () => {
    const programme = await approvedProgramme(stack, world, nextFamily());
    const [report] = programme.reports;
    const submitted = await graphqlData<{ submitProgressReport: { version: number } }>(
      stack.gateway,
      submitReportMutation,
      { input: reportInput({ id: report?.id ?? '', version: 1 }) },
    );
    await expectRefused(
      stack,
      submitReportMutation,
      reportInput({ id: report?.id ?? '', version: 1 }),
      'input.version',
      'CONFLICT',
    );
    const message = await expectRefused(
      stack,
      submitReportMutation,
      reportInput({ id: report?.id ?? '', version: submitted.submitProgressReport.version }),
      'input.id',
    );
    expect(message).toContain('was submitted on 2011-06-14');
  });
});

describe('the final report (clause 6.4)', () => {
  test('needs proposals and every measure’s outcome; then it completes the programme', async () => {
    const programme = await approvedProgramme(stack, world, nextFamily());
    const final = programme.reports.find((report) => report.kind === 'FINAL');
    const [june] = programme.reports;
    await graphqlData(stack.gateway, submitReportMutation, {
      input: reportInput({ id: june?.id ?? '', version: 1 }),
    });
    const finalInput = (overrides = {}) =>
      reportInput(
        { id: final?.id ?? '', version: 1 },
        {
          submittedOn: '2011-08-10',
          proposals: 'Снять семью с учёта: цели программы достигнуты',
          ...overrides,
        },
      );
    await expectRefused(stack, submitReportMutation, finalInput({ proposals: null }), 'input.proposals');
    const open = await expectRefused(stack, submitReportMutation, finalInput(), 'input.id');
    expect(open).toContain('still open');

    await completeMeasures(stack, programme);
    const data = await graphqlData<{ submitProgressReport: unknown }>(stack.gateway, submitReportMutation, {
      input: finalInput(),
    });
    expect(data.submitProgressReport).toMatchObject({
      kind: 'FINAL',
      submittedOn: '2011-08-10',
      overallAssessment: 'IMPROVED',
      programme: { status: 'COMPLETED', completedOn: '2011-08-10' },
    });
    const completed = await readProgramme(stack, programme.id);
    // The September report would have fallen due after the results were presented: no longer owed.
    expect(completed.reports.map((report) => [report.kind, report.dueOn])).toEqual([
      ['INTERIM', '2011-06-15'],
      ['FINAL', '2011-12-31'],
    ]);

    const meeting = await holdMeeting(stack, world, []);
    const illegal = await expectRefused(
      stack,
      approveMutation,
      { programmeId: programme.id, version: completed.version, meetingId: meeting.id },
      'input.programmeId',
    );
    expect(illegal).toContain('COMPLETED and cannot become APPROVED');
    await expectRefused(
      stack,
      recordMeetingMutation,
      meetingInput(world, [programme.id]),
      'input.reviews[0].programmeId',
    );
  });
});
