import {
  type Access,
  assertVersionRead,
  badInput,
  isoDate,
  transaction,
  updateAtVersion,
} from '@kdn/platform';
import type { MeasureCategory, PrismaClient } from '@kdn/prisma/programmes';
import { assertAgencyInCity } from '../measure/rules.ts';
import { reviewAt } from '../meeting/figures.ts';
import { unlessTaken } from '../shared/changes.ts';
import type { References } from '../shared/remote.ts';
import { firstTerm } from './figures.ts';
import { assertTransition, ended } from './rules.ts';

/** A programme as its input declares it, checked field by field and as a plan (`checkPlan`). */
interface Draft {
  registrationId: string;
  familyId: string;
  districtCode: string;
  number: string;
  curatorId: string;
  periodFrom: Date;
  periodTo: Date;
  goals: Array<{ title: string; indicator: string; targetDate: Date }>;
  measures: Array<{
    goal: number;
    title: string;
    category: MeasureCategory;
    agencyId: string;
    deadline: Date;
    priority: boolean;
  }>;
  reportDueDates: Date[];
}

/** Drafts a programme for a family's registration, whole: goals, measures, reporting dates. */
export async function draftProgramme(db: PrismaClient, references: References, access: Access, input: Draft) {
  access.require(access.writesCasesOf(input.districtCode), 'drafting the programmes of another district');
  const resourceCentreId = await checkReferences(references, input);
  const taken = 'is already the number of another programme in the district';
  return unlessTaken(
    () =>
      transaction(db, async (tx) => {
        const [numbered, running] = await Promise.all([
          tx.programme.count({ where: { districtCode: input.districtCode, number: input.number } }),
          tx.programme.findFirst({
            where: { registrationId: input.registrationId, status: { notIn: [...ended] } },
          }),
        ]);
        if (numbered > 0) throw badInput('input.number', taken);
        if (running) {
          throw badInput(
            'input.registrationId',
            `the registration already has programme ${running.number} in progress`,
          );
        }
        const programme = await tx.programme.create({
          data: {
            number: input.number,
            registrationId: input.registrationId,
            familyId: input.familyId,
            districtCode: input.districtCode,
            resourceCentreId,
            curatorId: input.curatorId,
            periodFrom: input.periodFrom,
            periodTo: input.periodTo,
          },
        });
        await tx.programmeCuratorTerm.create({ data: firstTerm(programme) });
        const goals = await tx.programmeGoal.createManyAndReturn({
          data: input.goals.map((goal, ordinal) => ({ ...goal, ordinal, programmeId: programme.id })),
          select: { id: true, ordinal: true },
        });
        const goalIds = new Map(goals.map((goal) => [goal.ordinal, goal.id]));
        const goalAt = (ordinal: number) => {
          const id = goalIds.get(ordinal);
          if (!id) throw new Error(`no goal ${ordinal} was written`);
          return id;
        };
        await tx.measure.createMany({
          data: input.measures.map(({ goal, ...measure }) => ({
            ...measure,
            goalId: goalAt(goal),
            programmeId: programme.id,
          })),
        });
        await tx.progressReport.createMany({
          data: [
            ...input.reportDueDates.map((dueOn) => ({
              programmeId: programme.id,
              kind: 'INTERIM' as const,
              dueOn,
            })),
            { programmeId: programme.id, kind: 'FINAL' as const, dueOn: input.periodTo },
          ],
        });
        return programme;
      }),
    'input.number',
    taken,
  );
}

/**
 * Checks the references with the subgraphs that own them, one request each, and returns the
 * district's resource centre, which organises the programme.
 */
