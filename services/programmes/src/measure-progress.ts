import {
  type Access,
  assertVersionRead,
  badInput,
  field,
  isoDate,
  parseInput,
  transaction,
  updateAtVersion,
} from '@kdn/platform';
import { MeasureStatus, type PrismaClient } from '@kdn/prisma/programmes';
import { z } from 'zod';
import { builder } from './builder.ts';
import { MeasureStatusEnum } from './enums.ts';
import { Measure } from './measure.ts';
import { canMove, checkOutcome } from './rules/measure-outcome.ts';
import { assertInForce } from './rules/programme-status.ts';

/**
 * A measure's progress as the responsible agency reports it: started, done with its report, or not
 * executed or refused with the reason the curator may take to the commission (clause 4.6).
 */
const UpdateMeasureInput = builder.inputType('UpdateMeasureInput', {
  description: 'Progress of a measure: its new status with the outcome that status needs.',
  fields: (t) => ({
    id: t.id({ description: 'The measure.' }),
    version: t.int({ description: 'The version last read; a stale one is refused with `CONFLICT`.' }),
    status: t.field({ type: MeasureStatusEnum, description: 'The new status; it moves forward only.' }),
    executedOn: t.field({ type: 'Date', required: false, description: 'For DONE: the day it was done.' }),
    executionReport: t.string({ required: false, description: 'For DONE: what was done.' }),
    failedOn: t.field({
      type: 'Date',
      required: false,
      description: 'For NOT_EXECUTED and REFUSED_BY_AGENCY: the day the failure or refusal was established.',
    }),
    failureReason: t.string({
      required: false,
      description: 'For NOT_EXECUTED and REFUSED_BY_AGENCY: why (clause 4.6).',
    }),
  }),
});

const updateMeasureSchema = z
  .object({
    id: field.id(),
    version: field.version(),
    status: z.enum(MeasureStatus),
    executedOn: field.pastDate().nullish(),
    executionReport: field.text(2000).nullish(),
    failedOn: field.pastDate().nullish(),
    failureReason: field.text(2000).nullish(),
  })
  .superRefine(checkOutcome);

builder.mutationField('updateMeasure', (t) =>
  t.field({
    type: Measure,
    description:
      'Records a measure’s progress: started, done with its report, not executed or refused with the reason.',
    args: { input: t.arg({ type: UpdateMeasureInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { db, access }) =>
      updateMeasure(db, access, parseInput(updateMeasureSchema, input)),
  }),
);

/**
 * The district's commission records a measure's progress, and so does the agency it is assigned to:
 * the responsible agency reports what it did (ответственный исполнитель).
 */
function recordsProgressOf(
  access: Access,
  measure: { agencyId: string; programme: { districtCode: string } },
) {
  const { role, agencyId } = access.principal;
  return (
    access.writesCasesOf(measure.programme.districtCode) ||
    (role === 'AGENCY' && agencyId === measure.agencyId)
  );
}

async function updateMeasure(db: PrismaClient, access: Access, input: z.output<typeof updateMeasureSchema>) {
  const { id, version, status } = input;
  return transaction(db, async (tx) => {
    const measure = await tx.measure.findUnique({ where: { id }, include: { programme: true } });
    if (!measure) throw badInput('input.id', 'no measure with this id');
    access.require(
      recordsProgressOf(access, measure),
      'recording the progress of a measure not assigned to you',
    );
    assertVersionRead(measure, version, 'measure');
    if (measure.excludedOn) {
      throw badInput(
        'input.id',
        `the measure was excluded from the programme on ${isoDate(measure.excludedOn)}`,
      );
    }
    assertInForce(measure.programme.status, 'input.id');
    if (!canMove(measure.status, status)) {
      throw badInput('input.status', `a ${measure.status} measure cannot become ${status}`);
    }
    for (const name of ['executedOn', 'failedOn'] as const) {
      const day = input[name];
      if (day && day < measure.programme.periodFrom) {
        throw badInput(
          `input.${name}`,
          `must not be before the programme began on ${isoDate(measure.programme.periodFrom)}`,
        );
      }
    }
    await updateAtVersion(
      () =>
        tx.measure.updateMany({
          where: { id, version },
          data: {
            status,
            executedOn: input.executedOn ?? null,
            executionReport: input.executionReport ?? null,
            failedOn: input.failedOn ?? null,
            failureReason: input.failureReason ?? null,
            version: { increment: 1 },
          },
        }),
      async () => true,
      { field: 'input.id', what: 'measure' },
    );
    // With its family, for the write's audit record.
    return tx.measure.findUniqueOrThrow({
      where: { id },
      include: { programme: { select: { familyId: true } } },
    });
  });
}
