"use client";

import { X } from "lucide-react";
import { useEffect, useRef, type ReactNode } from "react";

const FIRST_FIELD = "input:not([type=hidden]):not([disabled]), textarea:not([disabled]), select:not([disabled])";
const FOCUSABLE =
  'button:not([disabled]), a[href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Gives focus back to what opened a dialog; when that control has gone or is disabled, to the
 * first control beside it, else to the main content, so focus never falls to the page's start.
 */
function returnFocus(opener: HTMLElement | null) {
  setTimeout(() => {
    if (opener?.isConnected && !opener.matches(":disabled")) return opener.focus();
    const near = opener?.isConnected ? opener.closest("fieldset, td, li, form, section") : null;
    const target = near?.querySelector<HTMLElement>(FOCUSABLE) ?? document.getElementById("main");
    target?.focus();
  }, 0);
}

/**
 * A modal on the native <dialog> element: focus moves in when it opens and is trapped there,
 * Escape closes, the page behind is inert, and focus returns to the opener when it closes.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  wide = false,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      el.showModal();
      // showModal focuses the first focusable (the close button); a form starts at its first field.
      el.querySelector<HTMLElement>(FIRST_FIELD)?.focus();
    }
    if (!open && el.open) el.close();
  }, [open]);
  // Closing, or unmounting while open (a finished action removes its dialog), hands focus back.
  useEffect(() => {
    if (!open) return;
    return () => returnFocus(opener.current);
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="dialog-title"
      className={`m-auto w-[calc(100%-2rem)] ${wide ? "max-w-4xl" : "max-w-lg"} rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40`}
    >
      {open && (
        <div className="flex max-h-[85vh] flex-col">
          <header className="flex items-start justify-between gap-4 border-b border-slate-100 px-5 py-4">
            <div>
              <h2 id="dialog-title" className="text-base font-semibold text-slate-900">
                {title}
              </h2>
              {description && <p className="mt-0.5 text-sm text-slate-500">{description}</p>}
            </div>
            <button
              type="button"
              onClick={onClose}
              className="rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900"
              aria-label="Close"
            >
              <X size={16} aria-hidden />
            </button>
          </header>
          <div className="overflow-y-auto px-5 py-4">{children}</div>
        </div>
      )}
    </dialog>
  );
}
