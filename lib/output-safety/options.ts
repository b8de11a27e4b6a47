/** Turning caller options into the compiled form the scanners use. */
import type { RE2JS } from "re2js";
import { checkPatternSafety, compilePattern } from "./safe-pattern";
import type { FindingCategory, InspectOptions, ResolvedOptions } from "./types";

export const DEFAULT_MIN_CONFIDENCE = 0.5;

const compiled = new Map<string, RE2JS | null>();

/** Custom patterns compile once per distinct source (RE2 objects hold no match state); refused ones are skipped. */
function compileCustom(pattern: string): RE2JS | null {
  let re = compiled.get(pattern);
  if (re === undefined) {
    re = checkPatternSafety(pattern).ok ? compilePattern(pattern) : null;
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}

export function resolveOptions(opts: InspectOptions | undefined, steering: boolean): ResolvedOptions {
  const custom: { kind: string; category: FindingCategory; re: RE2JS }[] = [];
  for (const c of opts?.customPatterns ?? []) {
    const re = compileCustom(c.pattern);
    if (re) custom.push({ kind: c.kind, category: c.category, re });
  }
  const min = opts?.minConfidence;
  return {
    allowHosts: opts?.allowHosts ?? [],
    disabled: new Set(opts?.disabledKinds ?? []),
    custom,
    minConfidence:
      typeof min === "number" && Number.isFinite(min) ? Math.min(1, Math.max(0, min)) : DEFAULT_MIN_CONFIDENCE,
    steering,
  };
}