async function checkReferences(references: References, input: Draft): Promise<string> {
  const [registration, places, curator] = await Promise.all([
    references.registration(input.registrationId),
    references.agencies({
      districtCode: input.districtCode,
      agencyIds: input.measures.map((measure) => measure.agencyId),
    }),
    references.curator(input.curatorId),
  ]);
  if (!registration) throw badInput('input.registrationId', 'no registration with this id');
  if (registration.familyId !== input.familyId) {
    throw badInput('input.familyId', 'the registration is of another family');
  }
  if (registration.closedOn) {
    throw badInput(
      'input.registrationId',
      `the registration was closed on ${isoDate(registration.closedOn)}`,
    );
  }
  if (registration.districtCode !== input.districtCode) {
    throw badInput(
      'input.districtCode',
      `the registration is kept in another district (${registration.districtCode})`,
    );
  }
  if (input.periodFrom < registration.openedOn) {
    throw badInput(
      'input.periodFrom',
      `must not be before the family was registered on ${isoDate(registration.openedOn)}`,
    );
  }
  const { district } = places;
  if (!district?.resourceCentreId) {
    throw badInput(
      'input.districtCode',
      'the district has no resource centre (РМЦ) to organise the programme',
    );
  }
  places.agencies.forEach((agency, index) => {
    assertAgencyInCity(agency, district.city, `input.measures[${index}].agencyId`);
  });
  if (!curator) throw badInput('input.curatorId', 'no curator with this id');
  if (!curator.active) throw badInput('input.curatorId', 'the curator no longer takes wards');
  return district.resourceCentreId;
}

/**
 * Approves a programme at a working-group meeting that reviewed it, the family invited (Resolution
 * No. 2, Kirovsky report, good practice 1) and so acquainted with it (clause 2.1).
 */
export async function approveProgramme(
  db: PrismaClient,
  access: Access,
  { programmeId, version, meetingId }: { programmeId: string; version: number; meetingId: string },
) {
  return transaction(db, async (tx) => {
    const programme = await tx.programme.findUnique({
      where: { id: programmeId },
      include: { approvedAt: true },
    });
    if (!programme) throw badInput('input.programmeId', 'no programme with this id');
    access.require(
      access.writesCasesOf(programme.districtCode),
      'approving the programmes of another district',
    );
    assertVersionRead(programme, version, 'programme');
    assertTransition(programme.status, 'APPROVED', 'input.programmeId');
    const [pending, lastDecision] = await Promise.all([
      tx.programmeChange.count({ where: { programmeId, decision: 'PROPOSED' } }),
      tx.workingGroupMeeting.findFirst({
        where: { changes: { some: { programmeId } } },
        orderBy: { heldOn: 'desc' },
      }),
    ]);
    if (pending > 0) {
      throw badInput(
        'input.programmeId',
        `${pending} proposed change(s) still await the working group’s decision`,
      );
    }
    const { meeting, familyInvited } = await reviewAt(tx, meetingId, programmeId);
    // Clause 2.1: the curator acquaints the family with its programme; Resolution No. 2 records that
    // families invited to the meetings understand the specialists' work better.
    if (!familyInvited) {
      throw badInput(
        'input.meetingId',
        'the family was not invited to the meeting that approves its programme',
      );
    }
    if (meeting.heldOn > programme.periodTo) {
      throw badInput(
        'input.meetingId',
        `was held after the programme’s period ended on ${isoDate(programme.periodTo)}`,
      );
    }
    for (const earlier of [programme.approvedAt, lastDecision]) {
      if (earlier && meeting.heldOn < earlier.heldOn) {
        throw badInput(
          'input.meetingId',
          `must not be held before ${isoDate(earlier.heldOn)}, when the programme was last approved or changed`,
        );
      }
    }
    await updateAtVersion(
      () =>
        tx.programme.updateMany({
          where: { id: programmeId, version },
          data: { status: 'APPROVED', approvedAtId: meetingId, version: { increment: 1 } },
        }),
      async () => true,
      { field: 'input.programmeId', what: 'programme' },
    );
    return tx.programme.findUniqueOrThrow({ where: { id: programmeId } });
  });
}
