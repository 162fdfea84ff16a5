-- CreateEnum
CREATE TYPE "ChecklistFactKind" AS ENUM ('MEETING', 'REVIEW', 'CORRECTION', 'REPORT_DUE', 'REPORT_ASSESSED', 'PRIORITY_MEASURE');

-- CreateEnum
CREATE TYPE "ChecklistSpan" AS ENUM ('DAY', 'MONTH');

-- CreateEnum
CREATE TYPE "ChecklistSource" AS ENUM ('PROGRAMME', 'MEETING');

-- CreateTable
CREATE TABLE "ChecklistFact" (
    "id" BIGSERIAL NOT NULL,
    "resourceCentreId" UUID NOT NULL,
    "kind" "ChecklistFactKind" NOT NULL,
    "sourceId" UUID NOT NULL,
    "programmeId" UUID,
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
    "transactionId" BIGINT NOT NULL,
    "source" "ChecklistSource" NOT NULL,
    "sourceId" UUID NOT NULL,

    CONSTRAINT "ChecklistStale_pkey" PRIMARY KEY ("transactionId","source","sourceId")
);

-- CreateIndex
CREATE INDEX "ChecklistFact_resourceCentreId_idx" ON "ChecklistFact"("resourceCentreId");

-- CreateIndex
CREATE INDEX "ChecklistFact_programmeId_idx" ON "ChecklistFact"("programmeId");

-- CreateIndex
CREATE INDEX "ChecklistFact_sourceId_idx" ON "ChecklistFact"("sourceId");

-- CreateIndex
CREATE INDEX "ChecklistFact_settledOn_eventOn_idx" ON "ChecklistFact"("settledOn", "eventOn");

-- CreateIndex
CREATE INDEX "ChecklistFact_eventOn_previousOn_idx" ON "ChecklistFact"("eventOn", "previousOn");

-- CreateIndex
CREATE INDEX "ChecklistTotal_period_idx" ON "ChecklistTotal"("span", "startsOn", "resourceCentreId", "meetingsHeld", "programmesReviewed", "programmesCorrected", "reportsDue", "reportsOnTime", "reportsWeighingChange", "priorityMeasuresDue", "priorityMeasuresDone");
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

