-- CreateTable
CREATE TABLE "drill_reports" (
    "id" UUID NOT NULL,
    "environment" "Environment" NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "agentId" UUID,
    "agentClientId" TEXT NOT NULL DEFAULT '',
    "server" TEXT NOT NULL DEFAULT '',
    "tool" TEXT NOT NULL DEFAULT '',
    "runById" UUID,
    "runBy" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "revokeEffectMs" INTEGER,
    "restoreEffectMs" INTEGER,
    "steps" JSONB NOT NULL DEFAULT '[]',
    "summary" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "drill_reports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "runbooks" (
    "slug" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "reviewedAt" TIMESTAMPTZ(3),
    "reviewedBy" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedBy" TEXT NOT NULL,

    CONSTRAINT "runbooks_pkey" PRIMARY KEY ("slug")
);

-- CreateTable
CREATE TABLE "runbook_revisions" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "editedBy" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "runbook_revisions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "drill_reports_environment_startedAt_idx" ON "drill_reports"("environment", "startedAt");

-- CreateIndex
CREATE INDEX "drill_reports_environment_status_finishedAt_idx" ON "drill_reports"("environment", "status", "finishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "runbook_revisions_slug_version_key" ON "runbook_revisions"("slug", "version");

-- AddForeignKey
ALTER TABLE "runbook_revisions" ADD CONSTRAINT "runbook_revisions_slug_fkey" FOREIGN KEY ("slug") REFERENCES "runbooks"("slug") ON DELETE CASCADE ON UPDATE CASCADE;

