-- AlterTable
ALTER TABLE "AssignedMinor" ADD COLUMN     "countedUntil" DATE;

-- CreateTable
CREATE TABLE "RegisterEntry" (
    "registrationId" UUID NOT NULL,
    "familyId" UUID NOT NULL,
    "districtCode" TEXT NOT NULL,
    "openedOn" DATE NOT NULL,
    "closedOn" DATE,

    CONSTRAINT "RegisterEntry_pkey" PRIMARY KEY ("registrationId")
);

-- CreateTable
CREATE TABLE "AgencyTerm" (
    "agencyId" UUID NOT NULL,
    "validFrom" DATE NOT NULL,
    "kind" "AgencyKind" NOT NULL,
    "districtCode" TEXT NOT NULL,
    "closedOn" DATE,

    CONSTRAINT "AgencyTerm_pkey" PRIMARY KEY ("agencyId","validFrom")
);

-- CreateIndex
CREATE INDEX "RegisterEntry_districtCode_openedOn_idx" ON "RegisterEntry"("districtCode", "openedOn");

-- CreateIndex
CREATE INDEX "RegisterEntry_familyId_idx" ON "RegisterEntry"("familyId");
