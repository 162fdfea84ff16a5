import { badInput, field, isoDate, parseInput, transaction } from '@kdn/platform';
import type { PrismaClient } from '@kdn/prisma/programmes';
import { z } from 'zod';
import { builder } from './builder.ts';
import { firstTerm } from './curator-history.ts';
import { goalSchema, ProgrammeGoalInput } from './goal.ts';
import { measureInputFields, newMeasureSchema } from './measure.ts';
import { Programme } from './programme.ts';
import type { References } from './references.ts';
import { isWithin, outsidePeriod } from './rules/period.ts';
import { ended } from './rules/programme-status.ts';
import { assertAgencyInCity } from './rules/responsible-agency.ts';
import { unlessTaken } from './validation.ts';

const ProgrammeMeasureInput = builder.inputType('ProgrammeMeasureInput', {
  description: 'A measure of a new programme.',
  fields: (t) => ({
    goal: t.int({ description: 'The goal it serves: its position in the programme’s `goals`, from 0.' }),
    ...measureInputFields(t),
  }),
});

const CreateProgrammeInput = builder.inputType('CreateProgrammeInput', {
  description:
    'A new programme (МИПСР) for a family’s registration, drafted whole: goals, measures, reporting dates.',
  fields: (t) => ({
    registrationId: t.id({ description: 'The family’s open registration.' }),
    familyId: t.id({ description: 'The family the registration is of.' }),
    districtCode: t.string({ description: 'The district whose commission keeps the registration.' }),
    number: t.string({ description: 'Number of the programme, not yet used in the district.' }),
    curatorId: t.id({ description: 'The family’s case curator.' }),
    periodFrom: t.field({ type: 'Date', description: 'First day; not before the family was registered.' }),
    periodTo: t.field({ type: 'Date', description: 'Last day; the final report is due then (clause 6.4).' }),
    goals: t.field({ type: [ProgrammeGoalInput], description: 'Concrete goals, 1 to 10.' }),
    measures: t.field({
      type: [ProgrammeMeasureInput],
      description: 'Measures, 1 to 50; every goal served by one at least, one at least in the priority plan.',
    }),
    reportDueDates: t.field({
      type: ['Date'],
      description: 'When the curator’s interim reports are due, inside the period and before its last day.',
    }),
  }),
});

const planSchema = z.object({
  registrationId: field.id(),
  familyId: field.id(),
  districtCode: field.text(64),
  number: field.text(50),
  curatorId: field.id(),
  periodFrom: z.date(),
  periodTo: z.date(),
  goals: z.array(goalSchema).min(1, 'must set at least one goal').max(10, 'must set at most 10 goals'),
  measures: z
    .array(z.object({ goal: z.number().int(), ...newMeasureSchema }))
    .min(1, 'must plan at least one measure')
    .max(50, 'must plan at most 50 measures'),
  reportDueDates: z.array(z.date()).max(12, 'must schedule at most 12 interim reports'),
});

const draftSchema = planSchema.superRefine(checkPlan);

type DraftFields = z.output<typeof draftSchema>;

/**
 * A plan that can be carried out: goals and deadlines inside the period, every measure serving a
 * goal and every goal served by a measure, and a priority plan (план первоочередных мероприятий).
 * Resolution No. 2 found programmes with abstract goals and unfeasible measures in 2011.
 */
function checkPlan(input: z.output<typeof planSchema>, ctx: z.RefinementCtx) {
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  if (input.periodTo <= input.periodFrom) return issue(['periodTo'], 'must be after periodFrom');
  const inPeriod = outsidePeriod(input);
  input.measures.forEach((measure, index) => {
    if (!input.goals[measure.goal])
      issue(['measures', index, 'goal'], 'is not the position of a goal of the programme');
    if (!isWithin(measure.deadline, input)) issue(['measures', index, 'deadline'], inPeriod);
  });
  input.goals.forEach((goal, index) => {
    if (!isWithin(goal.targetDate, input)) issue(['goals', index, 'targetDate'], inPeriod);
    if (!input.measures.some((measure) => measure.goal === index)) {
      issue(['goals', index], 'no measure serves this goal: a goal needs measures to be achieved');
    }
  });
  if (!input.measures.some((measure) => measure.priority)) {
    issue(
      ['measures'],
      'must put at least one measure in the priority plan (план первоочередных мероприятий)',
    );
  }
  input.reportDueDates.forEach((dueOn, index) => {
    const previous = input.reportDueDates[index - 1];
    if (dueOn < input.periodFrom || dueOn >= input.periodTo) {
      issue(
        ['reportDueDates', index],
        'must be within the programme’s period and before its last day, when the final report is due',
      );
    } else if (previous && dueOn <= previous) {
      issue(['reportDueDates', index], 'must be after the previous due date');
    }
  });
}

builder.mutationField('createProgramme', (t) =>
  t.field({
    type: Programme,
    description: 'Drafts a programme for a family’s registration; a working-group meeting approves it.',
    args: { input: t.arg({ type: CreateProgrammeInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { db, references, access }) => {
      access.require(access.writesCasesOf(input.districtCode), 'drafting the programmes of another district');
      return draftProgramme(db, references, parseInput(draftSchema, input));
    },
  }),
);

async function draftProgramme(db: PrismaClient, references: References, input: DraftFields) {
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
async function checkReferences(references: References, input: DraftFields): Promise<string> {
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
