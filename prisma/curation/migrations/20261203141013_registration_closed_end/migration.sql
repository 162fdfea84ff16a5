-- AlterEnum
ALTER TYPE "AssignmentEnd" ADD VALUE 'REGISTRATION_CLOSED';

-- AlterTable
ALTER TABLE "CuratorAssignment" ADD COLUMN     "endResolutionDate" DATE,
ADD COLUMN     "endResolutionNumber" TEXT;
