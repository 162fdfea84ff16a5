-- CreateEnum
CREATE TYPE "ChecklistFactKind" AS ENUM ('MEETING', 'REVIEW', 'CORRECTION', 'REPORT_DUE', 'REPORT_ASSESSED', 'PRIORITY_MEASURE');

-- CreateEnum
CREATE TYPE "ChecklistSpan" AS ENUM ('DAY', 'MONTH');

-- CreateTable
CREATE TABLE "ChecklistFact" (
    "id" BIGSERIAL NOT NULL,
    "resourceCentreId" UUID NOT NULL,
    "kind" "ChecklistFactKind" NOT NULL,
    "sourceId" UUID NOT NULL,
    "eventOn" DATE NOT NULL,
    "previousOn" DATE,
    "countsFrom" DATE,
    "doneOn" DATE,
    "failedOn" DATE,
    "excludedOn" DATE,
    "settledOn" DATE,

    CONSTRAINT "ChecklistFact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChecklistTotal" (
    "resourceCentreId" UUID NOT NULL,
    "span" "ChecklistSpan" NOT NULL,
    "startsOn" DATE NOT NULL,
    "meetingsHeld" INTEGER NOT NULL,
    "programmesReviewed" INTEGER NOT NULL,
    "programmesCorrected" INTEGER NOT NULL,
    "reportsDue" INTEGER NOT NULL,
    "reportsOnTime" INTEGER NOT NULL,
    "reportsWeighingChange" INTEGER NOT NULL,
    "priorityMeasuresDue" INTEGER NOT NULL,
    "priorityMeasuresDone" INTEGER NOT NULL,

    CONSTRAINT "ChecklistTotal_pkey" PRIMARY KEY ("resourceCentreId","span","startsOn")
);

-- CreateTable
CREATE TABLE "ChecklistStale" (
    "resourceCentreId" UUID NOT NULL,
    "transactionId" BIGINT NOT NULL,

    CONSTRAINT "ChecklistStale_pkey" PRIMARY KEY ("resourceCentreId","transactionId")
);

-- CreateIndex
CREATE INDEX "ChecklistFact_resourceCentreId_idx" ON "ChecklistFact"("resourceCentreId");

-- CreateIndex
CREATE INDEX "ChecklistFact_settledOn_eventOn_idx" ON "ChecklistFact"("settledOn", "eventOn");

-- CreateIndex
CREATE INDEX "ChecklistTotal_period_idx" ON "ChecklistTotal"("span", "startsOn", "resourceCentreId", "meetingsHeld", "programmesReviewed", "programmesCorrected", "reportsDue", "reportsOnTime", "reportsWeighingChange", "priorityMeasuresDue", "priorityMeasuresDone");

-- CreateIndex
CREATE INDEX "ChecklistFact_eventOn_previousOn_idx" ON "ChecklistFact"("eventOn", "previousOn");

-- The fact's count at the end of `asOf` ('infinity': for good): from the day it starts to count,
-- unless excluded by then while neither done nor failed (the EXCLUDED timeliness, rules/timeliness.ts).
CREATE FUNCTION "checklist_counts"("countsFrom" DATE, "doneOn" DATE, "failedOn" DATE, "excludedOn" DATE, "asOf" DATE)
  RETURNS BOOLEAN LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT COALESCE("countsFrom" <= "asOf", false)
     AND NOT COALESCE("excludedOn" <= "asOf"
                      AND NOT COALESCE("doneOn" <= "asOf", false)
                      AND NOT COALESCE("failedOn" <= "asOf", false), false)
$$;

-- The day a programme was first approved. A programme records only its last approval, so for one
-- changed since (then approved again) it is the first meeting that reviewed it with the family
-- invited before the first change was proposed, as approval requires (clause 2.1). history.ts
-- dates a programme's status on a day with it, and the checklist's facts their counting. A set of
-- one row, to be joined laterally: the planner inlines such a function into the query (a scalar one
-- holding a subquery it would call row by row, which doubled a district overview's time).
CREATE FUNCTION "programme_first_approval"(programme_id UUID, last_approved_on DATE)
  RETURNS TABLE ("approvedOn" DATE) LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT COALESCE((
    SELECT min(m."heldOn")
      FROM "MeetingReview" r
      JOIN "WorkingGroupMeeting" m ON m.id = r."meetingId"
     WHERE r."programmeId" = programme_id
       AND r."familyInvited"
       AND m."heldOn" <= (SELECT min(c."proposedOn") FROM "ProgrammeChange" c WHERE c."programmeId" = programme_id)
  ), last_approved_on)
$$;

-- Rebuilds the facts and totals of the centres from the rows they derive from. A programme counts
-- from the day it is no draft (services/programmes/src/history.ts: its first approval, or its
-- completion once its period began), a measure from then or from the meeting that accepted the
-- change including it, whichever is later.
CREATE FUNCTION "checklist_refresh"(centres UUID[]) RETURNS void LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  DELETE FROM "ChecklistFact" WHERE "resourceCentreId" = ANY(centres);
  DELETE FROM "ChecklistTotal" WHERE "resourceCentreId" = ANY(centres);

  INSERT INTO "ChecklistFact" ("resourceCentreId", kind, "sourceId", "eventOn", "previousOn", "countsFrom", "doneOn", "failedOn", "excludedOn", "settledOn")
  WITH programme AS (
    SELECT p.id, p."resourceCentreId",
           least(approval."approvedOn",
                 CASE WHEN p."completedOn" IS NOT NULL THEN greatest(p."completedOn", p."periodFrom") END) AS "countsFrom"
      FROM "Programme" p
      LEFT JOIN "WorkingGroupMeeting" approved ON approved.id = p."approvedAtId"
     CROSS JOIN LATERAL "programme_first_approval"(p.id, approved."heldOn") approval
     WHERE p."resourceCentreId" = ANY(centres)
  ), fact AS (
    SELECT p."resourceCentreId", 'REPORT_DUE'::"ChecklistFactKind" AS kind, r.id AS "sourceId", r."dueOn" AS "eventOn",
           NULL::date AS "previousOn", p."countsFrom",
           CASE WHEN r."submittedOn" <= r."dueOn" THEN r."submittedOn" END AS "doneOn",
           NULL::date AS "failedOn", NULL::date AS "excludedOn"
      FROM "ProgressReport" r JOIN programme p ON p.id = r."programmeId"
    UNION ALL
    SELECT p."resourceCentreId", 'REPORT_ASSESSED', r.id, r."submittedOn", NULL, p."countsFrom", NULL, NULL, NULL
      FROM "ProgressReport" r JOIN programme p ON p.id = r."programmeId"
     WHERE r."submittedOn" IS NOT NULL AND EXISTS (SELECT 1 FROM "AreaAssessment" a WHERE a."reportId" = r.id)
    UNION ALL
    SELECT p."resourceCentreId", 'PRIORITY_MEASURE', m.id, m.deadline, NULL,
           CASE WHEN p."countsFrom" IS NOT NULL THEN greatest(p."countsFrom", (
             SELECT max(decided."heldOn")
               FROM "ProgrammeChange" c
               JOIN "WorkingGroupMeeting" decided ON decided.id = c."meetingId"
              WHERE c."measureId" = m.id AND c.kind IN ('MEASURE_ADDED', 'AGENCY_INVOLVED'))) END,
           m."executedOn", m."failedOn", m."excludedOn"
      FROM "Measure" m JOIN programme p ON p.id = m."programmeId"
     WHERE m.priority
    UNION ALL
    SELECT w."resourceCentreId", 'MEETING', w.id, w."heldOn", NULL, '-infinity', NULL, NULL, NULL
      FROM "WorkingGroupMeeting" w
     WHERE w."resourceCentreId" = ANY(centres)
    UNION ALL
    SELECT w."resourceCentreId", 'REVIEW', r."programmeId", w."heldOn",
           lag(w."heldOn") OVER (PARTITION BY w."resourceCentreId", r."programmeId" ORDER BY w."heldOn", w.id),
           '-infinity', NULL, NULL, NULL
      FROM "MeetingReview" r JOIN "WorkingGroupMeeting" w ON w.id = r."meetingId"
     WHERE w."resourceCentreId" = ANY(centres)
    UNION ALL
    SELECT w."resourceCentreId", 'CORRECTION', c."programmeId", w."heldOn",
           lag(w."heldOn") OVER (PARTITION BY w."resourceCentreId", c."programmeId" ORDER BY w."heldOn", w.id, c.id),
           '-infinity', NULL, NULL, NULL
      FROM "ProgrammeChange" c JOIN "WorkingGroupMeeting" w ON w.id = c."meetingId"
     WHERE c.decision = 'ACCEPTED' AND w."resourceCentreId" = ANY(centres)
  )
  SELECT f.*, CASE WHEN f."countsFrom" IS NOT NULL THEN greatest(f."countsFrom", f."doneOn", f."failedOn", f."excludedOn") END
    FROM fact f;

  INSERT INTO "ChecklistTotal"
  SELECT f."resourceCentreId", s.span, s."startsOn",
         count(*) FILTER (WHERE f.kind = 'MEETING'),
         count(*) FILTER (WHERE f.kind = 'REVIEW' AND f."previousOn" IS NULL),
         count(*) FILTER (WHERE f.kind = 'CORRECTION' AND f."previousOn" IS NULL),
         count(*) FILTER (WHERE f.kind = 'REPORT_DUE' AND settled.counts),
         count(*) FILTER (WHERE f.kind = 'REPORT_DUE' AND settled.counts AND f."doneOn" IS NOT NULL),
         count(*) FILTER (WHERE f.kind = 'REPORT_ASSESSED' AND settled.counts),
         count(*) FILTER (WHERE f.kind = 'PRIORITY_MEASURE' AND settled.counts),
         count(*) FILTER (WHERE f.kind = 'PRIORITY_MEASURE' AND settled.counts AND f."doneOn" IS NOT NULL)
    FROM "ChecklistFact" f
   CROSS JOIN LATERAL (SELECT "checklist_counts"(f."countsFrom", f."doneOn", f."failedOn", f."excludedOn", 'infinity') AS counts) settled
   CROSS JOIN LATERAL (VALUES ('DAY'::"ChecklistSpan", f."eventOn"), ('MONTH', date_trunc('month', f."eventOn")::date)) s(span, "startsOn")
   WHERE f."resourceCentreId" = ANY(centres)
   GROUP BY 1, 2, 3;
END;
$$;

-- Every write to a row the facts derive from marks the centres it touches as stale in its
-- transaction, once per centre.
CREATE FUNCTION "checklist_mark_stale"() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  old_row JSONB := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  new_row JSONB := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
  centres UUID[] := '{}';
  programmes UUID[] := '{}';
  meetings UUID[] := '{}';
BEGIN
  CASE TG_TABLE_NAME
    WHEN 'Programme' THEN
      centres := ARRAY[(old_row->>'resourceCentreId')::uuid, (new_row->>'resourceCentreId')::uuid];
    WHEN 'WorkingGroupMeeting' THEN
      centres := ARRAY[(old_row->>'resourceCentreId')::uuid, (new_row->>'resourceCentreId')::uuid];
      -- The meeting's day dates the approvals, reviews and decisions held at it.
      programmes := ARRAY(
        SELECT id FROM "Programme" WHERE "approvedAtId" = (old_row->>'id')::uuid
        UNION SELECT "programmeId" FROM "MeetingReview" WHERE "meetingId" = (old_row->>'id')::uuid
        UNION SELECT "programmeId" FROM "ProgrammeChange" WHERE "meetingId" = (old_row->>'id')::uuid);
    WHEN 'AreaAssessment' THEN
      programmes := ARRAY(
        SELECT "programmeId" FROM "ProgressReport"
         WHERE id IN ((old_row->>'reportId')::uuid, (new_row->>'reportId')::uuid));
    ELSE
      programmes := ARRAY[(old_row->>'programmeId')::uuid, (new_row->>'programmeId')::uuid];
      meetings := ARRAY[(old_row->>'meetingId')::uuid, (new_row->>'meetingId')::uuid];
  END CASE;
  INSERT INTO "ChecklistStale" ("resourceCentreId", "transactionId")
  SELECT DISTINCT centre, txid_current()
    FROM (SELECT unnest(centres)
          UNION ALL SELECT "resourceCentreId" FROM "Programme" WHERE id = ANY(programmes)
          UNION ALL SELECT "resourceCentreId" FROM "WorkingGroupMeeting" WHERE id = ANY(meetings)) AS touched(centre)
   WHERE centre IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;

-- At commit, each stale centre is rebuilt, one transaction at a time per centre: the lock makes a
-- second writer's rebuild wait for the first one's commit and then read it.
CREATE FUNCTION "checklist_refresh_stale"() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('ChecklistFact ' || NEW."resourceCentreId"::text, 0));
  PERFORM "checklist_refresh"(ARRAY[NEW."resourceCentreId"]);
  DELETE FROM "ChecklistStale" WHERE "resourceCentreId" = NEW."resourceCentreId" AND "transactionId" = NEW."transactionId";
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER "ChecklistStale_refresh" AFTER INSERT ON "ChecklistStale"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "checklist_refresh_stale"();

CREATE TRIGGER "Programme_checklist" AFTER INSERT OR UPDATE OR DELETE ON "Programme"
  FOR EACH ROW EXECUTE FUNCTION "checklist_mark_stale"();
CREATE TRIGGER "Measure_checklist" AFTER INSERT OR UPDATE OR DELETE ON "Measure"
  FOR EACH ROW EXECUTE FUNCTION "checklist_mark_stale"();
CREATE TRIGGER "ProgrammeChange_checklist" AFTER INSERT OR UPDATE OR DELETE ON "ProgrammeChange"
  FOR EACH ROW EXECUTE FUNCTION "checklist_mark_stale"();
CREATE TRIGGER "MeetingReview_checklist" AFTER INSERT OR UPDATE OR DELETE ON "MeetingReview"
  FOR EACH ROW EXECUTE FUNCTION "checklist_mark_stale"();
CREATE TRIGGER "ProgressReport_checklist" AFTER INSERT OR UPDATE OR DELETE ON "ProgressReport"
  FOR EACH ROW EXECUTE FUNCTION "checklist_mark_stale"();
CREATE TRIGGER "AreaAssessment_checklist" AFTER INSERT OR UPDATE OR DELETE ON "AreaAssessment"
  FOR EACH ROW EXECUTE FUNCTION "checklist_mark_stale"();
CREATE TRIGGER "WorkingGroupMeeting_checklist" AFTER INSERT OR UPDATE OR DELETE ON "WorkingGroupMeeting"
  FOR EACH ROW EXECUTE FUNCTION "checklist_mark_stale"();

-- The facts of what is already on record.
SELECT "checklist_refresh"(ARRAY(
  SELECT "resourceCentreId" FROM "Programme" UNION SELECT "resourceCentreId" FROM "WorkingGroupMeeting"));
