// Globs of the policy language: `*` matches any run of characters (including `/` and
// the empty run); every other character is literal and case-sensitive. No escapes.

export type StringMatcher = (value: string) => boolean;

export function isGlob(pattern: string): boolean {
  return pattern.includes("*");
}

/** Compile one glob to a matcher that runs in O(pattern × value) worst case, without backtracking. */
export function compileGlob(pattern: string): StringMatcher {
  if (!isGlob(pattern)) return (value) => value === pattern;
  const parts = pattern.split("*");
  const prefix = parts[0];
  const suffix = parts[parts.length - 1];
  const middle = parts.slice(1, -1).filter((part) => part.length > 0);
  const minLength = prefix.length + suffix.length;
  if (middle.length === 0) {
    if (prefix === "" && suffix === "") return () => true;
    return (value) => value.length >= minLength && value.startsWith(prefix) && value.endsWith(suffix);
  }
  return (value) => {
    if (value.length < minLength || !value.startsWith(prefix) || !value.endsWith(suffix)) return false;
    // Leftmost placement of each middle part is optimal: it leaves the most room for the rest.
    let from = prefix.length;
    const end = value.length - suffix.length;
    for (const part of middle) {
      const at = value.indexOf(part, from);
      if (at < 0 || at + part.length > end) return false;
      from = at + part.length;
    }
    return true;
  };
}

/**
 * Compile a label value (one pattern or a list meaning "any of") to one matcher.
 * Exact values are looked up in a Set; globs are tried after.
 */
export function compileAnyOf(patterns: readonly string[]): StringMatcher {
  const exact = new Set<string>();
  const globs: StringMatcher[] = [];
  for (const pattern of patterns) {
    if (isGlob(pattern)) globs.push(compileGlob(pattern));
    else exact.add(pattern);
  }
  if (globs.length === 0) {
    if (exact.size === 1) {
      const only = exact.values().next().value as string;
      return (value) => value === only;
    }
    return (value) => exact.has(value);
  }
  if (exact.size === 0 && globs.length === 1) return globs[0];
  return (value) => {
    if (exact.has(value)) return true;
    for (const glob of globs) if (glob(value)) return true;
    return false;
  };
}
