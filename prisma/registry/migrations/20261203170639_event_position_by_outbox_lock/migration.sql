-- DropIndex
DROP INDEX "DomainEvent_familyId_txId_seq_idx";

-- DropIndex
DROP INDEX "DomainEvent_txId_seq_idx";

-- AlterTable
ALTER TABLE "DomainEvent" DROP COLUMN "txId";

-- CreateIndex
CREATE INDEX "DomainEvent_familyId_seq_idx" ON "DomainEvent"("familyId", "seq");

-- A cursor was `<txId>-<seq>`; it is now the `seq` of the last event applied.
UPDATE "EventCursor" SET "position" = split_part("position", '-', 2) WHERE "position" LIKE '%-%';
