-- Per catalog server: whether the upstream verifies the console's signed decision receipts (issue 25).
-- AlterTable
ALTER TABLE "servers" ADD COLUMN "requiresReceipt" BOOLEAN NOT NULL DEFAULT false;
