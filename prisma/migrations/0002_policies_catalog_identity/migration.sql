-- CreateEnum
CREATE TYPE "ChangeStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'CANCELLED');

-- CreateTable
CREATE TABLE "policy_drafts" (
    "environment" "Environment" NOT NULL,
    "source" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" UUID,
    "updatedBy" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "policy_drafts_pkey" PRIMARY KEY ("environment")
);

-- CreateTable
CREATE TABLE "policy_snapshots" (
    "id" UUID NOT NULL,
    "environment" "Environment" NOT NULL,
    "version" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "canonical" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "message" TEXT NOT NULL DEFAULT '',
    "authorId" UUID,
    "authorLabel" TEXT NOT NULL,
    "reviewedBy" TEXT,
    "unreviewed" BOOLEAN NOT NULL DEFAULT false,
    "rolledBackFrom" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "policy_snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "environment_states" (
    "environment" "Environment" NOT NULL,
    "currentSnapshotId" UUID,
    "killSwitch" TEXT NOT NULL DEFAULT 'off',
    "killSwitchReason" TEXT,
    "killSwitchBy" TEXT,
    "killSwitchAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "environment_states_pkey" PRIMARY KEY ("environment")
);

-- CreateTable
CREATE TABLE "change_requests" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "environment" "Environment" NOT NULL,
    "title" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "ChangeStatus" NOT NULL DEFAULT 'PENDING',
    "requestedById" UUID NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" UUID,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "reason" TEXT,
    "result" JSONB,

    CONSTRAINT "change_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "servers" (
    "id" UUID NOT NULL,
    "environment" "Environment" NOT NULL,
    "name" TEXT NOT NULL,
    "transport" TEXT NOT NULL,
    "url" TEXT,
    "command" TEXT,
    "owner" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'active',
    "statusReason" TEXT,
    "credentialsEnc" TEXT,
    "promotedFromId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "servers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tools" (
    "id" UUID NOT NULL,
    "serverId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "action" TEXT NOT NULL,
    "risk" TEXT NOT NULL,
    "annotations" JSONB NOT NULL DEFAULT '{}',
    "inputSchema" JSONB,
    "overridden" BOOLEAN NOT NULL DEFAULT false,
    "overrideReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "tools_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agents" (
    "id" UUID NOT NULL,
    "clientId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "environment" "Environment" NOT NULL,
    "owner" TEXT NOT NULL DEFAULT '',
    "ownerUserId" UUID,
    "description" TEXT NOT NULL DEFAULT '',
    "scopes" TEXT[],
    "secretHash" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "statusReason" TEXT,
    "drill" BOOLEAN NOT NULL DEFAULT false,
    "secretRotatedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "agents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "signing_keys" (
    "kid" TEXT NOT NULL,
    "alg" TEXT NOT NULL DEFAULT 'ES256',
    "publicJwk" JSONB NOT NULL,
    "privateJwkEnc" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMPTZ(3),

    CONSTRAINT "signing_keys_pkey" PRIMARY KEY ("kid")
);

-- CreateTable
CREATE TABLE "issued_tokens" (
    "jti" TEXT NOT NULL,
    "agentId" UUID NOT NULL,
    "clientId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "audience" TEXT[],
    "issuedAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),
    "revokedReason" TEXT,

    CONSTRAINT "issued_tokens_pkey" PRIMARY KEY ("jti")
);

-- CreateTable
CREATE TABLE "trusted_issuers" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "jwksUri" TEXT,
    "introspectionUrl" TEXT,
    "clientId" TEXT,
    "clientSecretEnc" TEXT,
    "audience" TEXT NOT NULL,
    "algorithms" TEXT[],
    "clientIdClaim" TEXT NOT NULL DEFAULT 'sub',
    "scopeClaim" TEXT NOT NULL DEFAULT 'scope',
    "environmentClaim" TEXT NOT NULL DEFAULT 'env',
    "status" TEXT NOT NULL DEFAULT 'active',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "trusted_issuers_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "policy_snapshots_environment_hash_idx" ON "policy_snapshots"("environment", "hash");

-- CreateIndex
CREATE UNIQUE INDEX "policy_snapshots_environment_version_key" ON "policy_snapshots"("environment", "version");

-- CreateIndex
CREATE INDEX "change_requests_status_createdAt_idx" ON "change_requests"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "servers_environment_name_key" ON "servers"("environment", "name");

-- CreateIndex
CREATE UNIQUE INDEX "tools_serverId_name_key" ON "tools"("serverId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "agents_clientId_key" ON "agents"("clientId");

-- CreateIndex
CREATE INDEX "agents_environment_idx" ON "agents"("environment");

-- CreateIndex
CREATE INDEX "issued_tokens_agentId_idx" ON "issued_tokens"("agentId");

-- CreateIndex
CREATE INDEX "issued_tokens_expiresAt_idx" ON "issued_tokens"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "trusted_issuers_issuer_key" ON "trusted_issuers"("issuer");

-- AddForeignKey
ALTER TABLE "tools" ADD CONSTRAINT "tools_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "servers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

