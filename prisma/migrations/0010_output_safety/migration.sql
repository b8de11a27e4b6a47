-- CreateTable
CREATE TABLE "quarantined_outputs" (
    "id" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "source" TEXT NOT NULL,
    "environment" "Environment",
    "decisionId" UUID,
    "agentId" UUID,
    "clientId" TEXT,
    "userId" UUID,
    "server" TEXT NOT NULL DEFAULT '',
    "tool" TEXT NOT NULL DEFAULT '',
    "kinds" TEXT[],
    "findings" JSONB NOT NULL DEFAULT '[]',
    "sealedOutput" TEXT,
    "outputBytes" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "reviewedAt" TIMESTAMPTZ(3),
    "reviewerId" UUID,
    "reviewerLabel" TEXT,
    "reviewReason" TEXT,
    "sealedRelease" TEXT,
    "releaseAction" TEXT,
    "purgedAt" TIMESTAMPTZ(3),

    CONSTRAINT "quarantined_outputs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "output_review_samples" (
    "id" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "week" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "environment" "Environment",
    "decisionId" UUID,
    "agentId" UUID,
    "clientId" TEXT,
    "userId" UUID,
    "server" TEXT NOT NULL DEFAULT '',
    "tool" TEXT NOT NULL DEFAULT '',
    "sealedOutput" TEXT,
    "outputBytes" INTEGER NOT NULL,
    "verdict" TEXT,
    "missedKind" TEXT,
    "note" TEXT,
    "reviewedAt" TIMESTAMPTZ(3),
    "reviewerId" UUID,
    "reviewerLabel" TEXT,
    "purgedAt" TIMESTAMPTZ(3),

    CONSTRAINT "output_review_samples_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "output_verdict_rollups" (
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "environment" "Environment" NOT NULL,
    "server" TEXT NOT NULL,
    "tool" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "allowed" INTEGER NOT NULL,
    "redacted" INTEGER NOT NULL,
    "quarantined" INTEGER NOT NULL,

    CONSTRAINT "output_verdict_rollups_pkey" PRIMARY KEY ("environment","minute","server","tool","source")
);

-- CreateIndex
CREATE UNIQUE INDEX "quarantined_outputs_decisionId_key" ON "quarantined_outputs"("decisionId");

-- CreateIndex
CREATE INDEX "quarantined_outputs_status_createdAt_idx" ON "quarantined_outputs"("status", "createdAt");

-- CreateIndex
CREATE INDEX "quarantined_outputs_createdAt_idx" ON "quarantined_outputs"("createdAt");

-- CreateIndex
CREATE INDEX "quarantined_outputs_agentId_idx" ON "quarantined_outputs"("agentId");

-- CreateIndex
CREATE INDEX "output_review_samples_week_createdAt_idx" ON "output_review_samples"("week", "createdAt");

-- CreateIndex
CREATE INDEX "output_review_samples_createdAt_idx" ON "output_review_samples"("createdAt");

