/** Turning caller options into the compiled form the scanners use. */
import { checkPatternSafety, compilePattern } from "./safe-pattern";
import type { FindingCategory, InspectOptions, ResolvedOptions } from "./types";

export const DEFAULT_MIN_CONFIDENCE = 0.5;

const compiled = new Map<string, RegExp | null>();

/** Custom patterns are compiled once per distinct source; unsafe or invalid ones compile to null and are skipped. */
function compileCustom(pattern: string): RegExp | null {
  let re = compiled.get(pattern);
  if (re === undefined) {
    re = checkPatternSafety(pattern).ok ? compilePattern(pattern, "g") : null;
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}

export function resolveOptions(opts: InspectOptions | undefined, steering: boolean): ResolvedOptions {
  const custom: { kind: string; category: FindingCategory; re: RegExp }[] = [];
  for (const c of opts?.customPatterns ?? []) {
    const re = compileCustom(c.pattern);
    if (re) custom.push({ kind: c.kind, category: c.category, re: new RegExp(re.source, re.flags) });
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
