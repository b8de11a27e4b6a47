-- CreateTable
CREATE TABLE "readiness_check_results" (
    "id" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "environment" "Environment" NOT NULL,
    "check" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '[]',
    "checkedAt" TIMESTAMPTZ(3) NOT NULL,
    "trigger" TEXT NOT NULL,
    "runBy" TEXT NOT NULL,

    CONSTRAINT "readiness_check_results_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "readiness_check_results_environment_check_checkedAt_idx" ON "readiness_check_results"("environment", "check", "checkedAt");

-- CreateIndex
CREATE INDEX "readiness_check_results_environment_checkedAt_idx" ON "readiness_check_results"("environment", "checkedAt");

-- CreateIndex
CREATE INDEX "readiness_check_results_runId_idx" ON "readiness_check_results"("runId");

