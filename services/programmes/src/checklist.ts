import { isoDate, isUuid, period } from '@kdn/platform';
import { Prisma, type PrismaClient } from '@kdn/prisma/programmes';
import { builder } from './builder.ts';
import type { ProgrammesContext } from './context.ts';
import { ResourceCentre } from './external.ts';
import { measuresOn, programmesOn } from './history.ts';
import type { OutcomeParams } from './programme-outcomes.ts';

/**
 * What a well-run resource centre keeps (Resolution No. 2, the Kachinsky checklist in DOMAIN.md), as
 * far as the programmes show it: protocols of working-group meetings recorded and counted, reports
 * in time that weigh qualitative change in the family, programmes corrected, priority plans carried
 * out. One SQL statement for all the centres asked.
 */
export interface Checklist {
  meetingsHeld: number;
  programmesReviewed: number;
  reportsDue: number;
  reportsOnTime: number;
  reportsWeighingChange: number;
  programmesCorrected: number;
  priorityMeasuresDue: number;
  priorityMeasuresDone: number;
}

export const emptyChecklist: Checklist = {
  meetingsHeld: 0,
  programmesReviewed: 0,
  reportsDue: 0,
  reportsOnTime: 0,
  reportsWeighingChange: 0,
  programmesCorrected: 0,
  priorityMeasuresDue: 0,
  priorityMeasuresDone: 0,
};

export async function checklists(
  db: PrismaClient,
  centreIds: string[],
  { asOf, from, to }: OutcomeParams,
): Promise<Map<string, Checklist>> {
  const ofCentres = Prisma.sql`p."resourceCentreId" = ANY(${centreIds}::uuid[])`;
  const day = Prisma.sql`${isoDate(asOf)}::date`;
  const inPeriod = Prisma.sql`BETWEEN ${isoDate(from)}::date AND ${isoDate(to)}::date`;
  const rows = await db.$queryRaw<Array<Checklist & { resourceCentreId: string }>>`
    WITH programmes AS (${programmesOn(ofCentres, asOf)}),
    priority_measures AS (
      SELECT "resourceCentreId", timeliness
        FROM (${measuresOn(Prisma.sql`programmes`, asOf)}) m
       WHERE priority AND deadline ${inPeriod} AND timeliness <> 'EXCLUDED'
    ),
    meetings AS (
      SELECT id, "resourceCentreId"
        FROM "WorkingGroupMeeting"
       WHERE "resourceCentreId" = ANY(${centreIds}::uuid[]) AND "heldOn" ${inPeriod}
    ),
    reports AS (
      SELECT r.*, p."resourceCentreId"
        FROM "ProgressReport" r
        JOIN programmes p ON p.id = r."programmeId" AND p.status <> 'DRAFT'
    )
    SELECT c.id AS "resourceCentreId",
           (SELECT count(*) FROM meetings m WHERE m."resourceCentreId" = c.id)::int AS "meetingsHeld",
           (SELECT count(DISTINCT r."programmeId")
              FROM "MeetingReview" r
              JOIN meetings m ON m.id = r."meetingId"
             WHERE m."resourceCentreId" = c.id)::int AS "programmesReviewed",
           due."reportsDue", due."reportsOnTime",
           (SELECT count(*)
              FROM reports r
             WHERE r."resourceCentreId" = c.id
               AND r."submittedOn" ${inPeriod}
               AND EXISTS (SELECT 1 FROM "AreaAssessment" a WHERE a."reportId" = r.id))::int AS "reportsWeighingChange",
           (SELECT count(DISTINCT ch."programmeId")
              FROM "ProgrammeChange" ch
              JOIN meetings m ON m.id = ch."meetingId"
             WHERE m."resourceCentreId" = c.id AND ch.decision = 'ACCEPTED')::int AS "programmesCorrected",
           priority."priorityMeasuresDue", priority."priorityMeasuresDone"
      FROM unnest(${centreIds}::uuid[]) AS c(id)
     CROSS JOIN LATERAL (
       SELECT count(*)::int AS "reportsDue",
              count(*) FILTER (WHERE r."submittedOn" <= r."dueOn" AND r."submittedOn" <= ${day})::int AS "reportsOnTime"
         FROM reports r
        WHERE r."resourceCentreId" = c.id AND r."dueOn" ${inPeriod}
     ) due
     CROSS JOIN LATERAL (
       SELECT count(*)::int AS "priorityMeasuresDue",
              count(*) FILTER (WHERE m.timeliness IN ('DONE_ON_TIME', 'DONE_LATE'))::int AS "priorityMeasuresDone"
         FROM priority_measures m
        WHERE m."resourceCentreId" = c.id
     ) priority`;
  return new Map(rows.map(({ resourceCentreId, ...checklist }) => [resourceCentreId, checklist]));
}

const ResourceCentreChecklist = builder.objectRef<Checklist>('ResourceCentreChecklist').implement({
  description:
    'The indicators of the Kachinsky checklist (Resolution No. 2) the programmes show for a resource centre: ' +
    'events in the period, both days included, and their state at the end of `asOf`.',
  fields: (t) => ({
    meetingsHeld: t.exposeInt('meetingsHeld', {
      description: 'Working-group meetings held in the period, each recorded with its protocol.',
    }),
    programmesReviewed: t.exposeInt('programmesReviewed', {
      description: 'Distinct programmes reviewed at those meetings.',
    }),
    reportsDue: t.exposeInt('reportsDue', {
      description: 'Progress reports due in the period, of programmes approved by `asOf`.',
    }),
    reportsOnTime: t.exposeInt('reportsOnTime', {
      description: 'Of those, the reports submitted on or before the due day, and by `asOf`.',
    }),
    reportsWeighingChange: t.exposeInt('reportsWeighingChange', {
      description:
        'Reports submitted in the period that assess at least one area of the family’s life: analytic reports ' +
        'that weigh qualitative change in the family.',
    }),
    programmesCorrected: t.exposeInt('programmesCorrected', {
      description: 'Programmes with a change accepted at a meeting held in the period (clause 3.4).',
    }),
    priorityMeasuresDue: t.exposeInt('priorityMeasuresDue', {
      description:
        'Measures of the priority plans due in the period, of programmes approved by `asOf`; excluded ones left out.',
    }),
    priorityMeasuresDone: t.exposeInt('priorityMeasuresDone', {
      description: 'Of those, the measures done by `asOf`, on time or late.',
    }),
  }),
});

builder.objectField(ResourceCentre, 'checklist', (t) =>
  t.field({
    type: ResourceCentreChecklist,
    nullable: true,
    description: 'The Kachinsky checklist (DOMAIN.md) for the centre: events in [from, to], state on asOf.',
    args: {
      asOf: t.arg({ type: 'Date', description: 'The day the state is taken on.' }),
      from: t.arg({ type: 'Date', description: 'First day of the period.' }),
      to: t.arg({ type: 'Date', description: 'Last day of the period.' }),
    },
    resolve: (centre, { asOf, from, to }, { loaders }: ProgrammesContext) => {
      const params = { asOf, ...period(from, to) };
      return isUuid(centre.id) ? loaders.checklist.load({ key: centre.id, params }) : emptyChecklist;
    },
  }),
);
