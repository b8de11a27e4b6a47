-- Issue 26: approve from Slack, e-mail and MCP; the channel of every vote and decision.
-- AlterTable
ALTER TABLE "approvals" ADD COLUMN     "decidedChannel" TEXT;

-- AlterTable
ALTER TABLE "approval_votes" ADD COLUMN     "channel" TEXT NOT NULL DEFAULT 'console';

-- CreateTable
CREATE TABLE "approval_links" (
    "id" UUID NOT NULL,
    "approvalId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),

    CONSTRAINT "approval_links_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "slack_identities" (
    "userId" UUID NOT NULL,
    "slackUserId" TEXT,
    "slackTeamId" TEXT,
    "verifiedAt" TIMESTAMPTZ(3),
    "codeHash" TEXT,
    "codeExpiresAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "slack_identities_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "slack_messages" (
    "approvalId" UUID NOT NULL,
    "channel" TEXT NOT NULL,
    "ts" TEXT NOT NULL,
    "postedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "slack_messages_pkey" PRIMARY KEY ("approvalId")
);

-- CreateTable
CREATE TABLE "channel_jobs" (
    "approvalId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "version" INTEGER NOT NULL DEFAULT 1,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "channel_jobs_pkey" PRIMARY KEY ("approvalId","kind")
);

-- CreateIndex
CREATE UNIQUE INDEX "approval_links_tokenHash_key" ON "approval_links"("tokenHash");

-- CreateIndex
CREATE INDEX "approval_links_approvalId_userId_idx" ON "approval_links"("approvalId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "slack_identities_slackUserId_key" ON "slack_identities"("slackUserId");

-- CreateIndex
CREATE UNIQUE INDEX "slack_identities_codeHash_key" ON "slack_identities"("codeHash");

-- CreateIndex
CREATE INDEX "channel_jobs_status_nextAttemptAt_idx" ON "channel_jobs"("status", "nextAttemptAt");

