/**
 * Custom patterns are RE2 syntax, matched by re2js: its automata never backtrack, so a pattern costs
 * time linear in the output whatever its shape, and the only refusals left are what RE2 cannot
 * express (backreferences, lookaround), invalid syntax, and patterns that match the empty string.
 */
import { RE2JS } from "re2js";

export type PatternCheck = { ok: true } | { ok: false; reason: string };

const MAX_PATTERN = 512;

/** Compiles a custom pattern (a leading "(?i)" makes it case-insensitive: RE2 reads that itself); throws when invalid. */
export function compilePattern(pattern: string): RE2JS {
  return RE2JS.compile(pattern);
}

/** RE2's message for what JavaScript would accept but RE2 never can, in the words a pattern author knows. */
function refusal(message: string): string {
  if (/invalid escape sequence: `\\([1-9]|k)/.test(message)) return "backreferences are not allowed";
  if (/`\(\?<?[=!]/.test(message)) return "lookaround assertions are not allowed";
  return `invalid regular expression: ${message.replace(/^error parsing regexp: /, "")}`;
}

export function checkPatternSafety(pattern: string): PatternCheck {
  if (typeof pattern !== "string" || pattern.length === 0) return { ok: false, reason: "empty pattern" };
  if (pattern.length > MAX_PATTERN) return { ok: false, reason: `pattern longer than ${MAX_PATTERN} characters` };
  let re: RE2JS;
  try {
    re = compilePattern(pattern);
  } catch (e) {
    return { ok: false, reason: refusal(e instanceof Error ? e.message : String(e)) };
  }
  if (re.test("")) return { ok: false, reason: "matches the empty string" };
  return { ok: true };
}
