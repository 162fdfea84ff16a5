-- CreateEnum
CREATE TYPE "ProgrammeEndReason" AS ENUM ('SITUATION_IMPROVED', 'MOVED_AWAY', 'CAME_OF_AGE', 'CHILDREN_PLACED_IN_CARE', 'OTHER');

-- AlterEnum
ALTER TYPE "ProgrammeStatus" ADD VALUE 'ENDED_OFF_REGISTER';

-- AlterTable
ALTER TABLE "Programme" ADD COLUMN     "endReason" "ProgrammeEndReason",
ADD COLUMN     "endResolutionDate" DATE,
ADD COLUMN     "endResolutionNumber" TEXT,
ADD COLUMN     "endedOn" DATE;

-- CreateTable
CREATE TABLE "ProgrammeCuratorTerm" (
    "programmeId" UUID NOT NULL,
    "startedOn" DATE NOT NULL,
    "curatorId" UUID NOT NULL,

    CONSTRAINT "ProgrammeCuratorTerm_pkey" PRIMARY KEY ("programmeId","startedOn")
);

-- CreateIndex
CREATE INDEX "ProgrammeCuratorTerm_curatorId_idx" ON "ProgrammeCuratorTerm"("curatorId");

-- AddForeignKey
ALTER TABLE "ProgrammeCuratorTerm" ADD CONSTRAINT "ProgrammeCuratorTerm_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Programmes drafted before curator terms were kept: their curator from their first day.
INSERT INTO "ProgrammeCuratorTerm" ("programmeId", "startedOn", "curatorId")
SELECT id, "periodFrom", "curatorId" FROM "Programme";

-- A programme ended off the register (its registration closed) no longer makes reports or priority
-- measures fall due on or after its end day: the checklist counts them as it counts measures the
-- working group excluded, from that day, unless they were done by then. Otherwise as before.
CREATE OR REPLACE FUNCTION "checklist_facts"(programmes UUID[], meetings UUID[])
  RETURNS SETOF "ChecklistFact" LANGUAGE sql STABLE AS $$
  WITH programme AS (
    SELECT p.id, p."resourceCentreId", p."endedOn",
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
           NULL::date AS "failedOn", CASE WHEN p."endedOn" <= r."dueOn" THEN p."endedOn" END AS "excludedOn"
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
           m."executedOn", m."failedOn", least(m."excludedOn", CASE WHEN p."endedOn" <= m.deadline THEN p."endedOn" END)
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
