import { isoDate, isUuid, period } from '@kdn/platform';
import { Prisma, type PrismaClient } from '@kdn/prisma/programmes';
import { builder } from './builder.ts';
import type { ProgrammesContext } from './context.ts';
import { ResourceCentre } from './external.ts';
import type { OutcomeParams } from './programme-outcomes.ts';

/**
 * What a well-run resource centre keeps (Resolution No. 2, the Kachinsky checklist, items 4, 5, 7, 8), as
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

/**
 * Reads the checklist's read model (the `checklist_read_model` migration): the settled totals of
 * the period, whole months from the monthly rows and the days at its edges from the daily ones
 * (three ranges of one covering index; the centres are joined, not looked up, as a page asks for all);
 * plus each programme reviewed (or corrected) in the period whose previous review fell before it,
 * as the totals count first reviews only; less what the facts not yet settled on `asOf` do not yet
 * count then. One SQL statement for all the centres asked, whatever the length of the period.
 */
export async function checklists(
  db: PrismaClient,
  centreIds: string[],
  { asOf, from, to }: OutcomeParams,
): Promise<Map<string, Checklist>> {
  const centres = Prisma.sql`${centreIds}::uuid[]`;
  const day = Prisma.sql`${isoDate(asOf)}::date`;
  const first = Prisma.sql`${isoDate(from)}::date`;
  const last = Prisma.sql`${isoDate(to)}::date`;
  const counts = (on: Prisma.Sql) =>
    Prisma.sql`checklist_counts(f."countsFrom", f."doneOn", f."failedOn", f."excludedOn", ${on})`;
  const unsettled = (kind: string, done = false) => {
    const condition = (on: Prisma.Sql) =>
      done ? Prisma.sql`${counts(on)} AND f."doneOn" <= ${on}` : counts(on);
    return Prisma.sql`(count(*) FILTER (WHERE f.kind = ${kind}::"ChecklistFactKind" AND ${condition(Prisma.sql`'infinity'::date`)})
      - count(*) FILTER (WHERE f.kind = ${kind}::"ChecklistFactKind" AND ${condition(day)}))::int`;
  };
  const rows = await db.$queryRaw<Array<Checklist & { resourceCentreId: string }>>`
    WITH months AS (
      SELECT m."from", greatest(date_trunc('month', ${last} + 1)::date, m."from") AS "until"
        FROM (SELECT CASE WHEN ${first} = date_trunc('month', ${first}) THEN ${first}
                          ELSE (date_trunc('month', ${first}) + interval '1 month')::date END AS "from") m
    ),
    totals AS (
      SELECT t.* FROM "ChecklistTotal" t, months
       WHERE t.span = 'MONTH' AND t."startsOn" >= months."from" AND t."startsOn" < months."until"
      UNION ALL
      SELECT t.* FROM "ChecklistTotal" t, months
       WHERE t.span = 'DAY' AND t."startsOn" >= ${first} AND t."startsOn" < months."from" AND t."startsOn" <= ${last}
      UNION ALL
      SELECT t.* FROM "ChecklistTotal" t, months
       WHERE t.span = 'DAY' AND t."startsOn" >= months."until" AND t."startsOn" <= ${last}
    ),
    settled AS (
      SELECT t."resourceCentreId",
             sum(t."meetingsHeld")::int AS "meetingsHeld",
             sum(t."programmesReviewed")::int AS "programmesReviewed",
             sum(t."programmesCorrected")::int AS "programmesCorrected",
             sum(t."reportsDue")::int AS "reportsDue",
             sum(t."reportsOnTime")::int AS "reportsOnTime",
             sum(t."reportsWeighingChange")::int AS "reportsWeighingChange",
             sum(t."priorityMeasuresDue")::int AS "priorityMeasuresDue",
             sum(t."priorityMeasuresDone")::int AS "priorityMeasuresDone"
        FROM totals t JOIN unnest(${centres}) AS c(id) ON c.id = t."resourceCentreId"
       GROUP BY 1
    ),
    reviewed_before AS (
      SELECT f."resourceCentreId",
             count(*) FILTER (WHERE f.kind = 'REVIEW')::int AS reviewed,
             count(*) FILTER (WHERE f.kind = 'CORRECTION')::int AS corrected
        FROM "ChecklistFact" f JOIN unnest(${centres}) AS c(id) ON c.id = f."resourceCentreId"
       WHERE f."eventOn" BETWEEN ${first} AND ${last} AND f."previousOn" < ${first}
       GROUP BY 1
    ),
    not_yet AS (
      SELECT f."resourceCentreId",
             ${unsettled('REPORT_DUE')} AS "reportsDue",
             ${unsettled('REPORT_DUE', true)} AS "reportsOnTime",
             ${unsettled('REPORT_ASSESSED')} AS "reportsWeighingChange",
             ${unsettled('PRIORITY_MEASURE')} AS "priorityMeasuresDue",
             ${unsettled('PRIORITY_MEASURE', true)} AS "priorityMeasuresDone"
        FROM "ChecklistFact" f JOIN unnest(${centres}) AS c(id) ON c.id = f."resourceCentreId"
       WHERE f."settledOn" > ${day} AND f."eventOn" BETWEEN ${first} AND ${last}
       GROUP BY 1
    )
    SELECT c.id AS "resourceCentreId",
           COALESCE(s."meetingsHeld", 0) AS "meetingsHeld",
           COALESCE(s."programmesReviewed", 0) + COALESCE(b.reviewed, 0) AS "programmesReviewed",
           COALESCE(s."reportsDue", 0) - COALESCE(n."reportsDue", 0) AS "reportsDue",
           COALESCE(s."reportsOnTime", 0) - COALESCE(n."reportsOnTime", 0) AS "reportsOnTime",
           COALESCE(s."reportsWeighingChange", 0) - COALESCE(n."reportsWeighingChange", 0) AS "reportsWeighingChange",
           COALESCE(s."programmesCorrected", 0) + COALESCE(b.corrected, 0) AS "programmesCorrected",
           COALESCE(s."priorityMeasuresDue", 0) - COALESCE(n."priorityMeasuresDue", 0) AS "priorityMeasuresDue",
           COALESCE(s."priorityMeasuresDone", 0) - COALESCE(n."priorityMeasuresDone", 0) AS "priorityMeasuresDone",
           COALESCE(
             (SELECT "districtCode" FROM "Programme" WHERE "resourceCentreId" = c.id LIMIT 1),
             (SELECT "districtCode" FROM "WorkingGroupMeeting" WHERE "resourceCentreId" = c.id LIMIT 1)
           ) AS "districtCode"
      FROM unnest(${centres}) AS c(id)
      LEFT JOIN settled s ON s."resourceCentreId" = c.id
      LEFT JOIN reviewed_before b ON b."resourceCentreId" = c.id
      LEFT JOIN not_yet n ON n."resourceCentreId" = c.id`;
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
    description:
      'The Kachinsky checklist (Resolution No. 2) for the centre: events in [from, to], state on asOf.',
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
