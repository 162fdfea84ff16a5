-- CreateIndex
CREATE INDEX "Measure_priority_deadline_idx" ON "Measure"("priority", "deadline");

-- CreateIndex
CREATE INDEX "ProgressReport_dueOn_idx" ON "ProgressReport"("dueOn");

-- CreateIndex
CREATE INDEX "ProgressReport_submittedOn_idx" ON "ProgressReport"("submittedOn");
