import {
  type Access,
  assertVersionRead,
  badInput,
  isoDate,
  transaction,
  updateAtVersion,
} from '@kdn/platform';
import type {
  LifeArea,
  Prisma,
  PrismaClient,
  Programme as ProgrammeRecord,
  SituationAssessment,
} from '@kdn/prisma/programmes';
import { openStatuses } from '../measure/rules.ts';
import { actsOnCaseOf } from '../programme/access.ts';
import { curatorOn } from '../programme/figures.ts';
import { assertInForce, assertTransition } from '../programme/rules.ts';

/** A report as its input declares it, in the established form. */
interface SubmitFields {
  id: string;
  version: number;
  submittedOn: Date;
  overallAssessment: SituationAssessment;
  assessments: Array<{ area: LifeArea; assessment: SituationAssessment }>;
  summary: string;
  proposals?: string | null;
}

/** Submits a scheduled report; the final one completes the programme (clause 6.4). */
export async function submitReport(db: PrismaClient, access: Access, input: SubmitFields) {
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
