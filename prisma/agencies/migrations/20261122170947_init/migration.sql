-- CreateEnum
CREATE TYPE "AgencyKind" AS ENUM ('EDUCATION', 'POLICE_JUVENILE_UNIT', 'GUARDIANSHIP', 'SOCIAL_SERVICE_CENTRE', 'SOCIAL_PROTECTION', 'HEALTH', 'CULTURE_SPORT', 'EMPLOYMENT', 'YOUTH', 'OTHER');

-- CreateTable
CREATE TABLE "District" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "city" TEXT NOT NULL,

    CONSTRAINT "District_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Commission" (
    "id" UUID NOT NULL,
    "districtCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Commission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Agency" (
    "id" UUID NOT NULL,
    "districtCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "AgencyKind" NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Agency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResourceCentre" (
    "id" UUID NOT NULL,
    "districtCode" TEXT NOT NULL,
    "agencyId" UUID NOT NULL,
    "headAppointed" BOOLEAN NOT NULL DEFAULT false,
    "secretaryAppointed" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ResourceCentre_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffPosition" (
    "id" UUID NOT NULL,
    "resourceCentreId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "filled" DECIMAL(4,2) NOT NULL,
    "vacant" DECIMAL(4,2) NOT NULL DEFAULT 0,
    "ordinal" INTEGER NOT NULL,

    CONSTRAINT "StaffPosition_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Commission_districtCode_key" ON "Commission"("districtCode");

-- CreateIndex
CREATE INDEX "Agency_districtCode_kind_idx" ON "Agency"("districtCode", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "ResourceCentre_districtCode_key" ON "ResourceCentre"("districtCode");

-- CreateIndex
CREATE UNIQUE INDEX "ResourceCentre_agencyId_key" ON "ResourceCentre"("agencyId");

-- CreateIndex
CREATE UNIQUE INDEX "StaffPosition_resourceCentreId_title_key" ON "StaffPosition"("resourceCentreId", "title");

-- AddForeignKey
ALTER TABLE "Commission" ADD CONSTRAINT "Commission_districtCode_fkey" FOREIGN KEY ("districtCode") REFERENCES "District"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agency" ADD CONSTRAINT "Agency_districtCode_fkey" FOREIGN KEY ("districtCode") REFERENCES "District"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResourceCentre" ADD CONSTRAINT "ResourceCentre_districtCode_fkey" FOREIGN KEY ("districtCode") REFERENCES "District"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResourceCentre" ADD CONSTRAINT "ResourceCentre_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffPosition" ADD CONSTRAINT "StaffPosition_resourceCentreId_fkey" FOREIGN KEY ("resourceCentreId") REFERENCES "ResourceCentre"("id") ON DELETE CASCADE ON UPDATE CASCADE;
