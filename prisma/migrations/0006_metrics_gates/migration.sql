-- CreateTable
CREATE TABLE "metrics_tokens" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "environment" "Environment",
    "createdById" UUID,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "metrics_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "metric_decision_rollups" (
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "environment" "Environment" NOT NULL,
    "server" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "metric_decision_rollups_pkey" PRIMARY KEY ("environment","minute","server","action","outcome")
);

-- CreateTable
CREATE TABLE "metric_result_rollups" (
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "environment" "Environment" NOT NULL,
    "server" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "errors" INTEGER NOT NULL,
    "timeouts" INTEGER NOT NULL,
    "redacted" INTEGER NOT NULL,
    "quarantined" INTEGER NOT NULL,
    "unapproved" INTEGER NOT NULL,
    "unapprovedHighRisk" INTEGER NOT NULL,
    "durationSumMs" BIGINT NOT NULL,

    CONSTRAINT "metric_result_rollups_pkey" PRIMARY KEY ("environment","minute","server","action")
);

-- CreateTable
CREATE TABLE "metric_latency_rollups" (
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "environment" "Environment" NOT NULL,
    "server" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "metric_latency_rollups_pkey" PRIMARY KEY ("environment","minute","server","action","bucket")
);

-- CreateTable
CREATE TABLE "metric_auth_failure_rollups" (
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "environment" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "metric_auth_failure_rollups_pkey" PRIMARY KEY ("environment","minute","status")
);

-- CreateTable
CREATE TABLE "gate_settings" (
    "gate" TEXT NOT NULL,
    "target" DOUBLE PRECISION NOT NULL,
    "block" DOUBLE PRECISION NOT NULL,
    "windowMinutes" INTEGER NOT NULL,
    "sustained" BOOLEAN NOT NULL,
    "owner" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedBy" TEXT NOT NULL,

    CONSTRAINT "gate_settings_pkey" PRIMARY KEY ("gate")
);

-- CreateTable
CREATE TABLE "gate_states" (
    "environment" "Environment" NOT NULL,
    "gate" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL,
    "value" DOUBLE PRECISION,
    "evaluatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "gate_states_pkey" PRIMARY KEY ("environment","gate")
);

-- CreateTable
CREATE TABLE "gate_state_changes" (
    "id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "environment" "Environment" NOT NULL,
    "gate" TEXT NOT NULL,
    "fromState" TEXT,
    "toState" TEXT NOT NULL,
    "value" DOUBLE PRECISION,
    "detail" TEXT NOT NULL DEFAULT '',
    "notifiedAt" TIMESTAMPTZ(3),

    CONSTRAINT "gate_state_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "metrics_tokens_tokenHash_key" ON "metrics_tokens"("tokenHash");

-- CreateIndex
CREATE INDEX "gate_state_changes_environment_at_idx" ON "gate_state_changes"("environment", "at");

