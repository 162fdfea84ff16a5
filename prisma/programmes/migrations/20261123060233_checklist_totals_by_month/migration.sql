-- DropIndex
DROP INDEX "ChecklistFact_resourceCentreId_idx";

-- CreateIndex
CREATE INDEX "ChecklistFact_resourceCentreId_eventOn_idx" ON "ChecklistFact"("resourceCentreId", "eventOn");

-- The settled totals of the facts of some centres dated in [first, last]: one row per centre and
-- day, and per centre and month. The one definition of the totals, for a whole centre's rebuild and
-- for a commit's rebuild of the months it touched. Plain SQL without SET, so that the planner
-- inlines it into each caller and reaches the facts through their (centre, day) index.
CREATE FUNCTION "checklist_sums"(centres UUID[], first DATE, last DATE)
  RETURNS SETOF "ChecklistTotal" LANGUAGE sql STABLE AS $$
  SELECT f."resourceCentreId", s.span, s."startsOn",
         count(*) FILTER (WHERE f.kind = 'MEETING')::int,
         count(*) FILTER (WHERE f.kind = 'REVIEW' AND f."previousOn" IS NULL)::int,
         count(*) FILTER (WHERE f.kind = 'CORRECTION' AND f."previousOn" IS NULL)::int,
         count(*) FILTER (WHERE f.kind = 'REPORT_DUE' AND settled.counts)::int,
         count(*) FILTER (WHERE f.kind = 'REPORT_DUE' AND settled.counts AND f."doneOn" IS NOT NULL)::int,
         count(*) FILTER (WHERE f.kind = 'REPORT_ASSESSED' AND settled.counts)::int,
         count(*) FILTER (WHERE f.kind = 'PRIORITY_MEASURE' AND settled.counts)::int,
         count(*) FILTER (WHERE f.kind = 'PRIORITY_MEASURE' AND settled.counts AND f."doneOn" IS NOT NULL)::int
    FROM "ChecklistFact" f
   CROSS JOIN LATERAL (SELECT "checklist_counts"(f."countsFrom", f."doneOn", f."failedOn", f."excludedOn", 'infinity') AS counts) settled
   CROSS JOIN LATERAL (VALUES ('DAY'::"ChecklistSpan", f."eventOn"), ('MONTH', date_trunc('month', f."eventOn")::date)) s(span, "startsOn")
   WHERE f."resourceCentreId" = ANY(centres) AND f."eventOn" BETWEEN first AND last
   GROUP BY 1, 2, 3
$$;

-- Rebuilds the settled totals of whole centres from their facts (the bulk rebuild).
CREATE OR REPLACE FUNCTION "checklist_totals"(centres UUID[]) RETURNS void LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  DELETE FROM "ChecklistTotal" WHERE "resourceCentreId" = ANY(centres);
  INSERT INTO "ChecklistTotal" SELECT * FROM "checklist_sums"(centres, '-infinity', 'infinity');
END;
$$;

-- Rebuilds the settled totals (its days' and its own) of each month that holds one of the days,
-- for the centre paired with the day (`centres[i]` with `days[i]`): all that a rebuild of facts
-- dated on those days can change.
CREATE FUNCTION "checklist_month_totals"(centres UUID[], days DATE[]) RETURNS void LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  DELETE FROM "ChecklistTotal" t
   USING (SELECT DISTINCT centre, date_trunc('month', day)::date AS month FROM unnest(centres, days) AS d(centre, day)) m
   WHERE t."resourceCentreId" = m.centre
     AND t."startsOn" >= m.month AND t."startsOn" < (m.month + interval '1 month')::date;
  INSERT INTO "ChecklistTotal"
  SELECT t.*
    FROM (SELECT DISTINCT centre, date_trunc('month', day)::date AS month FROM unnest(centres, days) AS d(centre, day)) m
   CROSS JOIN LATERAL "checklist_sums"(ARRAY[m.centre], m.month, (m.month + interval '1 month')::date - 1) t;
END;
$$;

-- As in `checklist_read_model`, but the totals rebuilt are those of the months the old and the new
-- facts fall in, not the centres' whole history: 52–60 ms a commit at national size before.
CREATE OR REPLACE FUNCTION "checklist_refresh_stale"() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  programmes UUID[];
  meetings UUID[];
  centres UUID[];
  touched_centres UUID[];
  touched_days DATE[];
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
  WITH gone AS (
    DELETE FROM "ChecklistFact"
     WHERE "programmeId" = ANY(programmes) OR (kind = 'MEETING' AND "sourceId" = ANY(meetings))
    RETURNING "resourceCentreId", "eventOn"
  ), added AS (
    INSERT INTO "ChecklistFact" ("resourceCentreId", kind, "sourceId", "programmeId", "eventOn", "previousOn", "countsFrom", "doneOn", "failedOn", "excludedOn", "settledOn")
    SELECT "resourceCentreId", kind, "sourceId", "programmeId", "eventOn", "previousOn", "countsFrom", "doneOn", "failedOn", "excludedOn", "settledOn"
      FROM "checklist_facts"(programmes, meetings)
    RETURNING "resourceCentreId", "eventOn"
  )
  SELECT array_agg(centre), array_agg(day) INTO touched_centres, touched_days
    FROM (SELECT * FROM gone UNION SELECT * FROM added) AS touched(centre, day);
  PERFORM "checklist_month_totals"(touched_centres, touched_days);
  RETURN NULL;
END;
$$;
