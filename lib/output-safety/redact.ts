/** Replacing findings inside one string with `[REDACTED:<kind>]`. */
import type { RawFinding } from "./types";

export const redactionLabel = (kind: string): string => `[REDACTED:${kind}]`;

/** `findings` must not overlap (resolveFindings guarantees it); steering findings are ignored. */
export function redactText(text: string, findings: readonly RawFinding[]): string {
  const spans = findings.filter((f) => f.category !== "steering").sort((a, b) => a.start - b.start);
  if (spans.length === 0) return text;
  let out = "";
  let pos = 0;
  for (const f of spans) {
    if (f.start < pos) continue;
    out += text.slice(pos, f.start) + redactionLabel(f.kind);
    pos = f.end;
  }
  return out + text.slice(pos);
}
