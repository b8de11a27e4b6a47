"use client";

import * as AlertDialog from "@radix-ui/react-alert-dialog";
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from "react";
import { Button } from "./button";

export interface ConfirmOptions {
  title: string;
  description?: ReactNode;
  /** Extra content under the description, e.g. a diff; the dialog widens for it. */
  details?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  destructive?: boolean;
}

type Confirm = (options: ConfirmOptions) => Promise<boolean>;

const ConfirmContext = createContext<Confirm | null>(null);

/** One confirmation dialog for the whole console (Radix AlertDialog: focus trapped, Escape cancels). */
export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [options, setOptions] = useState<ConfirmOptions | null>(null);
  const resolver = useRef<((ok: boolean) => void) | null>(null);

  const confirm = useCallback<Confirm>(
    (next) =>
      new Promise<boolean>((resolve) => {
        resolver.current?.(false);
        resolver.current = resolve;
        setOptions(next);
      }),
    [],
  );

  function settle(ok: boolean) {
    resolver.current?.(ok);
    resolver.current = null;
    setOptions(null);
  }

  return (
    <ConfirmContext.Provider value={confirm}>
      {children}
      <AlertDialog.Root open={options !== null} onOpenChange={(open) => !open && settle(false)}>
        <AlertDialog.Portal>
          <AlertDialog.Overlay className="fixed inset-0 z-50 bg-slate-900/40" />
          <AlertDialog.Content
            data-testid="confirm-dialog"
            className={`fixed left-1/2 top-1/2 z-50 flex max-h-[85vh] w-[calc(100%-2rem)] -translate-x-1/2 -translate-y-1/2 flex-col rounded-xl bg-white shadow-xl ${options?.details ? "max-w-3xl" : "max-w-md"}`}
          >
            <div className="border-b border-slate-100 px-5 py-4">
              <AlertDialog.Title className="text-base font-semibold text-slate-900">{options?.title}</AlertDialog.Title>
              {options?.description ? (
                <AlertDialog.Description className="mt-1 text-sm text-slate-600">
                  {options.description}
                </AlertDialog.Description>
              ) : (
                <AlertDialog.Description className="sr-only">{options?.title}</AlertDialog.Description>
              )}
            </div>
            {options?.details && <div className="min-h-0 overflow-y-auto px-5 py-4">{options.details}</div>}
            <div className="flex justify-end gap-2 border-t border-slate-100 px-5 py-3">
              <AlertDialog.Cancel asChild>
                <Button variant="secondary">{options?.cancelLabel ?? "Cancel"}</Button>
              </AlertDialog.Cancel>
              <AlertDialog.Action asChild>
                <Button variant={options?.destructive ? "destructive" : "primary"} onClick={() => settle(true)}>
                  {options?.confirmLabel}
                </Button>
              </AlertDialog.Action>
            </div>
          </AlertDialog.Content>
        </AlertDialog.Portal>
      </AlertDialog.Root>
    </ConfirmContext.Provider>
  );
}

/** `if (await confirm({...})) doIt()` — resolves false on Cancel, Escape or a click outside. */
export function useConfirm(): Confirm {
  const confirm = useContext(ConfirmContext);
  if (!confirm) throw new Error("useConfirm needs <ConfirmProvider> (mounted in components/providers.tsx)");
  return confirm;
}
