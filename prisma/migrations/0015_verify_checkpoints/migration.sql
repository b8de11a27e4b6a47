-- Signed verification checkpoints per hash chain (GET /api/v1/audit/verify resumes after them).
-- CreateTable
CREATE TABLE "verify_checkpoints" (
    "chain" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "recordId" UUID NOT NULL,
    "hash" TEXT NOT NULL,
    "count" BIGINT NOT NULL,
    "verifiedAt" TIMESTAMPTZ(3) NOT NULL,
    "mac" TEXT NOT NULL,

    CONSTRAINT "verify_checkpoints_pkey" PRIMARY KEY ("chain")
);

