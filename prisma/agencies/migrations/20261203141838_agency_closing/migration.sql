-- AlterTable
ALTER TABLE "Agency" ADD COLUMN     "closedOn" DATE;
