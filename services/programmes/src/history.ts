import { isoDate } from '@kdn/platform';
import { Prisma } from '@kdn/prisma/programmes';

/**
 * Programmes and measures as they stood at the end of a past day, derived in SQL from the dates the
 * service records; the analytics read them. `scope` is a condition on the programme `p`.
 *
 * A programme records only its last approval, so its status on a day is reconstructed:
 * - COMPLETED from `completedOn` (clause 6.4);
 * - ENDED_OFF_REGISTER from `endedOn`, the day the family's registration was closed;
 * - DRAFT until its first approval: the meeting that approved it, or, for a programme changed since
 *   (then approved again), the first meeting that reviewed it with the family invited before the
 *   first change was proposed, as approval requires (clause 2.1): the SQL function
 *   `programme_first_approval` (migration `checklist_read_model`), which the checklist's read
 *   model dates its facts with too;
 * - UNDER_REVIEW from a change's proposal (clause 3.4) until the meeting that decided it, when the
 *   programme was approved again at or after that meeting; a change decided after the last
 *   approval keeps it under review;
 * - APPROVED otherwise. A draft whose period has not begun is no programme of that day yet.
 */
export function programmesOn(scope: Prisma.Sql, asOf: Date): Prisma.Sql {
  const day = Prisma.sql`${isoDate(asOf)}::date`;
  return Prisma.sql`
    SELECT p.id, p."districtCode", p."resourceCentreId", p."familyId", p."endedOn", approval."approvedOn",
           CASE
             WHEN p."completedOn" <= ${day} THEN 'COMPLETED'
             WHEN p."endedOn" <= ${day} THEN 'ENDED_OFF_REGISTER'
             WHEN approval."approvedOn" IS NULL OR approval."approvedOn" > ${day} THEN 'DRAFT'
             WHEN EXISTS (
               SELECT 1
                 FROM "ProgrammeChange" c
                 LEFT JOIN "WorkingGroupMeeting" decided ON decided.id = c."meetingId"
                WHERE c."programmeId" = p.id
                  AND c."proposedOn" <= ${day}
                  AND NOT COALESCE(decided."heldOn" <= ${day} AND decided."heldOn" <= approved."heldOn", false)
             ) THEN 'UNDER_REVIEW'
             ELSE 'APPROVED'
           END::"ProgrammeStatus" AS status
      FROM "Programme" p
      LEFT JOIN "WorkingGroupMeeting" approved ON approved.id = p."approvedAtId"
     CROSS JOIN LATERAL programme_first_approval(p.id, approved."heldOn") approval
     WHERE ${scope}
       AND (p."periodFrom" <= ${day} OR approval."approvedOn" <= ${day})`;
}

/**
 * The measures agencies were bound by at the end of the day, from `programmes`, a relation of
 * `programmesOn` rows: those of programmes approved by then (nothing is carried out under a draft,
 * nor under one that ended off the register before its approval), without the ones an accepted
 * change included only later, each with its timeliness as `rules/timeliness.ts` derives it, EXCLUDED
 * ones included.
 */
export function measuresOn(programmes: Prisma.Sql, asOf: Date): Prisma.Sql {
  const day = Prisma.sql`${isoDate(asOf)}::date`;
  return Prisma.sql`
    SELECT m.*, p."districtCode", p."resourceCentreId",
           CASE
             WHEN m."executedOn" <= ${day} THEN
               CASE WHEN m."executedOn" <= m.deadline THEN 'DONE_ON_TIME' ELSE 'DONE_LATE' END
             WHEN m."failedOn" <= ${day} THEN
               CASE WHEN m.status = 'REFUSED_BY_AGENCY' THEN 'REFUSED_BY_AGENCY' ELSE 'NOT_EXECUTED' END
             WHEN m."excludedOn" <= ${day} THEN 'EXCLUDED'
             WHEN p."endedOn" <= ${day} AND p."endedOn" <= m.deadline THEN 'NO_LONGER_DUE'
             WHEN m.deadline < ${day} THEN 'OVERDUE'
             ELSE 'NOT_DUE'
           END AS timeliness
      FROM "Measure" m
      JOIN ${programmes} p ON p.id = m."programmeId" AND p.status <> 'DRAFT'
       AND (p.status <> 'ENDED_OFF_REGISTER' OR p."approvedOn" <= p."endedOn")
     WHERE NOT EXISTS (
       SELECT 1
         FROM "ProgrammeChange" c
         JOIN "WorkingGroupMeeting" decided ON decided.id = c."meetingId"
        WHERE c."measureId" = m.id
          AND c.kind IN ('MEASURE_ADDED', 'AGENCY_INVOLVED')
          AND decided."heldOn" > ${day}
     )`;
}

/** A JSON object of `MeasureTimelinessCounts` over the `timeliness` of the measures aggregated. */
export const timelinessCounts = Prisma.sql`json_build_object(
  'total', count(*) FILTER (WHERE timeliness <> 'EXCLUDED'),
  'notDue', count(*) FILTER (WHERE timeliness = 'NOT_DUE'),
  'overdue', count(*) FILTER (WHERE timeliness = 'OVERDUE'),
  'doneOnTime', count(*) FILTER (WHERE timeliness = 'DONE_ON_TIME'),
  'doneLate', count(*) FILTER (WHERE timeliness = 'DONE_LATE'),
  'notExecuted', count(*) FILTER (WHERE timeliness = 'NOT_EXECUTED'),
  'refusedByAgency', count(*) FILTER (WHERE timeliness = 'REFUSED_BY_AGENCY'),
  'noLongerDue', count(*) FILTER (WHERE timeliness = 'NO_LONGER_DUE'))`;
