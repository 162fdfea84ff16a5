import type { SubgraphName } from '@kdn/platform';
import type pg from 'pg';
import type { Samples } from './samples.ts';

/**
 * An operation of the benchmark: the GraphQL a client sends, the variables of its i-th request, and
 * its raw-SQL floor: the same figures from one hand-written SQL query per subgraph, run with `pg`.
 * `subgraph` names the one subgraph that can answer the whole query alone, when there is one.
 */
export interface Operation {
  name: string;
  title: string;
  query: string;
  variables(samples: Samples, index: number): Record<string, unknown>;
  subgraph?: SubgraphName;
  floor(pool: pg.Pool, variables: Record<string, unknown>): Promise<unknown>;
}

const one = async (pool: pg.Pool, sql: string, params: unknown[]) => (await pool.query(sql, params)).rows[0];

const at = <T>(items: readonly T[], index: number): T => items[index % items.length] as T;

function daysBefore(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** The visit-due rule of clause 2.3 over an assignment `a` and its last home visit `last.on`. */
const dueBy = `(CASE WHEN last.on IS NULL
    THEN date_trunc('month', a."startedOn"::timestamp) + interval '1 month - 1 day'
    ELSE date_trunc('month', last.on::timestamp) + interval '2 months - 1 day' END)::date`;

const lastHomeVisit = (day: string) => `LEFT JOIN LATERAL (
    SELECT max(v."visitedOn") AS on FROM curation."Visit" v
     WHERE v."assignmentId" = a.id AND v.kind IN ('HOME', 'INTERAGENCY') AND v."visitedOn" <= ${day}) last ON true`;

const districtOverview: Operation = {
  name: 'district-overview',
  title: 'District overview',
  query: `query DistrictOverview($code: String!, $asOf: Date!, $from: Date!) {
  district(code: $code) {
    code name
    register(asOf: $asOf) { families minors }
    caseload(asOf: $asOf) { byAgencyKind { kind curators families minors } total { curators families minors } }
    homeVisits(asOf: $asOf) { activeWards overdueWards }
    homeVisitMonths(from: $from, to: $asOf) { wardMonths withHomeVisit }
    programmeOutcomes(asOf: $asOf, from: $from, to: $asOf) {
      byStatus { status programmes }
      measures { total notDue overdue doneOnTime doneLate notExecuted refusedByAgency }
    }
  }
}`,
  variables: (samples, index) => ({
    code: at(samples.districts, index),
    asOf: samples.asOf,
    from: samples.yearStart,
  }),
  async floor(pool, { code, asOf, from }) {
    const [district, register, curation, programmes] = await Promise.all([
      one(pool, 'SELECT code, name FROM agencies."District" WHERE code = $1', [code]),
      one(
        pool,
        `SELECT count(DISTINCT r."familyId")::int AS families, count(DISTINCT rm."minorId")::int AS minors
           FROM registry."Registration" r
           LEFT JOIN registry."RegisteredMinor" rm ON rm."registrationId" = r.id AND rm."addedOn" <= $2::date
          WHERE r."districtCode" = $1 AND r."openedOn" <= $2::date AND (r."closedOn" IS NULL OR r."closedOn" > $2::date)`,
        [code, asOf],
      ),
      one(
        pool,
        `WITH a AS (
           SELECT a.id, a."familyId", a."curatorId", a."startedOn", c."agencyKind" AS kind
             FROM curation."CuratorAssignment" a JOIN curation."Curator" c ON c.id = a."curatorId"
            WHERE a."districtCode" = $1 AND a."startedOn" <= $2::date AND (a."endedOn" IS NULL OR a."endedOn" > $2::date)
         ), m AS (
           SELECT a.*, am."minorId" FROM a
             LEFT JOIN curation."AssignedMinor" am ON am."assignmentId" = a.id AND am."addedOn" <= $2::date
         ), due AS (
           SELECT ${dueBy} AS due FROM a ${lastHomeVisit('$2::date')}
         ), ward_months AS (
           SELECT DISTINCT a."familyId", mo.month::date AS month
             FROM curation."CuratorAssignment" a
            CROSS JOIN LATERAL generate_series(
                    date_trunc('month', GREATEST(a."startedOn", $3::date)::timestamp),
                    date_trunc('month', LEAST(COALESCE(a."endedOn" - 1, $2::date), $2::date)::timestamp),
                    interval '1 month') AS mo(month)
            WHERE a."districtCode" = $1 AND a."startedOn" <= $2::date AND (a."endedOn" IS NULL OR a."endedOn" > $3::date)
         )
         SELECT
           (SELECT json_agg(k ORDER BY k.kind) FROM (
              SELECT kind, count(DISTINCT "curatorId")::int AS curators, count(DISTINCT "familyId")::int AS families,
                     count(DISTINCT "minorId")::int AS minors
                FROM m GROUP BY kind) k) AS "byAgencyKind",
           (SELECT json_build_object('curators', count(DISTINCT "curatorId"), 'families', count(DISTINCT "familyId"),
                   'minors', count(DISTINCT "minorId")) FROM m) AS total,
           (SELECT json_build_object('activeWards', count(*), 'overdueWards', count(*) FILTER (WHERE due < $2::date))
              FROM due) AS "homeVisits",
           (SELECT json_build_object('wardMonths', count(*), 'withHomeVisit', count(*) FILTER (WHERE EXISTS (
                     SELECT 1 FROM curation."Visit" v
                      WHERE v."familyId" = w."familyId" AND v.kind IN ('HOME', 'INTERAGENCY')
                        AND v."visitedOn" >= GREATEST(w.month, $3::date)
                        AND v."visitedOn" < w.month + interval '1 month' AND v."visitedOn" <= $2::date)))
              FROM ward_months w) AS "homeVisitMonths"`,
        [code, asOf, from],
      ),
      one(
        pool,
        `WITH p AS (
           SELECT p.id,
                  CASE WHEN p."completedOn" <= $2::date THEN 'COMPLETED'
                       WHEN m."heldOn" IS NULL OR m."heldOn" > $2::date THEN 'DRAFT'
                       WHEN EXISTS (SELECT 1 FROM programmes."ProgrammeChange" c
                                      LEFT JOIN programmes."WorkingGroupMeeting" d ON d.id = c."meetingId"
                                     WHERE c."programmeId" = p.id AND c."proposedOn" <= $2::date
                                       AND NOT COALESCE(d."heldOn" <= $2::date, false)) THEN 'UNDER_REVIEW'
                       ELSE 'APPROVED' END AS status
             FROM programmes."Programme" p
             LEFT JOIN programmes."WorkingGroupMeeting" m ON m.id = p."approvedAtId"
            WHERE p."districtCode" = $1 AND (p."periodFrom" <= $2::date OR m."heldOn" <= $2::date)
         ), t AS (
           SELECT CASE WHEN x."executedOn" <= $2::date THEN
                         CASE WHEN x."executedOn" <= x.deadline THEN 'DONE_ON_TIME' ELSE 'DONE_LATE' END
                       WHEN x."failedOn" <= $2::date THEN
                         CASE WHEN x.status = 'REFUSED_BY_AGENCY' THEN 'REFUSED' ELSE 'NOT_EXECUTED' END
                       WHEN x."excludedOn" <= $2::date THEN 'EXCLUDED'
                       WHEN x.deadline < $2::date THEN 'OVERDUE'
                       ELSE 'NOT_DUE' END AS timeliness
             FROM programmes."Measure" x JOIN p ON p.id = x."programmeId" AND p.status <> 'DRAFT'
         )
         SELECT
           (SELECT json_agg(s ORDER BY array_position(ARRAY['DRAFT', 'APPROVED', 'UNDER_REVIEW', 'COMPLETED'], s.status))
              FROM (SELECT status, count(*)::int AS programmes FROM p GROUP BY status) s) AS "byStatus",
           (SELECT json_build_object(
                     'total', count(*) FILTER (WHERE timeliness <> 'EXCLUDED'),
                     'notDue', count(*) FILTER (WHERE timeliness = 'NOT_DUE'),
                     'overdue', count(*) FILTER (WHERE timeliness = 'OVERDUE'),
                     'doneOnTime', count(*) FILTER (WHERE timeliness = 'DONE_ON_TIME'),
                     'doneLate', count(*) FILTER (WHERE timeliness = 'DONE_LATE'),
                     'notExecuted', count(*) FILTER (WHERE timeliness = 'NOT_EXECUTED'),
                     'refusedByAgency', count(*) FILTER (WHERE timeliness = 'REFUSED'))
              FROM t) AS measures`,
        [code, asOf],
      ),
    ]);
    return { district, register, ...curation, programmeOutcomes: programmes };
  },
};

const resourceCentres: Operation = {
  name: 'resource-centres',
  title: 'Resource centres side by side, all districts',
  query: `query ResourceCentres($asOf: Date!, $from: Date!) {
  resourceCentres {
    id headAppointed secretaryAppointed staffFilled staffVacant
    district { code name }
    agency { name }
    checklist(asOf: $asOf, from: $from, to: $asOf) {
      meetingsHeld programmesReviewed reportsDue reportsOnTime reportsWeighingChange
      programmesCorrected priorityMeasuresDue priorityMeasuresDone
    }
  }
}`,
  // Each request about another day of the last month, as different methodologists would ask: the
  // same request repeated would let a gateway that merges identical in-flight fetches answer ten
  // clients with one.
  variables: (samples, index) => ({ asOf: daysBefore(samples.asOf, index % 30), from: samples.yearStart }),
  async floor(pool, { asOf, from }) {
    const [centres, checklists] = await Promise.all([
      pool.query(
        `SELECT rc.id, rc."headAppointed", rc."secretaryAppointed", d.code, d.name, a.name AS agency,
                COALESCE(sum(s.filled), 0)::float8 AS "staffFilled", COALESCE(sum(s.vacant), 0)::float8 AS "staffVacant"
           FROM agencies."ResourceCentre" rc
           JOIN agencies."District" d ON d.code = rc."districtCode"
           JOIN agencies."Agency" a ON a.id = rc."agencyId"
           LEFT JOIN agencies."StaffPosition" s ON s."resourceCentreId" = rc.id
          GROUP BY rc.id, d.code, d.name, a.name`,
      ),
      // The checklist's read model (the `checklist_read_model` migration): totals of whole months
      // and of the days at the period's edges, programmes whose previous review is before the
      // period, less the facts not yet settled on the day.
      pool.query(
        `WITH months AS (
           SELECT m."from", greatest(date_trunc('month', $1::date + 1)::date, m."from") AS "until"
             FROM (SELECT CASE WHEN $2::date = date_trunc('month', $2::date) THEN $2::date
                               ELSE (date_trunc('month', $2::date) + interval '1 month')::date END AS "from") m
         ), totals AS (
           SELECT t.* FROM programmes."ChecklistTotal" t, months
            WHERE t.span = 'MONTH' AND t."startsOn" >= months."from" AND t."startsOn" < months."until"
           UNION ALL
           SELECT t.* FROM programmes."ChecklistTotal" t, months
            WHERE t.span = 'DAY' AND t."startsOn" >= $2::date AND t."startsOn" < months."from" AND t."startsOn" <= $1::date
           UNION ALL
           SELECT t.* FROM programmes."ChecklistTotal" t, months
            WHERE t.span = 'DAY' AND t."startsOn" >= months."until" AND t."startsOn" <= $1::date
         ), settled AS (
           SELECT "resourceCentreId" AS id, sum("meetingsHeld")::int AS held, sum("programmesReviewed")::int AS reviewed,
                  sum("programmesCorrected")::int AS corrected, sum("reportsDue")::int AS due,
                  sum("reportsOnTime")::int AS "onTime", sum("reportsWeighingChange")::int AS weighing,
                  sum("priorityMeasuresDue")::int AS "priorityDue", sum("priorityMeasuresDone")::int AS "priorityDone"
             FROM totals GROUP BY 1
         ), reviewed_before AS (
           SELECT "resourceCentreId" AS id, count(*) FILTER (WHERE kind = 'REVIEW')::int AS reviewed,
                  count(*) FILTER (WHERE kind = 'CORRECTION')::int AS corrected
             FROM programmes."ChecklistFact"
            WHERE "eventOn" BETWEEN $2::date AND $1::date AND "previousOn" < $2::date GROUP BY 1
         ), not_yet AS (
           SELECT "resourceCentreId" AS id, kind,
                  count(*) FILTER (WHERE programmes.checklist_counts("countsFrom", "doneOn", "failedOn", "excludedOn", 'infinity'))
                  - count(*) FILTER (WHERE programmes.checklist_counts("countsFrom", "doneOn", "failedOn", "excludedOn", $1::date)) AS counted,
                  count(*) FILTER (WHERE "doneOn" IS NOT NULL AND programmes.checklist_counts("countsFrom", "doneOn", "failedOn", "excludedOn", 'infinity'))
                  - count(*) FILTER (WHERE "doneOn" <= $1::date AND programmes.checklist_counts("countsFrom", "doneOn", "failedOn", "excludedOn", $1::date)) AS done
             FROM programmes."ChecklistFact"
            WHERE "settledOn" > $1::date AND "eventOn" BETWEEN $2::date AND $1::date GROUP BY 1, 2
         ), unsettled AS (
           SELECT id, sum(counted) FILTER (WHERE kind = 'REPORT_DUE')::int AS due,
                  sum(done) FILTER (WHERE kind = 'REPORT_DUE')::int AS "onTime",
                  sum(counted) FILTER (WHERE kind = 'REPORT_ASSESSED')::int AS weighing,
                  sum(counted) FILTER (WHERE kind = 'PRIORITY_MEASURE')::int AS "priorityDue",
                  sum(done) FILTER (WHERE kind = 'PRIORITY_MEASURE')::int AS "priorityDone"
             FROM not_yet GROUP BY 1
         )
         SELECT s.id, s.held AS "meetingsHeld", s.reviewed + COALESCE(b.reviewed, 0) AS "programmesReviewed",
                s.due - COALESCE(n.due, 0) AS "reportsDue", s."onTime" - COALESCE(n."onTime", 0) AS "reportsOnTime",
                s.weighing - COALESCE(n.weighing, 0) AS "reportsWeighingChange",
                s.corrected + COALESCE(b.corrected, 0) AS "programmesCorrected",
                s."priorityDue" - COALESCE(n."priorityDue", 0) AS "priorityMeasuresDue",
                s."priorityDone" - COALESCE(n."priorityDone", 0) AS "priorityMeasuresDone"
           FROM settled s LEFT JOIN reviewed_before b USING (id) LEFT JOIN unsettled n USING (id)`,
        [asOf, from],
      ),
    ]);
    const byCentre = new Map(checklists.rows.map((row) => [row.id, row]));
    return centres.rows.map((centre) => ({ ...centre, checklist: byCentre.get(centre.id) ?? null }));
  },
};

const familyPage: Operation = {
  name: 'family-page',
  title: 'A family’s page',
  query: `query FamilyPage($id: ID!, $asOf: Date!) {
  family(id: $id) {
    id address composition
    socialPassport { adults children housing incomeLevel riskFactors }
    minors { id fullName birthDate age(on: $asOf) }
    currentRegistration(asOf: $asOf) { id openedOn grounds resolution { number date } }
    currentCurator(asOf: $asOf) { id fullName position agency { id name kind } }
    visits { visitedOn kind }
    programmes {
      id number periodFrom periodTo status
      measures { title status deadline agency { id name } }
    }
  }
}`,
  variables: (samples, index) => ({ id: at(samples.families, index), asOf: samples.asOf }),
  async floor(pool, { id, asOf }) {
    const [family, curation, programmes] = await Promise.all([
      one(
        pool,
        `SELECT f.id, f.address, f.composition,
                json_build_object('adults', s.adults, 'children', s.children, 'housing', s.housing,
                                  'incomeLevel', s."incomeLevel", 'riskFactors', s."riskFactors") AS "socialPassport",
                (SELECT json_agg(json_build_object('id', m.id,
                          'fullName', concat_ws(' ', m."lastName", m."firstName", m.patronymic),
                          'birthDate', m."birthDate", 'age', date_part('year', age($2::date, m."birthDate")))
                          ORDER BY m."birthDate", m.id)
                   FROM registry."Minor" m WHERE m."familyId" = f.id) AS minors,
                (SELECT json_build_object('id', r.id, 'openedOn', r."openedOn", 'grounds', r.grounds,
                          'resolution', json_build_object('number', r."resolutionNumber", 'date', r."resolutionDate"))
                   FROM registry."Registration" r
                  WHERE r."familyId" = f.id AND r."openedOn" <= $2::date AND (r."closedOn" IS NULL OR r."closedOn" > $2::date)
                  ORDER BY r."openedOn" DESC LIMIT 1) AS "currentRegistration"
           FROM registry."Family" f LEFT JOIN registry."SocialPassport" s ON s."familyId" = f.id
          WHERE f.id = $1`,
        [id, asOf],
      ),
      one(
        pool,
        `SELECT (SELECT json_build_object('id', c.id, 'fullName', c."fullName", 'position', c.position, 'agencyId', c."agencyId")
                   FROM curation."CuratorAssignment" a JOIN curation."Curator" c ON c.id = a."curatorId"
                  WHERE a."familyId" = $1 AND a."startedOn" <= $2::date AND (a."endedOn" IS NULL OR a."endedOn" > $2::date)
                  ORDER BY a."startedOn" DESC LIMIT 1) AS "currentCurator",
                (SELECT json_agg(json_build_object('visitedOn', v."visitedOn", 'kind', v.kind) ORDER BY v."visitedOn" DESC, v.id DESC)
                   FROM curation."Visit" v WHERE v."familyId" = $1) AS visits`,
        [id, asOf],
      ),
      one(
        pool,
        `SELECT json_agg(json_build_object('id', p.id, 'number', p.number, 'periodFrom', p."periodFrom",
                  'periodTo', p."periodTo", 'status', p.status,
                  'measures', (SELECT json_agg(json_build_object('title', m.title, 'status', m.status,
                                      'deadline', m.deadline, 'agencyId', m."agencyId") ORDER BY m.deadline, m.id)
                                 FROM programmes."Measure" m WHERE m."programmeId" = p.id))
                  ORDER BY p."periodFrom" DESC) AS programmes
           FROM programmes."Programme" p WHERE p."familyId" = $1`,
        [id],
      ),
    ]);
    // As the gateway does: the agencies named by the other answers, in one query to their owner.
    const agencyIds = new Set<string>();
    if (curation.currentCurator) agencyIds.add(curation.currentCurator.agencyId);
    for (const programme of programmes.programmes ?? []) {
      for (const measure of programme.measures ?? []) agencyIds.add(measure.agencyId);
    }
    const agencies = await pool.query(
      'SELECT id, name, kind FROM agencies."Agency" WHERE id = ANY($1::uuid[])',
      [[...agencyIds]],
    );
    return { ...family, ...curation, ...programmes, agencies: agencies.rows };
  },
};

const curatorWards: Operation = {
  name: 'curator-wards',
  title: 'A curator’s wards with their overdue visits',
  subgraph: 'curation',
  query: `query CuratorWards($id: ID!, $asOf: Date!) {
  curator(id: $id) {
    id fullName position
    assignments(activeOn: $asOf) {
      id startedOn family { id }
      lastHomeVisitOn(asOf: $asOf) homeVisitDueBy(asOf: $asOf) overdue(asOf: $asOf)
    }
  }
}`,
  variables: (samples, index) => ({ id: at(samples.curators, index), asOf: samples.asOf }),
  floor: (pool, { id, asOf }) =>
    one(
      pool,
      `SELECT c.id, c."fullName", c.position,
              (SELECT json_agg(json_build_object('id', a.id, 'startedOn', a."startedOn", 'familyId', a."familyId",
                        'lastHomeVisitOn', last.on, 'homeVisitDueBy', ${dueBy}, 'overdue', ${dueBy} < $2::date)
                        ORDER BY a."startedOn" DESC, a.id DESC)
                 FROM curation."CuratorAssignment" a ${lastHomeVisit('$2::date')}
                WHERE a."curatorId" = c.id AND a."startedOn" <= $2::date
                  AND (a."endedOn" IS NULL OR a."endedOn" > $2::date)) AS assignments
         FROM curation."Curator" c WHERE c.id = $1`,
      [id, asOf],
    ),
};

const recordVisit: Operation = {
  name: 'record-visit',
  title: 'Recording a visit (mutation)',
  subgraph: 'curation',
  query: `mutation RecordVisit($input: RecordVisitInput!) {
  recordVisit(input: $input) { id visitedOn kind }
}`,
  variables: (samples, index) => {
    const assignment = at(samples.assignments, index);
    return {
      input: {
        assignmentId: assignment.id,
        curatorId: assignment.curatorId,
        visitedOn: assignment.visitDays[index % assignment.visitDays.length],
        kind: 'HOME',
        discussed: 'Профилактическая беседа; проверены условия проживания.',
      },
    };
  },
  floor: (pool, { input }) => {
    const { assignmentId, curatorId, visitedOn, kind, discussed } = input as Record<string, string>;
    return one(
      pool,
      `INSERT INTO curation."Visit" (id, "assignmentId", "curatorId", "familyId", "visitedOn", kind,
                                     "participatingAgencyIds", discussed)
       SELECT gen_random_uuid(), a.id, a."curatorId", a."familyId", $3::date, $4::curation."VisitKind", '{}', $5
         FROM curation."CuratorAssignment" a
        WHERE a.id = $1 AND a."curatorId" = $2 AND a."startedOn" <= $3::date
          AND (a."endedOn" IS NULL OR a."endedOn" > $3::date)
       RETURNING id, "visitedOn", kind`,
      [assignmentId, curatorId, visitedOn, kind, discussed],
    );
  },
};

export const operations: Operation[] = [
  districtOverview,
  resourceCentres,
  familyPage,
  curatorWards,
  recordVisit,
];

export function operationNamed(name: string): Operation {
  const operation = operations.find((candidate) => candidate.name === name);
  if (!operation) throw new Error(`no operation ${name}`);
  return operation;
}
