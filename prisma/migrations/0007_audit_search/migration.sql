-- Audit search (issue 7): keyset indexes that match the search filters (newest first by seq)
-- and GIN full-text indexes over expressions (lib/server/audit-search/text-search.ts).
-- Hand-written: these are expression indexes Prisma's schema cannot describe; they touch no
-- table definition, so later schema diffs leave them alone.

-- Full-text words of a record (see text-search.ts): separators inside identifiers become spaces, so
-- searches are plain AND queries that GIN answers without rechecking rows. plpgsql and a high COST
-- keep the planner from preferring to recompute it row by row over using the GIN indexes below.
CREATE FUNCTION audit_words_tsv(doc text) RETURNS tsvector
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 5000
  AS $fn$ BEGIN RETURN to_tsvector('simple'::regconfig, translate(doc, '/.:@=_-', '       ')); END $fn$;

-- decisions: each filter narrows an index that is already in seq order
CREATE INDEX "decisions_clientId_seq_idx" ON "decisions" ("clientId", "seq");
CREATE INDEX "decisions_server_seq_idx" ON "decisions" ("server", "seq");
CREATE INDEX "decisions_tool_seq_idx" ON "decisions" ("tool", "seq");
CREATE INDEX "decisions_outcome_seq_idx" ON "decisions" ("outcome", "seq");
CREATE INDEX "decisions_ruleId_seq_idx" ON "decisions" ("ruleId", "seq");
CREATE INDEX "decisions_meta_fts_idx" ON "decisions" USING GIN ((audit_words_tsv("clientId" || ' ' || "server" || ' ' || "tool" || ' ' || coalesce("ruleId", '') || ' ' || "reason" || ' ' || "outcome" || ' ' || "decision" || ' ' || coalesce("action", '') || ' ' || coalesce("risk", ''))));
CREATE INDEX "decisions_args_fts_idx" ON "decisions" USING GIN ((audit_words_tsv("arguments"::text)));

-- audit_events
CREATE INDEX "audit_events_actorLabel_seq_idx" ON "audit_events" ("actorLabel", "seq");
CREATE INDEX "audit_events_meta_fts_idx" ON "audit_events" USING GIN ((audit_words_tsv("actorLabel" || ' ' || "action" || ' ' || coalesce("targetType", '') || ' ' || coalesce("targetId", ''))));
CREATE INDEX "audit_events_data_fts_idx" ON "audit_events" USING GIN ((audit_words_tsv("data"::text)));
