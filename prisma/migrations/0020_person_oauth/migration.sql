-- Issue 26: authorization code with PKCE for a person's MCP client at /mcp/approvals; Slack replay refusal.
-- CreateTable
CREATE TABLE "person_oauth_clients" (
    "id" UUID NOT NULL,
    "clientId" TEXT NOT NULL,
    "clientName" TEXT NOT NULL,
    "redirectUris" TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "person_oauth_clients_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "person_oauth_codes" (
    "id" UUID NOT NULL,
    "codeHash" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "redirectUri" TEXT NOT NULL,
    "codeChallenge" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),

    CONSTRAINT "person_oauth_codes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "person_access_tokens" (
    "id" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "person_access_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "slack_seen_signatures" (
    "signature" TEXT NOT NULL,
    "seenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "slack_seen_signatures_pkey" PRIMARY KEY ("signature")
);

-- CreateIndex
CREATE UNIQUE INDEX "person_oauth_clients_clientId_key" ON "person_oauth_clients"("clientId");

-- CreateIndex
CREATE UNIQUE INDEX "person_oauth_codes_codeHash_key" ON "person_oauth_codes"("codeHash");

-- CreateIndex
CREATE UNIQUE INDEX "person_access_tokens_tokenHash_key" ON "person_access_tokens"("tokenHash");

-- CreateIndex
CREATE INDEX "person_access_tokens_userId_idx" ON "person_access_tokens"("userId");

-- CreateIndex
CREATE INDEX "slack_seen_signatures_seenAt_idx" ON "slack_seen_signatures"("seenAt");

