"use client";

import { useEffect, useRef } from "react";

/** True when a key press belongs to something else: typing in a field, a chord, or an open dialog. */
function ignored(e: KeyboardEvent): boolean {
  const target = e.target as HTMLElement | null;
  if (e.metaKey || e.ctrlKey || e.altKey || e.defaultPrevented) return true;
  if (target?.closest?.("input, textarea, select, [contenteditable=true], [contenteditable='']")) return true;
  return document.querySelector('[role="dialog"], [role="alertdialog"], dialog[open]') !== null;
}

/**
 * Single-key shortcuts for a page (`{ j: next, k: previous }`). The latest handlers are always
 * used, so callers pass plain closures; `enabled: false` turns the whole set off.
 */
export function useKeyboardShortcuts(shortcuts: Record<string, () => void>, enabled = true): void {
  const latest = useRef(shortcuts);
  latest.current = shortcuts;
  useEffect(() => {
    if (!enabled) return;
    function onKey(e: KeyboardEvent) {
      const run = latest.current[e.key];
      if (!run || ignored(e)) return;
      e.preventDefault();
      run();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled]);
}

/** j / k move the selection through a list; the selection stays at the ends. */
export function useListNavigation<T extends { id: string }>(
  items: readonly T[],
  selectedId: string | null,
  select: (id: string) => void,
): void {
  const move = (step: 1 | -1) => {
    const i = items.findIndex((x) => x.id === selectedId);
    const next = items[Math.min(items.length - 1, Math.max(0, (i === -1 ? (step === 1 ? -1 : 0) : i) + step))];
    if (next && next.id !== selectedId) select(next.id);
  };
  useKeyboardShortcuts({ j: () => move(1), k: () => move(-1) });
}

/** The item to select once `id` leaves the list: the one after it, else the one before, else none. */
export function nextAfter<T extends { id: string }>(items: readonly T[], id: string): T | undefined {
  const i = items.findIndex((x) => x.id === id);
  if (i === -1) return items[0];
  return items[i + 1] ?? items[i - 1];
}