-- The facts of some programmes (their reports, priority measures, reviews and corrections) and of
-- some meetings. A programme counts from the day it is no draft (services/programmes/src/history.ts:
-- its first approval, or its completion once its period began), a measure from then or from the
-- meeting that accepted the change including it, whichever is later.
CREATE FUNCTION "checklist_facts"(programmes UUID[], meetings UUID[])
  RETURNS SETOF "ChecklistFact" LANGUAGE sql STABLE AS $$
  WITH programme AS (
    SELECT p.id, p."resourceCentreId",
           least(approval."approvedOn",
                 CASE WHEN p."completedOn" IS NOT NULL THEN greatest(p."completedOn", p."periodFrom") END) AS "countsFrom"
      FROM "Programme" p
      LEFT JOIN "WorkingGroupMeeting" approved ON approved.id = p."approvedAtId"
     CROSS JOIN LATERAL "programme_first_approval"(p.id, approved."heldOn") approval
      JOIN unnest(programmes) AS chosen(id) ON chosen.id = p.id
  ), fact AS (
    SELECT p."resourceCentreId", 'REPORT_DUE'::"ChecklistFactKind" AS kind, r.id AS "sourceId", p.id AS "programmeId",
           r."dueOn" AS "eventOn",
           NULL::date AS "previousOn", p."countsFrom",
           CASE WHEN r."submittedOn" <= r."dueOn" THEN r."submittedOn" END AS "doneOn",
           NULL::date AS "failedOn", NULL::date AS "excludedOn"
      FROM "ProgressReport" r JOIN programme p ON p.id = r."programmeId"
    UNION ALL
    SELECT p."resourceCentreId", 'REPORT_ASSESSED', r.id, p.id, r."submittedOn", NULL, p."countsFrom", NULL, NULL, NULL
      FROM "ProgressReport" r JOIN programme p ON p.id = r."programmeId"
     WHERE r."submittedOn" IS NOT NULL AND EXISTS (SELECT 1 FROM "AreaAssessment" a WHERE a."reportId" = r.id)
    UNION ALL
    SELECT p."resourceCentreId", 'PRIORITY_MEASURE', m.id, p.id, m.deadline, NULL,
           CASE WHEN p."countsFrom" IS NOT NULL THEN greatest(p."countsFrom", (
             SELECT max(decided."heldOn")
               FROM "ProgrammeChange" c
               JOIN "WorkingGroupMeeting" decided ON decided.id = c."meetingId"
              WHERE c."measureId" = m.id AND c.kind IN ('MEASURE_ADDED', 'AGENCY_INVOLVED'))) END,
           m."executedOn", m."failedOn", m."excludedOn"
      FROM "Measure" m JOIN programme p ON p.id = m."programmeId"
     WHERE m.priority
    UNION ALL
    SELECT w."resourceCentreId", 'MEETING', w.id, NULL, w."heldOn", NULL, '-infinity', NULL, NULL, NULL
      FROM "WorkingGroupMeeting" w
      JOIN unnest(meetings) AS chosen(id) ON chosen.id = w.id
    UNION ALL
    SELECT w."resourceCentreId", 'REVIEW', r."programmeId", r."programmeId", w."heldOn",
           lag(w."heldOn") OVER (PARTITION BY w."resourceCentreId", r."programmeId" ORDER BY w."heldOn", w.id),
           '-infinity', NULL, NULL, NULL
      FROM "MeetingReview" r
      JOIN unnest(programmes) AS chosen(id) ON chosen.id = r."programmeId"
      JOIN "WorkingGroupMeeting" w ON w.id = r."meetingId"
    UNION ALL
    SELECT w."resourceCentreId", 'CORRECTION', c."programmeId", c."programmeId", w."heldOn",
           lag(w."heldOn") OVER (PARTITION BY w."resourceCentreId", c."programmeId" ORDER BY w."heldOn", w.id, c.id),
           '-infinity', NULL, NULL, NULL
      FROM "ProgrammeChange" c
      JOIN unnest(programmes) AS chosen(id) ON chosen.id = c."programmeId"
      JOIN "WorkingGroupMeeting" w ON w.id = c."meetingId"
     WHERE c.decision = 'ACCEPTED'
  )
  SELECT NULL::bigint, f.*, CASE WHEN f."countsFrom" IS NOT NULL THEN greatest(f."countsFrom", f."doneOn", f."failedOn", f."excludedOn") END
    FROM fact f;
$$;

-- Rebuilds the settled totals of the centres from their facts.
CREATE FUNCTION "checklist_totals"(centres UUID[]) RETURNS void LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  DELETE FROM "ChecklistTotal" WHERE "resourceCentreId" = ANY(centres);
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

-- Rebuilds the facts and totals of whole centres: for the migration below, and for the synthetic
-- seed, whose bulk load bypasses the triggers.
CREATE FUNCTION "checklist_refresh"(centres UUID[]) RETURNS void LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  DELETE FROM "ChecklistFact" WHERE "resourceCentreId" = ANY(centres);
  INSERT INTO "ChecklistFact" ("resourceCentreId", kind, "sourceId", "programmeId", "eventOn", "previousOn", "countsFrom", "doneOn", "failedOn", "excludedOn", "settledOn")
  SELECT "resourceCentreId", kind, "sourceId", "programmeId", "eventOn", "previousOn", "countsFrom", "doneOn", "failedOn", "excludedOn", "settledOn"
    FROM "checklist_facts"(
      ARRAY(SELECT id FROM "Programme" WHERE "resourceCentreId" = ANY(centres)),
      ARRAY(SELECT id FROM "WorkingGroupMeeting" WHERE "resourceCentreId" = ANY(centres)));
  PERFORM "checklist_totals"(centres);
