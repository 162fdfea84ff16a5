import { type Access, badInput, conflict, isoDate, transaction } from '@kdn/platform';
import type {
  ChangeDecision,
  ChangeKind,
  ProgrammeChange as ChangeRecord,
  Prisma,
  PrismaClient,
} from '@kdn/prisma/programmes';
import type { PlannedMeasure } from '../measure/figures.ts';
import { assertAgencyInCity, openStatuses } from '../measure/rules.ts';
import { reviewAt } from '../meeting/figures.ts';
import { actsOnCaseOf } from '../programme/access.ts';
import { curatorOn } from '../programme/figures.ts';
import { assertInForce, isWithin, outsidePeriod } from '../programme/rules.ts';
import type { References } from '../shared/remote.ts';
import { proposedMeasureOf } from './figures.ts';

/** A proposal as its input declares it, checked field by field and for its kind. */
interface ProposeFields {
  programmeId: string;
  kind: ChangeKind;
  proposedOn: Date;
  rationale: string;
  measureId?: string | null;
  priority?: boolean | null;
  measure?: PlannedMeasure | null;
}

/** The family whose case a change is of, for the write's audit record. */
const ofFamily = { programme: { select: { familyId: true } } } as const;

/**
 * Corrections of an approved programme (корректировка программы, clause 3.4): the curator proposes,
 * which puts the programme UNDER_REVIEW; a working-group meeting that reviewed the programme decides,
 * and an accepted change is applied in the same transaction as the decision.
 */
export async function proposeChange(
  db: PrismaClient,
  references: References,
  access: Access,
  input: ProposeFields,
) {
  const programme = await db.programme.findUnique({ where: { id: input.programmeId } });
  if (!programme) throw badInput('input.programmeId', 'no programme with this id');
  access.require(
    await actsOnCaseOf(access, programme),
    'proposing changes to a programme of a family you do not work with',
  );
  if (input.measure) {
    const places = await references.agencies({
      districtCode: programme.districtCode,
      agencyIds: [input.measure.agencyId],
    });
    assertAgencyInCity(places.agencies[0] ?? null, places.district?.city ?? '', 'input.measure.agencyId');
  }
  return transaction(db, async (tx) => {
    const current = await tx.programme.findUniqueOrThrow({ where: { id: programme.id } });
    assertInForce(current.status, 'input.programmeId');
    if (!isWithin(input.proposedOn, current)) throw badInput('input.proposedOn', outsidePeriod(current));
    const { measure, measureId } = input;
    if (measure) await checkProposedMeasure(tx, current, input.kind, measure, input.proposedOn);
    else if (measureId) await checkConcernedMeasure(tx, { ...input, programmeId: current.id, measureId });
    await tx.programme.update({
      where: { id: current.id },
      data: { status: 'UNDER_REVIEW', version: { increment: 1 } },
    });
    return tx.programmeChange.create({
      data: {
        programmeId: current.id,
        kind: input.kind,
        measureId: measureId ?? null,
        priority: input.priority ?? measure?.priority ?? null,
        goalId: measure?.goalId ?? null,
        agencyId: measure?.agencyId ?? null,
        measureTitle: measure?.title ?? null,
        measureCategory: measure?.category ?? null,
        measureDeadline: measure?.deadline ?? null,
        proposedById: await curatorOn(tx, current, input.proposedOn),
        proposedOn: input.proposedOn,
        rationale: input.rationale,
      },
      include: ofFamily,
    });
  });
}

/** PRIORITY_CHANGED and MEASURE_EXCLUDED concern an open measure of the programme. */
async function checkConcernedMeasure(
  tx: Prisma.TransactionClient,
  input: Pick<ProposeFields, 'kind' | 'priority'> & { programmeId: string; measureId: string },
) {
  const measure = await tx.measure.findFirst({
    where: { id: input.measureId, programmeId: input.programmeId },
  });
  if (!measure) throw badInput('input.measureId', 'no measure with this id in the programme');
  if (measure.excludedOn) {
    throw badInput('input.measureId', `the measure was excluded on ${isoDate(measure.excludedOn)}`);
  }
  if (!openStatuses.includes(measure.status)) {
    throw badInput(
      'input.measureId',
      `the measure is ${measure.status}: only an open measure is reprioritised or excluded`,
    );
  }
  if (input.kind === 'PRIORITY_CHANGED' && measure.priority === input.priority) {
    throw badInput('input.priority', 'the measure already has this priority');
  }
}

