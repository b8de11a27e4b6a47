"use client";

import * as DialogPrimitive from "@radix-ui/react-dialog";
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
 * A modal (Radix Dialog): focus moves in when it opens (to a form's first field) and is trapped
 * there, Escape closes, the page behind is hidden from assistive technology and inert, and focus
 * returns to the opener when it closes.
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
  // What had focus when the dialog was asked to open (read while rendering, before anything moves it).
  const opener = useRef<HTMLElement | null>(null);
  const wasOpen = useRef(false);
  if (open && !wasOpen.current && typeof document !== "undefined")
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  wasOpen.current = open;
  // Unmounting while open (a finished action removes its dialog) hands focus back too.
  useEffect(() => {
    if (!open) return;
    return () => returnFocus(opener.current);
  }, [open]);
  return (
    <DialogPrimitive.Root open={open} onOpenChange={(next) => !next && onClose()}>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <DialogPrimitive.Content
          // Without a description the dialog names none (Radix would point at a missing element).
          {...(description ? {} : { "aria-describedby": undefined })}
          onOpenAutoFocus={(e) => {
            const field = (e.currentTarget as HTMLElement | null)?.querySelector<HTMLElement>(FIRST_FIELD);
            if (field) {
              e.preventDefault();
              field.focus();
            }
          }}
          onCloseAutoFocus={(e) => {
            e.preventDefault();
            returnFocus(opener.current);
          }}
          className={`fixed left-1/2 top-1/2 z-50 flex max-h-[85vh] w-[calc(100%-2rem)] -translate-x-1/2 -translate-y-1/2 flex-col rounded-xl bg-white shadow-xl ${wide ? "max-w-4xl" : "max-w-lg"}`}
        >
          <header className="flex items-start justify-between gap-4 border-b border-slate-100 px-5 py-4">
            <div>
              <DialogPrimitive.Title className="text-base font-semibold text-slate-900">{title}</DialogPrimitive.Title>
              {description && (
                <DialogPrimitive.Description className="mt-0.5 text-sm text-slate-500">
                  {description}
                </DialogPrimitive.Description>
              )}
            </div>
            <DialogPrimitive.Close
              className="rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900"
              aria-label="Close"
            >
              <X size={16} aria-hidden />
            </DialogPrimitive.Close>
          </header>
          <div className="overflow-y-auto px-5 py-4">{children}</div>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}
