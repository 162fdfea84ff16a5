-- CreateEnum
CREATE TYPE "ProgrammeStatus" AS ENUM ('DRAFT', 'APPROVED', 'UNDER_REVIEW', 'COMPLETED');

-- CreateEnum
CREATE TYPE "MeasureCategory" AS ENUM ('SOCIAL', 'PSYCHOLOGICAL', 'EDUCATIONAL', 'MEDICAL', 'LEGAL', 'LEISURE_SPORT', 'EMPLOYMENT', 'SOCIAL_SUPPORT_BENEFITS', 'OTHER');

-- CreateEnum
CREATE TYPE "MeasureStatus" AS ENUM ('PLANNED', 'IN_PROGRESS', 'DONE', 'NOT_EXECUTED', 'REFUSED_BY_AGENCY');

-- CreateEnum
CREATE TYPE "ChangeKind" AS ENUM ('PRIORITY_CHANGED', 'MEASURE_EXCLUDED', 'MEASURE_ADDED', 'AGENCY_INVOLVED');

-- CreateEnum
CREATE TYPE "ChangeDecision" AS ENUM ('PROPOSED', 'ACCEPTED', 'REJECTED');

-- CreateEnum
CREATE TYPE "ReportKind" AS ENUM ('INTERIM', 'FINAL');

-- CreateEnum
CREATE TYPE "SituationAssessment" AS ENUM ('IMPROVED', 'UNCHANGED', 'WORSENED');

-- CreateEnum
CREATE TYPE "LifeArea" AS ENUM ('FAMILY_RELATIONS', 'CHILD_CARE', 'EDUCATION', 'HEALTH', 'EMPLOYMENT', 'HOUSING', 'LEISURE', 'LAW_ABIDANCE');

