-- Full-text words of a record come from at most its first 100,000 characters (issue 19).
-- PostgreSQL refuses a tsvector over 1 MB ("string is too long for tsvector"), and the search
-- indexes are computed on insert: arguments of ~770 KB of distinct words made the whole decision
-- batch fail, so one agent's call could deny every other agent's. Measured worst cases at this
-- cap (distinct two-character CJK words, four-byte characters): 470–540 KB, half the limit.
-- Text past the cap is still stored, hashed and shown; only its words are not searchable.
CREATE OR REPLACE FUNCTION audit_words_tsv(doc text) RETURNS tsvector
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 5000
  AS $fn$ BEGIN RETURN to_tsvector('simple'::regconfig, translate(left(doc, 100000), '/.:@=_-', '       ')); END $fn$;

-- The indexes were built with the old definition: rebuilt so that index and function agree.
REINDEX INDEX "decisions_meta_fts_idx";
REINDEX INDEX "decisions_args_fts_idx";
REINDEX INDEX "audit_events_meta_fts_idx";
REINDEX INDEX "audit_events_data_fts_idx";
