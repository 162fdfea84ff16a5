-- CreateTable
CREATE TABLE "DomainEvent" (
    "seq" BIGSERIAL NOT NULL,
    "txId" BIGINT NOT NULL,
    "id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "effectiveOn" DATE NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "familyId" UUID,
    "agencyId" UUID,
    "districtCode" TEXT NOT NULL,
    "requestId" TEXT,
    "userId" TEXT,
    "payload" JSONB NOT NULL,

    CONSTRAINT "DomainEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "EventCursor" (
    "producer" TEXT NOT NULL,
    "position" TEXT NOT NULL,
    "movedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "EventCursor_pkey" PRIMARY KEY ("producer")
);

-- CreateTable
CREATE TABLE "DeadEvent" (
    "id" UUID NOT NULL,
    "producer" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "familyId" UUID,
    "event" JSONB NOT NULL,
    "error" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "failedAt" TIMESTAMPTZ(3) NOT NULL,
    "replayedAt" TIMESTAMPTZ(3),

    CONSTRAINT "DeadEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DomainEvent_id_key" ON "DomainEvent"("id");

-- CreateIndex
CREATE INDEX "DomainEvent_txId_seq_idx" ON "DomainEvent"("txId", "seq");

-- CreateIndex
CREATE INDEX "DomainEvent_familyId_txId_seq_idx" ON "DomainEvent"("familyId", "txId", "seq");

-- CreateIndex
CREATE INDEX "DeadEvent_failedAt_idx" ON "DeadEvent"("failedAt");
