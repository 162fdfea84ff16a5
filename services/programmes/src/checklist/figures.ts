import { figuresByKey, isoDate } from '@kdn/platform';
import { Prisma, type PrismaClient } from '@kdn/prisma/programmes';
import type { OutcomeParams } from '../outcome/figures.ts';

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
async function checklists(
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

/** The checklist's loader of a request: the centres asked, one statement per period and day. */
export function checklistLoaders(db: PrismaClient) {
  return {
    checklist: figuresByKey(
      (centreIds, params: OutcomeParams) => checklists(db, centreIds, params),
      emptyChecklist,
    ),
  };
}
