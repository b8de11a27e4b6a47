import "server-only";

/*
 * Full-text expressions for the audit search. Each one is indexed (GIN) by
 * prisma/migrations/0007_audit_search/migration.sql with exactly this text, so the planner can
 * use the index; verify.test.ts checks the migration still matches. The 'simple'
 * configuration keeps identifiers whole (no stemming, no stop words): auditors search names.
 * Metadata and payload are separate vectors so that a role without audit:payload can never
 * match (and so learn) an argument value.
 */
/**
 * audit_words_tsv(text) (migration 0007) is to_tsvector('simple', …) after turning path, host,
 * e-mail, hash and identifier separators (/ . : @ = _ -) into spaces, so "zebra" finds
 * docs/zebra.md and "create_issue" is two plain words: an AND query the GIN index answers
 * without rechecking rows (a phrase would make it recompute each candidate). It is plpgsql with a
 * high COST on purpose: the planner then knows that filtering rows by recomputing it is dear,
 * and takes the GIN index for rare words instead of walking the seq index row by row.
 */
const tsv = (expr: string) => `audit_words_tsv(${expr})`;
const WORDS_TRANSLATE = (expr: string) => `translate(${expr}, '/.:@=', '     ')`;

export const DECISION_META_TSV = tsv(
  `"clientId" || ' ' || "server" || ' ' || "tool" || ' ' || coalesce("ruleId", '') || ' ' || "reason" || ' ' || "outcome" || ' ' || "decision" || ' ' || coalesce("action", '') || ' ' || coalesce("risk", '')`,
);
export const DECISION_ARGS_TSV = tsv(`"arguments"::text`);
export const EVENT_META_TSV = tsv(
  `"actorLabel" || ' ' || "action" || ' ' || coalesce("targetType", '') || ' ' || coalesce("targetId", '')`,
);
export const EVENT_DATA_TSV = tsv(`"data"::text`);

/**
 * The user's text split the way documents are: _ and - inside a word become spaces, except in
 * "quoted phrases" and -exclusions, which keep websearch's meaning (an excluded phrase).
 */
export function searchWords(q: string): string {
  return (q.match(/"[^"]*"?|\S+/g) ?? [])
    .map((t) => (t.startsWith('"') || t.startsWith("-") ? t : t.replace(/[-_]+/g, " ")))
    .join(" ");
}

/** Users type words, quoted phrases, "or" and -exclusions; websearch_to_tsquery never fails on input. */
export const tsQuery = (param: string) => `websearch_to_tsquery('simple'::regconfig, ${WORDS_TRANSLATE(param)})`;