END;
$$;

-- Every write to a row the facts derive from marks, once per transaction, the programmes and
-- meetings whose facts it changes.
CREATE FUNCTION "checklist_mark_stale"() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  old_row JSONB := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  new_row JSONB := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
  programmes UUID[] := '{}';
  meetings UUID[] := '{}';
BEGIN
  CASE TG_TABLE_NAME
    WHEN 'Programme' THEN
      programmes := ARRAY[(COALESCE(old_row, new_row)->>'id')::uuid];
    WHEN 'WorkingGroupMeeting' THEN
      meetings := ARRAY[(COALESCE(old_row, new_row)->>'id')::uuid];
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
  END CASE;
  INSERT INTO "ChecklistStale" ("transactionId", source, "sourceId")
  SELECT txid_current(), 'PROGRAMME'::"ChecklistSource", id FROM unnest(programmes) AS id WHERE id IS NOT NULL
  UNION
  SELECT txid_current(), 'MEETING'::"ChecklistSource", id FROM unnest(meetings) AS id WHERE id IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;

-- At commit, the first stale row's trigger rebuilds the facts of every programme and meeting the
-- transaction marked, then the totals of their centres, old and new; the later rows' triggers find
-- nothing left. The centres are locked in order, so a second writer's rebuild waits for the
-- first's commit and then reads it.
CREATE FUNCTION "checklist_refresh_stale"() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  programmes UUID[];
  meetings UUID[];
  centres UUID[];
BEGIN
  WITH taken AS (
    DELETE FROM "ChecklistStale" WHERE "transactionId" = NEW."transactionId" RETURNING source, "sourceId"
  )
  SELECT COALESCE(array_agg("sourceId") FILTER (WHERE source = 'PROGRAMME'), '{}'),
         COALESCE(array_agg("sourceId") FILTER (WHERE source = 'MEETING'), '{}')
    INTO programmes, meetings
    FROM taken;
  IF cardinality(programmes) + cardinality(meetings) = 0 THEN
    RETURN NULL;
  END IF;
  centres := ARRAY(
    SELECT "resourceCentreId" FROM "ChecklistFact" WHERE "programmeId" = ANY(programmes)
    UNION SELECT "resourceCentreId" FROM "ChecklistFact" WHERE kind = 'MEETING' AND "sourceId" = ANY(meetings)
    UNION SELECT "resourceCentreId" FROM "Programme" WHERE id = ANY(programmes)
    UNION SELECT "resourceCentreId" FROM "WorkingGroupMeeting" WHERE id = ANY(meetings)
    UNION SELECT w."resourceCentreId"
            FROM "MeetingReview" r JOIN "WorkingGroupMeeting" w ON w.id = r."meetingId"
           WHERE r."programmeId" = ANY(programmes)
    UNION SELECT w."resourceCentreId"
            FROM "ProgrammeChange" c JOIN "WorkingGroupMeeting" w ON w.id = c."meetingId"
           WHERE c."programmeId" = ANY(programmes)
    ORDER BY 1);
  PERFORM pg_advisory_xact_lock(hashtextextended('ChecklistFact ' || centre::text, 0)) FROM unnest(centres) AS centre;
  DELETE FROM "ChecklistFact" WHERE "programmeId" = ANY(programmes);
  DELETE FROM "ChecklistFact" WHERE kind = 'MEETING' AND "sourceId" = ANY(meetings);
  INSERT INTO "ChecklistFact" ("resourceCentreId", kind, "sourceId", "programmeId", "eventOn", "previousOn", "countsFrom", "doneOn", "failedOn", "excludedOn", "settledOn")
  SELECT "resourceCentreId", kind, "sourceId", "programmeId", "eventOn", "previousOn", "countsFrom", "doneOn", "failedOn", "excludedOn", "settledOn"
    FROM "checklist_facts"(programmes, meetings);
  PERFORM "checklist_totals"(centres);
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