/**
 * A measure proposed for inclusion serves a goal of the programme and is feasible: due inside the
 * period and not before the proposal (the resolution's "unfeasible measures"). AGENCY_INVOLVED brings
 * in an agency that has no measure in the programme yet.
 */
async function checkProposedMeasure(
  tx: Prisma.TransactionClient,
  programme: { id: string; periodFrom: Date; periodTo: Date },
  kind: ChangeKind,
  measure: NonNullable<ProposeFields['measure']>,
  proposedOn: Date,
) {
  const [goal, agencyMeasures] = await Promise.all([
    tx.programmeGoal.findFirst({ where: { id: measure.goalId, programmeId: programme.id } }),
    tx.measure.count({ where: { programmeId: programme.id, agencyId: measure.agencyId } }),
  ]);
  if (!goal) throw badInput('input.measure.goalId', 'no goal with this id in the programme');
  if (!isWithin(measure.deadline, programme))
    throw badInput('input.measure.deadline', outsidePeriod(programme));
  if (measure.deadline < proposedOn) {
    throw badInput(
      'input.measure.deadline',
      'must not be before the day of the proposal: the measure would be unfeasible',
    );
  }
  if (kind === 'AGENCY_INVOLVED' && agencyMeasures > 0) {
    throw badInput(
      'input.measure.agencyId',
      'the agency already takes part in the programme: propose MEASURE_ADDED',
    );
  }
}

/** The working group's decision on a proposed change, taken at a meeting that reviewed the programme. */
export async function decideChange(
  db: PrismaClient,
  access: Access,
  { changeId, meetingId, decision }: { changeId: string; meetingId: string; decision: ChangeDecision },
) {
  return transaction(db, async (tx) => {
    const found = await tx.programmeChange.findUnique({
      where: { id: changeId },
      include: { programme: { select: { districtCode: true, status: true } } },
    });
    if (!found) throw badInput('input.changeId', 'no change with this id');
    const { programme, ...change } = found;
    access.require(
      access.writesCasesOf(programme.districtCode),
      'deciding on the programmes of another district',
    );
    if (change.decision !== 'PROPOSED') throw alreadyDecided(change.decision);
    assertInForce(programme.status, 'input.changeId');
    const { meeting } = await reviewAt(tx, meetingId, change.programmeId);
    if (meeting.heldOn < change.proposedOn) {
      throw badInput(
        'input.meetingId',
        `was held before the change was proposed on ${isoDate(change.proposedOn)}`,
      );
    }
    const { count } = await tx.programmeChange.updateMany({
      where: { id: changeId, decision: 'PROPOSED' },
      data: { decision, meetingId },
    });
    if (count === 0) throw alreadyDecided('decided');
    if (decision === 'ACCEPTED') await applyChange(tx, change, meeting.heldOn);
    await tx.programme.update({ where: { id: change.programmeId }, data: { version: { increment: 1 } } });
    return tx.programmeChange.findUniqueOrThrow({ where: { id: changeId }, include: ofFamily });
  });
}

function alreadyDecided(decision: string) {
  return conflict(
    `The change was already ${decision.toLowerCase()} by someone else: reload it.`,
    'input.changeId',
  );
}

/** Applies an accepted change to the programme, in the transaction of the decision (clause 3.4). */
async function applyChange(tx: Prisma.TransactionClient, change: ChangeRecord, decidedOn: Date) {
  const proposed = proposedMeasureOf(change);
  if (proposed) {
    if (proposed.deadline < decidedOn) {
      throw badInput(
        'input.decision',
        `the proposed deadline ${isoDate(proposed.deadline)} passed before the meeting: the measure is unfeasible and can only be rejected`,
      );
    }
    const measure = await tx.measure.create({ data: { ...proposed, programmeId: change.programmeId } });
    await tx.programmeChange.update({ where: { id: change.id }, data: { measureId: measure.id } });
    return;
  }
  if (!change.measureId) throw new Error(`change ${change.id} names no measure`);
  const applied =
    change.kind === 'PRIORITY_CHANGED' ? { priority: change.priority ?? false } : { excludedOn: decidedOn };
  const { count } = await tx.measure.updateMany({
    where: { id: change.measureId, excludedOn: null, status: { in: [...openStatuses] } },
    data: { ...applied, version: { increment: 1 } },
  });
  if (count === 0) {
    throw badInput(
      'input.decision',
      'the measure was done, failed or excluded since the proposal: the change can only be rejected',
    );
  }
}
