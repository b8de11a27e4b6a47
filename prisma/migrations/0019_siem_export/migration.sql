-- Issue 25: streaming export of the audit to a SIEM (docs/siem-export.md).
-- CreateTable
CREATE TABLE "siem_destinations" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "config" JSONB NOT NULL DEFAULT '{}',
    "secretEnc" TEXT,
    "includePayload" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "siem_destinations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "siem_export_state" (
    "destinationId" UUID NOT NULL,
    "eventSeq" BIGINT NOT NULL DEFAULT 0,
    "eventHash" TEXT NOT NULL,
    "decisionSeq" BIGINT NOT NULL DEFAULT 0,
    "decisionHash" TEXT NOT NULL,
    "pendingEventTo" BIGINT,
    "pendingDecisionTo" BIGINT,
    "pendingKey" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMPTZ(3),
    "lastSuccessAt" TIMESTAMPTZ(3),
    "lastErrorAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "sentRows" BIGINT NOT NULL DEFAULT 0,
    "lagRows" BIGINT NOT NULL DEFAULT 0,
    "lagSeconds" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "siem_export_state_pkey" PRIMARY KEY ("destinationId")
);

-- CreateIndex
CREATE UNIQUE INDEX "siem_destinations_name_key" ON "siem_destinations"("name");

-- AddForeignKey
ALTER TABLE "siem_export_state" ADD CONSTRAINT "siem_export_state_destinationId_fkey" FOREIGN KEY ("destinationId") REFERENCES "siem_destinations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
