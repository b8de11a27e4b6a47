-- Audit search off the hot insert (issue 27). The two GIN full-text indexes on decisions were the
-- largest share of PostgreSQL's CPU per durable decision (each insert computed two tsvectors and
-- updated two GIN indexes inside the batch that holds the chain lock). Their words now live in a
-- projection, decision_search, filled in the background (lib/server/audit-search/projection.ts)
-- a second or so behind; rows past its cursor are searched by computing their words at query
-- time, so search results never lag.
DROP INDEX "decisions_meta_fts_idx";
DROP INDEX "decisions_args_fts_idx";

CREATE TABLE "decision_search" (
    "seq" BIGINT NOT NULL,
    "meta" tsvector NOT NULL,
    "args" tsvector NOT NULL,
    CONSTRAINT "decision_search_pkey" PRIMARY KEY ("seq")
);
-- Filled in batches by one background step at a time: no pending list to merge later.
CREATE INDEX "decision_search_meta_idx" ON "decision_search" USING GIN ("meta") WITH (fastupdate = off);
CREATE INDEX "decision_search_args_idx" ON "decision_search" USING GIN ("args") WITH (fastupdate = off);

-- The projection's cursor: every row with seq <= "lastSeq" is in decision_search. Moved in the
-- same statement that inserts the rows, so a crash leaves both as they were.
CREATE TABLE "search_projection_cursors" (
    "name" TEXT NOT NULL,
    "lastSeq" BIGINT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "search_projection_cursors_pkey" PRIMARY KEY ("name")
);

-- Existing decisions are projected here, once.
INSERT INTO "decision_search" ("seq", "meta", "args")
SELECT "seq",
  audit_words_tsv("clientId" || ' ' || "server" || ' ' || "tool" || ' ' || coalesce("ruleId", '') || ' ' || "reason" || ' ' || "outcome" || ' ' || "decision" || ' ' || coalesce("action", '') || ' ' || coalesce("risk", '')),
  audit_words_tsv("arguments"::text)
FROM "decisions";
INSERT INTO "search_projection_cursors" ("name", "lastSeq")
SELECT 'decisions', coalesce(max("seq"), 0) FROM "decisions";

-- Time windows: rows arrive in time order, so a BRIN index (a few pages, nothing per insert to
-- speak of) replaces the b-tree on "at"; filters with an environment or agent keep theirs.
DROP INDEX "decisions_at_idx";
CREATE INDEX "decisions_at_idx" ON "decisions" USING BRIN ("at");
