-- CreateEnum
CREATE TYPE "AgencyKind" AS ENUM ('EDUCATION', 'POLICE_JUVENILE_UNIT', 'GUARDIANSHIP', 'SOCIAL_SERVICE_CENTRE', 'SOCIAL_PROTECTION', 'HEALTH', 'CULTURE_SPORT', 'EMPLOYMENT', 'YOUTH', 'OTHER');

-- CreateEnum
CREATE TYPE "ReplacementReason" AS ENUM ('SOCIAL_PROTECTION_PETITION', 'CURATOR_PETITION', 'WARD_REQUEST', 'PROBLEM_CHANGED', 'STAFF_CHANGE');

-- CreateEnum
CREATE TYPE "AssignmentEnd" AS ENUM ('REPLACED', 'WORK_COMPLETED');

-- CreateEnum
CREATE TYPE "VisitKind" AS ENUM ('HOME', 'INTERAGENCY', 'OTHER');

-- CreateTable
CREATE TABLE "Curator" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "agencyKind" "AgencyKind" NOT NULL,
    "districtCode" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "position" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Curator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ward" (
    "familyId" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Ward_pkey" PRIMARY KEY ("familyId")
);

-- CreateTable
CREATE TABLE "CuratorAssignment" (
    "id" UUID NOT NULL,
    "familyId" UUID NOT NULL,
    "registrationId" UUID NOT NULL,
    "curatorId" UUID NOT NULL,
    "districtCode" TEXT NOT NULL,
    "resolutionNumber" TEXT NOT NULL,
    "resolutionDate" DATE NOT NULL,
    "startedOn" DATE NOT NULL,
    "endedOn" DATE,
    "endKind" "AssignmentEnd",
    "replacementReason" "ReplacementReason",
    "endNote" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CuratorAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssignedMinor" (
    "assignmentId" UUID NOT NULL,
    "minorId" UUID NOT NULL,
    "addedOn" DATE NOT NULL,

    CONSTRAINT "AssignedMinor_pkey" PRIMARY KEY ("assignmentId","minorId")
);

-- CreateTable
CREATE TABLE "Visit" (
    "id" UUID NOT NULL,
    "assignmentId" UUID NOT NULL,
    "curatorId" UUID NOT NULL,
    "familyId" UUID NOT NULL,
    "visitedOn" DATE NOT NULL,
    "kind" "VisitKind" NOT NULL,
    "participatingAgencyIds" UUID[],
    "discussed" TEXT NOT NULL,
    "recommendations" TEXT,
    "situationNote" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Visit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Curator_agencyId_idx" ON "Curator"("agencyId");

-- CreateIndex
CREATE INDEX "Curator_districtCode_agencyKind_idx" ON "Curator"("districtCode", "agencyKind");

-- CreateIndex
CREATE INDEX "CuratorAssignment_familyId_startedOn_idx" ON "CuratorAssignment"("familyId", "startedOn");

-- CreateIndex
CREATE INDEX "CuratorAssignment_curatorId_startedOn_idx" ON "CuratorAssignment"("curatorId", "startedOn");

-- CreateIndex
CREATE INDEX "CuratorAssignment_districtCode_startedOn_endedOn_idx" ON "CuratorAssignment"("districtCode", "startedOn", "endedOn");

-- CreateIndex
CREATE INDEX "AssignedMinor_minorId_idx" ON "AssignedMinor"("minorId");

-- CreateIndex
CREATE INDEX "Visit_assignmentId_visitedOn_idx" ON "Visit"("assignmentId", "visitedOn");

-- CreateIndex
CREATE INDEX "Visit_familyId_visitedOn_idx" ON "Visit"("familyId", "visitedOn");

-- CreateIndex
CREATE INDEX "Visit_curatorId_visitedOn_idx" ON "Visit"("curatorId", "visitedOn");

-- AddForeignKey
ALTER TABLE "CuratorAssignment" ADD CONSTRAINT "CuratorAssignment_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "Ward"("familyId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CuratorAssignment" ADD CONSTRAINT "CuratorAssignment_curatorId_fkey" FOREIGN KEY ("curatorId") REFERENCES "Curator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssignedMinor" ADD CONSTRAINT "AssignedMinor_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "CuratorAssignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "CuratorAssignment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_curatorId_fkey" FOREIGN KEY ("curatorId") REFERENCES "Curator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
