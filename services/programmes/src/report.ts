import {
  type Access,
  assertVersionRead,
  badInput,
  field,
  isoDate,
  parseInput,
  today,
  transaction,
  updateAtVersion,
} from '@kdn/platform';
import {
  type AreaAssessment as AssessmentRecord,
  LifeArea,
  type Prisma,
  type PrismaClient,
  type Programme as ProgrammeRecord,
  type ProgressReport as ReportRecord,
  SituationAssessment,
} from '@kdn/prisma/programmes';
import { z } from 'zod';
import { actsOnCaseOf } from './access.ts';
import { builder } from './builder.ts';
import { curatorOn } from './curator-history.ts';
import { LifeAreaEnum, ReportKindEnum, ReportTimelinessEnum, SituationAssessmentEnum } from './enums.ts';
import { Curator } from './external.ts';
import { familyOfRecord, Programme, programmeOf } from './programme.ts';
import { checkOverall } from './rules/assessment.ts';
import { openStatuses } from './rules/measure-outcome.ts';
import { assertInForce, assertTransition } from './rules/programme-status.ts';
import { reportTimeliness } from './rules/timeliness.ts';
import { distinct } from './validation.ts';

const AreaAssessment = builder.objectRef<AssessmentRecord>('AreaAssessment').implement({
  description: 'How one area of the family’s life changed, in the curator’s report.',
  fields: (t) => ({
    area: t.field({ type: LifeAreaEnum, description: 'The area of life.', resolve: (a) => a.area }),
    assessment: t.field({
      type: SituationAssessmentEnum,
      description: 'How it changed.',
      resolve: (a) => a.assessment,
    }),
  }),
});

export const ProgressReport = builder.objectRef<ReportRecord>('ProgressReport');

ProgressReport.implement({
  description:
    'A report of the curator in the established form: the family’s dynamics and the measures’ effectiveness ' +
    '(clause 3.4), or the final results presented to the commission (clause 6.4). Scheduled with its due date ' +
    'when the programme is drafted, so that late and missing reports show (Resolution No. 2: documents came late ' +
    'and not in the established form).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of the report.' }),
    programme: t.field({
      type: Programme,
      description: 'The programme reported on.',
      resolve: (report, _args, { loaders }) => programmeOf(report, loaders),
    }),
    kind: t.field({ type: ReportKindEnum, description: 'Interim or final.', resolve: (r) => r.kind }),
    dueOn: t.field({ type: 'Date', description: 'The day it is due.', resolve: (r) => r.dueOn }),
    submittedOn: t.field({
      type: 'Date',
      nullable: true,
      description:
        'The day it was submitted; for the final report, presented to the commission. Null until then.',
      resolve: (report) => report.submittedOn,
    }),
    timeliness: t.field({
      type: ReportTimelinessEnum,
      description:
        'The report against its due date at the end of the given day; one due on or after the day its programme ' +
        'ended off the register is no longer due.',
      args: { asOf: t.arg({ type: 'Date', required: false, description: 'The day; today when omitted.' }) },
      resolve: async (report, { asOf }, { loaders }) =>
        reportTimeliness(report, asOf ?? today(), (await programmeOf(report, loaders)).endedOn),
    }),
    curator: t.field({
      type: Curator,
      nullable: true,
      description:
        'The curator who submitted it: the programme’s curator on the day it was submitted (clause 1.9).',
      resolve: (report) => (report.curatorId ? { id: report.curatorId } : null),
    }),
    overallAssessment: t.field({
      type: SituationAssessmentEnum,
      nullable: true,
      description: 'How the family’s situation changed overall.',
      personalData: { family: familyOfRecord },
      resolve: (report) => report.overallAssessment,
    }),
    assessments: t.field({
      type: [AreaAssessment],
      description: 'How each assessed area of the family’s life changed.',
      personalData: { family: familyOfRecord },
      resolve: (report, _args, { loaders }) => loaders.assessmentsOfReport.load(report.id),
    }),
    summary: t.exposeString('summary', {
      nullable: true,
      description: 'The family’s dynamics and the measures’ effectiveness, in the curator’s words.',
      personalData: { family: familyOfRecord },
    }),
    proposals: t.exposeString('proposals', {
      nullable: true,
      description: 'The curator’s proposals: changes to the programme, or the further work (clause 6.4).',
      personalData: { family: familyOfRecord },
    }),
    version: t.exposeInt('version', { description: 'Changes with every update; send it back to submit.' }),
  }),
});

const AreaAssessmentInput = builder.inputType('AreaAssessmentInput', {
  description: 'How one area of the family’s life changed.',
  fields: (t) => ({
    area: t.field({ type: LifeAreaEnum, description: 'The area of life.' }),
    assessment: t.field({ type: SituationAssessmentEnum, description: 'How it changed.' }),
  }),
});

