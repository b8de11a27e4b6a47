import type { ActionClass } from "@/lib/schemas/identity";
import { SCOPE } from "@/lib/schemas/identity";
import { memoize } from "@/lib/memo";

/** The scope a call needs: `mcp:<server>:<class>` (docs/README.md#words). */
export function requiredScope(server: string, action: ActionClass): string {
  return `mcp:${server}:${action}`;
}

/**
 * Whether one granted scope covers a wanted one: same class, and the same server or `*`.
 * Classes never imply each other (a write scope is not a read scope).
 */
export function scopeCovers(granted: string, wanted: string): boolean {
  const g = scopeParts(granted);
  const w = scopeParts(wanted);
  if (!g || !w) return false;
  return g[1] === w[1] && (g[0] === "*" || g[0] === w[0]);
}

/** Parsed scopes ([server, class], or null when not a scope), kept: every decision checks the same few. */
const scopeParts = memoize((scope: string): readonly [string, string] | null => {
  const m = SCOPE.exec(scope);
  return m ? [m[1], m[2]] : null;
}, 4_096);

export function hasScope(granted: readonly string[], server: string, action: ActionClass): boolean {
  const wanted = requiredScope(server, action);
  return granted.some((g) => scopeCovers(g, wanted));
}

/** Splits an OAuth `scope` parameter or claim (space-separated string or array) into distinct values. */
export function parseScopeValue(value: unknown): string[] {
  const parts = Array.isArray(value)
    ? value.filter((v): v is string => typeof v === "string")
    : typeof value === "string"
      ? value.split(" ")
      : [];
  return [...new Set(parts.map((s) => s.trim()).filter(Boolean))];
}
