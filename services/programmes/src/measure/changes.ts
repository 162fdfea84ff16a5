import {
  type Access,
  assertVersionRead,
  badInput,
  isoDate,
  transaction,
  updateAtVersion,
} from '@kdn/platform';
import type { PrismaClient } from '@kdn/prisma/programmes';
import { assertInForce } from '../programme/rules.ts';
import { recordsProgressOf } from './access.ts';
import { canMove, type Outcome } from './rules.ts';

/** Records a measure's progress, as its agency or the district's commission reports it (clause 4.6). */
export async function updateMeasure(
  db: PrismaClient,
  access: Access,
  input: Outcome & { id: string; version: number },
) {
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