const SubmitReportInput = builder.inputType('SubmitProgressReportInput', {
  description: 'A scheduled report, submitted in the established form.',
  fields: (t) => ({
    id: t.id({ description: 'The scheduled report.' }),
    version: t.int({ description: 'The version last read; a stale one is refused with `CONFLICT`.' }),
    submittedOn: t.field({ type: 'Date', description: 'The day it is submitted; not in the future.' }),
    overallAssessment: t.field({
      type: SituationAssessmentEnum,
      description: 'How the situation changed overall.',
    }),
    assessments: t.field({
      type: [AreaAssessmentInput],
      description: 'Each assessed area once, one at least.',
    }),
    summary: t.string({ description: 'The family’s dynamics and the measures’ effectiveness.' }),
    proposals: t.string({
      required: false,
      description: 'Proposals; required in the final report (clause 6.4).',
    }),
  }),
});

// The established form: an overall assessment, each assessed area of life, and a summary, never free
// text alone (Resolution No. 2: information reached the centre not in the established form).
const submitSchema = z
  .object({
    id: field.id(),
    version: field.version(),
    submittedOn: field.pastDate(),
    overallAssessment: z.enum(SituationAssessment),
    assessments: z
      .array(z.object({ area: z.enum(LifeArea), assessment: z.enum(SituationAssessment) }))
      .min(1, 'must assess at least one area of the family’s life')
      .superRefine(distinct((a) => a.area, 'assesses this area twice', ['area'])),
    summary: field.text(5000),
    proposals: field.text(5000).nullish(),
  })
  .superRefine(checkOverall);

type SubmitFields = z.output<typeof submitSchema>;

builder.mutationField('submitProgressReport', (t) =>
  t.field({
    type: ProgressReport,
    description:
      'Submits a scheduled report. Submitting the final report presents the results to the commission and ' +
      'completes the programme (clause 6.4).',
    args: { input: t.arg({ type: SubmitReportInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { db, access }) => submitReport(db, access, parseInput(submitSchema, input)),
  }),
);

async function submitReport(db: PrismaClient, access: Access, input: SubmitFields) {
  const { id, version } = input;
  // A curator's wards are curation's to say: asked before the transaction, not while it holds a connection.
  await access.wardFamilies();
  return transaction(db, async (tx) => {
    const report = await tx.progressReport.findUnique({ where: { id }, include: { programme: true } });
    if (!report) throw badInput('input.id', 'no report with this id');
    access.require(
      await actsOnCaseOf(access, report.programme),
      'reporting on a family that is not your ward',
    );
    assertVersionRead(report, version, 'report');
    if (report.submittedOn) throw badInput('input.id', `was submitted on ${isoDate(report.submittedOn)}`);
    const { programme } = report;
    if (input.submittedOn < programme.periodFrom) {
      throw badInput(
        'input.submittedOn',
        `must not be before the programme began on ${isoDate(programme.periodFrom)}`,
      );
    }
    if (report.kind === 'FINAL') await completeProgramme(tx, programme, input);
    else assertInForce(programme.status, 'input.id');
    const curatorId = await curatorOn(tx, programme, input.submittedOn);
    await updateAtVersion(
      () =>
        tx.progressReport.updateMany({
          where: { id, version },
          data: {
            submittedOn: input.submittedOn,
            curatorId,
            overallAssessment: input.overallAssessment,
            summary: input.summary,
            proposals: input.proposals ?? null,
            version: { increment: 1 },
          },
        }),
      async () => true,
      { field: 'input.id', what: 'report' },
    );
    await tx.areaAssessment.createMany({
      data: input.assessments.map((assessment) => ({ ...assessment, reportId: id })),
    });
    // With its family, for the write's audit record.
    return tx.progressReport.findUniqueOrThrow({
      where: { id },
      include: { programme: { select: { familyId: true } } },
    });
  });
}

/**
 * Clause 6.4: at the programme's end the curator presents the results to the commission with
 * proposals for the further work; that completes the programme. Every measure has its outcome by
 * then, and interim reports that would have fallen due later are no longer owed.
 */
async function completeProgramme(
  tx: Prisma.TransactionClient,
  programme: ProgrammeRecord,
  input: SubmitFields,
) {
  assertTransition(programme.status, 'COMPLETED', 'input.id');
  if (!input.proposals) {
    throw badInput(
      'input.proposals',
      'is required in the final report: the curator proposes the further work with the family',
    );
  }
  const open = await tx.measure.findMany({
    where: { programmeId: programme.id, excludedOn: null, status: { in: [...openStatuses] } },
    select: { title: true },
    orderBy: { deadline: 'asc' },
  });
  if (open.length > 0) {
    throw badInput(
      'input.id',
      `every measure needs its outcome before the results are presented; still open: ${open.map((m) => `«${m.title}»`).join(', ')}`,
    );
  }
  await updateAtVersion(
    () =>
      tx.programme.updateMany({
        where: { id: programme.id, version: programme.version, status: 'APPROVED' },
        data: { status: 'COMPLETED', completedOn: input.submittedOn, version: { increment: 1 } },
      }),
    async () => true,
    { field: 'input.id', what: 'programme' },
  );
  await tx.progressReport.deleteMany({
    where: {
      programmeId: programme.id,
      kind: 'INTERIM',
      submittedOn: null,
      dueOn: { gt: input.submittedOn },
    },
  });
}
