-- Audit search (issue 7): keyset indexes that match the search filters (newest first by seq)
-- and GIN full-text indexes over expressions (lib/server/audit-search/text-search.ts).
-- Hand-written: these are expression indexes Prisma's schema cannot describe; they touch no
-- table definition, so later schema diffs leave them alone.

-- decisions: each filter narrows an index that is already in seq order
CREATE INDEX "decisions_clientId_seq_idx" ON "decisions" ("clientId", "seq");
CREATE INDEX "decisions_server_seq_idx" ON "decisions" ("server", "seq");
CREATE INDEX "decisions_tool_seq_idx" ON "decisions" ("tool", "seq");
CREATE INDEX "decisions_outcome_seq_idx" ON "decisions" ("outcome", "seq");
CREATE INDEX "decisions_ruleId_seq_idx" ON "decisions" ("ruleId", "seq");
CREATE INDEX "decisions_meta_fts_idx" ON "decisions" USING GIN ((to_tsvector('simple'::regconfig, translate("clientId" || ' ' || "server" || ' ' || "tool" || ' ' || coalesce("ruleId", '') || ' ' || "reason" || ' ' || "outcome" || ' ' || "decision" || ' ' || coalesce("action", '') || ' ' || coalesce("risk", ''), '/.:@=', '     '))));
CREATE INDEX "decisions_args_fts_idx" ON "decisions" USING GIN ((to_tsvector('simple'::regconfig, translate("arguments"::text, '/.:@=', '     '))));

-- audit_events
CREATE INDEX "audit_events_actorLabel_seq_idx" ON "audit_events" ("actorLabel", "seq");
CREATE INDEX "audit_events_meta_fts_idx" ON "audit_events" USING GIN ((to_tsvector('simple'::regconfig, translate("actorLabel" || ' ' || "action" || ' ' || coalesce("targetType", '') || ' ' || coalesce("targetId", ''), '/.:@=', '     '))));
CREATE INDEX "audit_events_data_fts_idx" ON "audit_events" USING GIN ((to_tsvector('simple'::regconfig, translate("data"::text, '/.:@=', '     '))));