-- CreateTable
CREATE TABLE "Programme" (
    "id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "registrationId" UUID NOT NULL,
    "familyId" UUID NOT NULL,
    "districtCode" TEXT NOT NULL,
    "resourceCentreId" UUID NOT NULL,
    "curatorId" UUID NOT NULL,
    "periodFrom" DATE NOT NULL,
    "periodTo" DATE NOT NULL,
    "status" "ProgrammeStatus" NOT NULL DEFAULT 'DRAFT',
    "approvedAtId" UUID,
    "completedOn" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Programme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgrammeGoal" (
    "id" UUID NOT NULL,
    "programmeId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "indicator" TEXT NOT NULL,
    "targetDate" DATE NOT NULL,
    "ordinal" INTEGER NOT NULL,

    CONSTRAINT "ProgrammeGoal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Measure" (
    "id" UUID NOT NULL,
    "programmeId" UUID NOT NULL,
    "goalId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "category" "MeasureCategory" NOT NULL,
    "agencyId" UUID NOT NULL,
    "deadline" DATE NOT NULL,
    "priority" BOOLEAN NOT NULL DEFAULT false,
    "status" "MeasureStatus" NOT NULL DEFAULT 'PLANNED',
    "executedOn" DATE,
    "executionReport" TEXT,
    "failedOn" DATE,
    "failureReason" TEXT,
    "excludedOn" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Measure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgrammeChange" (
    "id" UUID NOT NULL,
    "programmeId" UUID NOT NULL,
    "kind" "ChangeKind" NOT NULL,
    "measureId" UUID,
    "priority" BOOLEAN,
    "goalId" UUID,
    "agencyId" UUID,
    "measureTitle" TEXT,
    "measureCategory" "MeasureCategory",
    "measureDeadline" DATE,
    "proposedById" UUID NOT NULL,
    "proposedOn" DATE NOT NULL,
    "rationale" TEXT NOT NULL,
    "meetingId" UUID,
    "decision" "ChangeDecision" NOT NULL DEFAULT 'PROPOSED',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgrammeChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkingGroupMeeting" (
    "id" UUID NOT NULL,
    "districtCode" TEXT NOT NULL,
    "resourceCentreId" UUID NOT NULL,
    "heldOn" DATE NOT NULL,
    "protocolNumber" TEXT NOT NULL,
    "attendingAgencyIds" UUID[],
    "decisions" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkingGroupMeeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingReview" (
    "meetingId" UUID NOT NULL,
    "programmeId" UUID NOT NULL,
    "familyInvited" BOOLEAN NOT NULL,
    "familyAttended" BOOLEAN NOT NULL,
    "outcome" TEXT,

    CONSTRAINT "MeetingReview_pkey" PRIMARY KEY ("meetingId","programmeId")
);

-- CreateTable
CREATE TABLE "ProgressReport" (
    "id" UUID NOT NULL,
    "programmeId" UUID NOT NULL,
    "kind" "ReportKind" NOT NULL,
    "dueOn" DATE NOT NULL,
    "submittedOn" DATE,
    "curatorId" UUID,
    "overallAssessment" "SituationAssessment",
    "summary" TEXT,
    "proposals" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgressReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AreaAssessment" (
    "reportId" UUID NOT NULL,
    "area" "LifeArea" NOT NULL,
    "assessment" "SituationAssessment" NOT NULL,

    CONSTRAINT "AreaAssessment_pkey" PRIMARY KEY ("reportId","area")
);

-- CreateIndex
CREATE INDEX "Programme_familyId_idx" ON "Programme"("familyId");

-- CreateIndex
CREATE INDEX "Programme_registrationId_idx" ON "Programme"("registrationId");

-- CreateIndex
CREATE INDEX "Programme_curatorId_idx" ON "Programme"("curatorId");

-- CreateIndex
CREATE INDEX "Programme_districtCode_periodFrom_periodTo_idx" ON "Programme"("districtCode", "periodFrom", "periodTo");

-- CreateIndex
CREATE INDEX "Programme_resourceCentreId_idx" ON "Programme"("resourceCentreId");

-- CreateIndex
CREATE UNIQUE INDEX "Programme_districtCode_number_key" ON "Programme"("districtCode", "number");

-- CreateIndex
CREATE INDEX "ProgrammeGoal_programmeId_idx" ON "ProgrammeGoal"("programmeId");

-- CreateIndex
CREATE INDEX "Measure_programmeId_idx" ON "Measure"("programmeId");

-- CreateIndex
CREATE INDEX "Measure_goalId_idx" ON "Measure"("goalId");

-- CreateIndex
CREATE INDEX "Measure_agencyId_status_idx" ON "Measure"("agencyId", "status");

-- CreateIndex
CREATE INDEX "ProgrammeChange_programmeId_idx" ON "ProgrammeChange"("programmeId");

-- CreateIndex
CREATE INDEX "ProgrammeChange_measureId_idx" ON "ProgrammeChange"("measureId");

-- CreateIndex
CREATE INDEX "ProgrammeChange_meetingId_idx" ON "ProgrammeChange"("meetingId");

-- CreateIndex
CREATE INDEX "WorkingGroupMeeting_resourceCentreId_heldOn_idx" ON "WorkingGroupMeeting"("resourceCentreId", "heldOn");

-- CreateIndex
CREATE INDEX "WorkingGroupMeeting_districtCode_heldOn_idx" ON "WorkingGroupMeeting"("districtCode", "heldOn");

-- CreateIndex
CREATE UNIQUE INDEX "WorkingGroupMeeting_resourceCentreId_protocolNumber_key" ON "WorkingGroupMeeting"("resourceCentreId", "protocolNumber");

-- CreateIndex
CREATE INDEX "MeetingReview_programmeId_idx" ON "MeetingReview"("programmeId");

-- CreateIndex
CREATE INDEX "ProgressReport_programmeId_dueOn_idx" ON "ProgressReport"("programmeId", "dueOn");

-- AddForeignKey
ALTER TABLE "Programme" ADD CONSTRAINT "Programme_approvedAtId_fkey" FOREIGN KEY ("approvedAtId") REFERENCES "WorkingGroupMeeting"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeGoal" ADD CONSTRAINT "ProgrammeGoal_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Measure" ADD CONSTRAINT "Measure_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Measure" ADD CONSTRAINT "Measure_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "ProgrammeGoal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeChange" ADD CONSTRAINT "ProgrammeChange_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeChange" ADD CONSTRAINT "ProgrammeChange_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeChange" ADD CONSTRAINT "ProgrammeChange_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "ProgrammeGoal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeChange" ADD CONSTRAINT "ProgrammeChange_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "WorkingGroupMeeting"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingReview" ADD CONSTRAINT "MeetingReview_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "WorkingGroupMeeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingReview" ADD CONSTRAINT "MeetingReview_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AreaAssessment" ADD CONSTRAINT "AreaAssessment_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ProgressReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;
