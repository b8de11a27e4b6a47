/** Shapes of the evaluation corpus. */

export type Expected = "ALLOW" | "REDACT" | "QUARANTINE";

export interface EvalCase {
  /** Stable id: `<family>#<n>@<carrier>`. */
  id: string;
  /** What the case tests, e.g. `secret/github-pat`, `inject/override/pl`, `benign/discussion`. */
  family: string;
  /** How the payload is wrapped: web page, GitHub issue, e-mail, chat log, CSV, MCP content array … */
  carrier: string;
  input: unknown;
  expected: Expected;
  /** Sensitive values that must never appear in a REDACT or QUARANTINE answer. */
  planted: string[];
  /** Benign text that discusses prompt injection or system prompts: must never be quarantined. */
  discussion?: boolean;
}

/** One labelled piece of content, before a carrier wraps it. */
export interface Snippet {
  family: string;
  label: Expected;
  /** How it reads inside prose, a page or a log. */
  text: string;
  /** How it sits in a JSON payload, when it is a field (`{"phone": "…"}`); carriers without fields use `text`. */
  field?: { key: string; value: string };
  planted: string[];
  discussion?: boolean;
  /** Carriers that would change its meaning (e.g. JSON-escaped text must stay a string). */
  textOnly?: boolean;
}

export const RANK: Record<Expected, number> = { ALLOW: 0, REDACT: 1, QUARANTINE: 2 };
