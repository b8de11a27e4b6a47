"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { FILTER_KEYS, type AuditKind } from "@/lib/schemas/audit";

export type FilterKey = (typeof FILTER_KEYS)[number];
export type FilterValues = Partial<Record<FilterKey, string>>;

/** The search lives in the URL, so a view can be bookmarked and shared as it is. */
export function useAuditFilters() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const values = useMemo(() => {
    const v: FilterValues = {};
    for (const k of FILTER_KEYS) {
      const value = params.get(k);
      if (value) v[k] = value;
    }
    return v;
  }, [params]);
  const kind: AuditKind = values.kind === "events" ? "events" : "decisions";
  /** The filters as a query string, without kind=decisions (the default). */
  const query = useMemo(() => toQuery(values), [values]);
  const replace = useCallback(
    (next: FilterValues) => router.replace(`${pathname}${toQuery(next) ? `?${toQuery(next)}` : ""}`, { scroll: false }),
    [pathname, router],
  );
  const patch = useCallback((p: FilterValues) => replace({ ...values, ...p }), [replace, values]);
  return { values, kind, query, replace, patch };
}

export function toQuery(values: FilterValues): string {
  const q = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = values[k]?.trim();
    if (v && !(k === "kind" && v === "decisions")) q.set(k, v);
  }
  return q.toString();
}
