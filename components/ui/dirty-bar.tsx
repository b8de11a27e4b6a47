"use client";

import { Save, Undo2 } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "./button";
import { Alert } from "./field";

/**
 * The one save of a settings page: a bar that stays in view while there are unsaved changes
 * (what changed, Discard, Save), a "Saved." notice after a save, and the save's error.
 */
export function DirtyBar({
  dirty,
  saving,
  changes,
  saved,
  error,
  onDiscard,
}: {
  dirty: boolean;
  saving: boolean;
  /** "2 gates and the webhook". */
  changes: string;
  /** The notice after a successful save, shown until the next edit. */
  saved?: ReactNode;
  error?: string | null;
  onDiscard: () => void;
}) {
  return (
    <div className="sticky bottom-4 z-20 space-y-2">
      {error && <Alert>{error}</Alert>}
      {dirty ? (
        <div
          className="flex flex-wrap items-center justify-between gap-3 rounded-xl bg-slate-900 px-4 py-3 text-sm text-white shadow-lg"
          data-testid="dirty-bar"
        >
          <span>
            <span className="font-medium">Unsaved changes</span>
            <span className="text-slate-300"> · {changes}</span>
          </span>
          <span className="flex gap-2">
            <Button type="button" variant="secondary" onClick={onDiscard} disabled={saving}>
              <Undo2 size={14} aria-hidden /> Discard
            </Button>
            <Button type="submit" disabled={saving}>
              <Save size={14} aria-hidden /> {saving ? "Saving…" : "Save changes"}
            </Button>
          </span>
        </div>
      ) : (
        saved && (
          <div data-testid="saved-notice">
            <Alert tone="success">{saved}</Alert>
          </div>
        )
      )}
    </div>
  );
}
