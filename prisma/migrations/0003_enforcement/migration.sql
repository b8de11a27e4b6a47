-- CreateEnum
CREATE TYPE "ApprovalStatus" AS ENUM ('PENDING', 'APPROVED', 'DENIED', 'EXPIRED', 'VOIDED', 'CONSUMED');

-- CreateTable
CREATE TABLE "decisions" (
    "seq" BIGSERIAL NOT NULL,
    "id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "environment" "Environment" NOT NULL,
    "agentId" UUID,
    "clientId" TEXT NOT NULL,
    "server" TEXT NOT NULL,
    "tool" TEXT NOT NULL,
    "action" TEXT,
    "risk" TEXT,
    "decision" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "ruleId" TEXT,
    "reason" TEXT NOT NULL,
    "constraints" JSONB NOT NULL DEFAULT '{}',
    "policyVersion" INTEGER,
    "policyHash" TEXT,
    "requestHash" TEXT NOT NULL,
    "arguments" JSONB NOT NULL DEFAULT '{}',
    "approvalId" UUID,
    "idempotencyKey" TEXT,
    "tokenJti" TEXT,
    "latencyMs" DOUBLE PRECISION NOT NULL,
    "httpStatus" INTEGER NOT NULL DEFAULT 200,
    "response" JSONB NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "decisions_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "tool_results" (
    "decisionId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "environment" "Environment" NOT NULL,
    "clientId" TEXT NOT NULL,
    "server" TEXT NOT NULL,
    "tool" TEXT NOT NULL,
    "action" TEXT,
    "risk" TEXT,
    "status" TEXT NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "safetyAction" TEXT NOT NULL,
    "findings" JSONB NOT NULL DEFAULT '[]',
    "unapproved" BOOLEAN NOT NULL DEFAULT false,
    "highRiskWrite" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "tool_results_pkey" PRIMARY KEY ("decisionId")
);

-- CreateTable
CREATE TABLE "approvals" (
    "id" UUID NOT NULL,
    "environment" "Environment" NOT NULL,
    "agentId" UUID,
    "clientId" TEXT NOT NULL,
    "agentName" TEXT NOT NULL DEFAULT '',
    "agentOwner" TEXT NOT NULL DEFAULT '',
    "server" TEXT NOT NULL,
    "tool" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "risk" TEXT NOT NULL,
    "arguments" JSONB NOT NULL DEFAULT '{}',
    "requestHash" TEXT NOT NULL,
    "policyHash" TEXT NOT NULL,
    "policyVersion" INTEGER NOT NULL,
    "ruleId" TEXT,
    "constraints" JSONB NOT NULL DEFAULT '{}',
    "status" "ApprovalStatus" NOT NULL DEFAULT 'PENDING',
    "approvalsRequired" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "decidedAt" TIMESTAMPTZ(3),
    "decidedBy" TEXT,
    "decisionReason" TEXT,
    "decidedPolicyHash" TEXT,
    "consumedAt" TIMESTAMPTZ(3),
    "consumedDecisionId" UUID,
    "voidedReason" TEXT,
    "originDecisionId" UUID NOT NULL,

    CONSTRAINT "approvals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "approval_votes" (
    "id" UUID NOT NULL,
    "approvalId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "userLabel" TEXT NOT NULL,
    "vote" TEXT NOT NULL,
    "reason" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "approval_votes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "decisions_id_key" ON "decisions"("id");

-- CreateIndex
CREATE UNIQUE INDEX "decisions_hash_key" ON "decisions"("hash");

-- CreateIndex
CREATE INDEX "decisions_at_idx" ON "decisions"("at");

-- CreateIndex
CREATE INDEX "decisions_environment_at_idx" ON "decisions"("environment", "at");

-- CreateIndex
CREATE INDEX "decisions_clientId_at_idx" ON "decisions"("clientId", "at");

-- CreateIndex
CREATE INDEX "decisions_requestHash_idx" ON "decisions"("requestHash");

-- CreateIndex
CREATE INDEX "decisions_approvalId_idx" ON "decisions"("approvalId");

-- CreateIndex
CREATE UNIQUE INDEX "decisions_clientId_idempotencyKey_key" ON "decisions"("clientId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "tool_results_environment_at_idx" ON "tool_results"("environment", "at");

-- CreateIndex
CREATE INDEX "tool_results_unapproved_at_idx" ON "tool_results"("unapproved", "at");

-- CreateIndex
CREATE INDEX "approvals_status_createdAt_idx" ON "approvals"("status", "createdAt");

-- CreateIndex
CREATE INDEX "approvals_environment_status_idx" ON "approvals"("environment", "status");

-- CreateIndex
CREATE INDEX "approvals_clientId_requestHash_status_idx" ON "approvals"("clientId", "requestHash", "status");

-- CreateIndex
CREATE INDEX "approvals_createdAt_idx" ON "approvals"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "approval_votes_approvalId_userId_key" ON "approval_votes"("approvalId", "userId");

-- AddForeignKey
ALTER TABLE "approval_votes" ADD CONSTRAINT "approval_votes_approvalId_fkey" FOREIGN KEY ("approvalId") REFERENCES "approvals"("id") ON DELETE CASCADE ON UPDATE CASCADE;

