-- AlterTable
ALTER TABLE "RegisteredMinor" ADD COLUMN     "leftNote" TEXT,
ADD COLUMN     "leftOn" DATE,
ADD COLUMN     "leftReason" "ClosingReason",
ADD COLUMN     "leftResolutionDate" DATE,
ADD COLUMN     "leftResolutionNumber" TEXT;

-- CreateIndex
CREATE INDEX "Minor_birthDate_lastName_idx" ON "Minor"("birthDate", "lastName");
