-- CreateEnum
CREATE TYPE "FamilyComposition" AS ENUM ('TWO_PARENTS', 'SINGLE_MOTHER', 'SINGLE_FATHER', 'GUARDIAN', 'EXTENDED');

-- CreateEnum
CREATE TYPE "Sex" AS ENUM ('FEMALE', 'MALE');

-- CreateEnum
CREATE TYPE "HousingCondition" AS ENUM ('SATISFACTORY', 'UNSATISFACTORY', 'UNSANITARY', 'NO_OWN_HOUSING');

-- CreateEnum
CREATE TYPE "IncomeLevel" AS ENUM ('BELOW_SUBSISTENCE', 'LOW', 'AVERAGE');

-- CreateEnum
CREATE TYPE "RiskFactor" AS ENUM ('PARENTAL_ALCOHOL_ABUSE', 'PARENTAL_DRUG_USE', 'NEGLECT', 'DOMESTIC_VIOLENCE', 'PARENTS_UNEMPLOYED', 'TRUANCY', 'OFFENCES_BY_MINOR', 'RUNNING_AWAY', 'DEBTS_FOR_HOUSING', 'NO_SOCIAL_SUPPORT_DOCUMENTS', 'NO_LEISURE_INTERESTS');

-- CreateEnum
CREATE TYPE "ClosingReason" AS ENUM ('SITUATION_IMPROVED', 'MOVED_AWAY', 'CAME_OF_AGE', 'CHILDREN_PLACED_IN_CARE', 'OTHER');

-- CreateTable
CREATE TABLE "Family" (
    "id" UUID NOT NULL,
    "districtCode" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "composition" "FamilyComposition" NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Family_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SocialPassport" (
    "familyId" UUID NOT NULL,
    "adults" INTEGER NOT NULL,
    "children" INTEGER NOT NULL,
    "housing" "HousingCondition" NOT NULL,
    "monthlyIncome" INTEGER,
    "incomeLevel" "IncomeLevel" NOT NULL,
    "riskFactors" "RiskFactor"[],
    "notes" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SocialPassport_pkey" PRIMARY KEY ("familyId")
);

-- CreateTable
CREATE TABLE "Minor" (
    "id" UUID NOT NULL,
    "familyId" UUID NOT NULL,
    "lastName" TEXT NOT NULL,
    "firstName" TEXT NOT NULL,
    "patronymic" TEXT,
    "sex" "Sex" NOT NULL,
    "birthDate" DATE NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Minor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Registration" (
    "id" UUID NOT NULL,
    "familyId" UUID NOT NULL,
    "districtCode" TEXT NOT NULL,
    "commissionId" UUID NOT NULL,
    "resolutionNumber" TEXT NOT NULL,
    "resolutionDate" DATE NOT NULL,
    "grounds" TEXT NOT NULL,
    "openedOn" DATE NOT NULL,
    "closedOn" DATE,
    "closingReason" "ClosingReason",
    "closingResolutionNumber" TEXT,
    "closingResolutionDate" DATE,
    "closingNote" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Registration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegisteredMinor" (
    "registrationId" UUID NOT NULL,
    "minorId" UUID NOT NULL,
    "addedOn" DATE NOT NULL,

    CONSTRAINT "RegisteredMinor_pkey" PRIMARY KEY ("registrationId","minorId")
);

-- CreateIndex
CREATE INDEX "Family_districtCode_id_idx" ON "Family"("districtCode", "id");

-- CreateIndex
CREATE INDEX "Minor_familyId_idx" ON "Minor"("familyId");

-- CreateIndex
CREATE INDEX "Registration_familyId_idx" ON "Registration"("familyId");

-- CreateIndex
CREATE INDEX "Registration_districtCode_openedOn_closedOn_idx" ON "Registration"("districtCode", "openedOn", "closedOn");

-- CreateIndex
CREATE INDEX "RegisteredMinor_minorId_idx" ON "RegisteredMinor"("minorId");

-- AddForeignKey
ALTER TABLE "SocialPassport" ADD CONSTRAINT "SocialPassport_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "Family"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Minor" ADD CONSTRAINT "Minor_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "Family"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Registration" ADD CONSTRAINT "Registration_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "Family"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegisteredMinor" ADD CONSTRAINT "RegisteredMinor_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "Registration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegisteredMinor" ADD CONSTRAINT "RegisteredMinor_minorId_fkey" FOREIGN KEY ("minorId") REFERENCES "Minor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
