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
  /**
   * The centre's district, from its programmes and meetings: whose figures these are. Null for a
   * centre with none on record, whose figures are all zero.
   */
  districtCode: string | null;
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
  districtCode: null,
};

export async function checklists(
  db: PrismaClient,
  centreIds: string[],
  { asOf, from, to }: OutcomeParams,
): Promise<Map<string, Checklist>> {
  const centres = Prisma.sql`${centreIds}::uuid[]`;
  const day = Prisma.sql`${isoDate(asOf)}::date`;
  const inPeriod = Prisma.sql`BETWEEN ${isoDate(from)}::date AND ${isoDate(to)}::date`;
  // Only the programmes with a report or a priority measure in the period count, so the state on
  // `asOf` is reconstructed for those alone, found through the date indexes; every figure is then
  // one aggregate by centre, linear in the rows of the period.
  const touched = Prisma.sql`p."resourceCentreId" = ANY(${centres}) AND p.id IN (
      SELECT "programmeId" FROM "ProgressReport" WHERE "dueOn" ${inPeriod}
      UNION SELECT "programmeId" FROM "ProgressReport" WHERE "submittedOn" ${inPeriod}
      UNION SELECT "programmeId" FROM "Measure" WHERE priority AND deadline ${inPeriod})`;
  const rows = await db.$queryRaw<Array<Checklist & { resourceCentreId: string }>>`
    WITH programmes AS (${programmesOn(touched, asOf)}),
    priority AS (
      SELECT "resourceCentreId", count(*)::int AS due,
             count(*) FILTER (WHERE timeliness IN ('DONE_ON_TIME', 'DONE_LATE'))::int AS done
        FROM (${measuresOn(Prisma.sql`programmes`, asOf)}) m
       WHERE priority AND deadline ${inPeriod} AND timeliness <> 'EXCLUDED'
       GROUP BY 1
    ),
    reports AS (
      SELECT p."resourceCentreId",
             count(*) FILTER (WHERE r."dueOn" ${inPeriod})::int AS due,
             count(*) FILTER (WHERE r."dueOn" ${inPeriod}
                                AND r."submittedOn" <= r."dueOn" AND r."submittedOn" <= ${day})::int AS "onTime",
             count(*) FILTER (WHERE r."submittedOn" ${inPeriod}
                                AND EXISTS (SELECT 1 FROM "AreaAssessment" a WHERE a."reportId" = r.id))::int AS weighing
        FROM "ProgressReport" r
        JOIN programmes p ON p.id = r."programmeId" AND p.status <> 'DRAFT'
       WHERE r."dueOn" ${inPeriod} OR r."submittedOn" ${inPeriod}
       GROUP BY 1
    ),
    meetings AS (
      SELECT id, "resourceCentreId"
        FROM "WorkingGroupMeeting"
       WHERE "resourceCentreId" = ANY(${centres}) AND "heldOn" ${inPeriod}
    ),
    held AS (SELECT "resourceCentreId", count(*)::int AS n FROM meetings GROUP BY 1),
    reviewed AS (
      SELECT m."resourceCentreId", count(DISTINCT r."programmeId")::int AS n
        FROM "MeetingReview" r JOIN meetings m ON m.id = r."meetingId"
       GROUP BY 1
    ),
    corrected AS (
      SELECT m."resourceCentreId", count(DISTINCT ch."programmeId")::int AS n
        FROM "ProgrammeChange" ch JOIN meetings m ON m.id = ch."meetingId"
       WHERE ch.decision = 'ACCEPTED'
       GROUP BY 1
    )
    SELECT c.id AS "resourceCentreId",
           COALESCE(held.n, 0) AS "meetingsHeld",
           COALESCE(reviewed.n, 0) AS "programmesReviewed",
           COALESCE(reports.due, 0) AS "reportsDue",
           COALESCE(reports."onTime", 0) AS "reportsOnTime",
           COALESCE(reports.weighing, 0) AS "reportsWeighingChange",
           COALESCE(corrected.n, 0) AS "programmesCorrected",
           COALESCE(priority.due, 0) AS "priorityMeasuresDue",
           COALESCE(priority.done, 0) AS "priorityMeasuresDone",
           COALESCE(
             (SELECT "districtCode" FROM "Programme" WHERE "resourceCentreId" = c.id LIMIT 1),
             (SELECT "districtCode" FROM "WorkingGroupMeeting" WHERE "resourceCentreId" = c.id LIMIT 1)
           ) AS "districtCode"
      FROM unnest(${centres}) AS c(id)
      LEFT JOIN held ON held."resourceCentreId" = c.id
      LEFT JOIN reviewed ON reviewed."resourceCentreId" = c.id
      LEFT JOIN reports ON reports."resourceCentreId" = c.id
      LEFT JOIN corrected ON corrected."resourceCentreId" = c.id
      LEFT JOIN priority ON priority."resourceCentreId" = c.id`;
  return new Map(rows.map(({ resourceCentreId, ...checklist }) => [resourceCentreId, checklist]));
}

const ResourceCentreChecklist = builder.objectRef<Checklist>('ResourceCentreChecklist').implement({
  description:
    'The indicators of the Kachinsky checklist (Resolution No. 2) the programmes show for a resource centre: ' +
    'events in the period, both days included, and their state at the end of `asOf`.',
  fields: (t) => ({
    meetingsHeld: t.exposeInt('meetingsHeld', {
      figure: true,
      description: 'Working-group meetings held in the period, each recorded with its protocol.',
    }),
    programmesReviewed: t.exposeInt('programmesReviewed', {
      figure: true,
      description: 'Distinct programmes reviewed at those meetings.',
    }),
    reportsDue: t.exposeInt('reportsDue', {
      figure: true,
      description: 'Progress reports due in the period, of programmes approved by `asOf`.',
    }),
    reportsOnTime: t.exposeInt('reportsOnTime', {
      figure: true,
      description: 'Of those, the reports submitted on or before the due day, and by `asOf`.',
    }),
    reportsWeighingChange: t.exposeInt('reportsWeighingChange', {
      figure: true,
      description:
        'Reports submitted in the period that assess at least one area of the family’s life: analytic reports ' +
        'that weigh qualitative change in the family.',
    }),
    programmesCorrected: t.exposeInt('programmesCorrected', {
      figure: true,
      description: 'Programmes with a change accepted at a meeting held in the period (clause 3.4).',
    }),
    priorityMeasuresDue: t.exposeInt('priorityMeasuresDue', {
      figure: true,
      description:
        'Measures of the priority plans due in the period, of programmes approved by `asOf`; excluded ones left out.',
    }),
    priorityMeasuresDone: t.exposeInt('priorityMeasuresDone', {
      figure: true,
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
    resolve: async (centre, { asOf, from, to }, { loaders, access }: ProgrammesContext) => {
      const params = { asOf, ...period(from, to) };
      if (!isUuid(centre.id)) return emptyChecklist;
      const checklist = await loaders.checklist.load({ key: centre.id, params });
      // A centre with no programme or meeting on record has nothing of a district's to show.
      if (checklist.districtCode !== null) {
        access.require(access.readsAggregatesOf(checklist.districtCode), 'the figures of another district');
      }
      return checklist;
    },
  }),
);
