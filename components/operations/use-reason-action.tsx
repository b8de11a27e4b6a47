"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useAnnounce } from "@/components/ui/announcer";
import { api } from "@/lib/client/api";
import { operationsKeys } from "./types";
import { ReasonDialog } from "./reason-dialog";

export interface ReasonAction {
  title: string;
  consequence: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  method: "POST" | "PUT";
  path: string;
  body?: Record<string, unknown>;
}

/** One dialog for every reasoned change on the page; refreshes operations data (and the banner) afterwards. */
export function useReasonAction(onDone?: (result: unknown) => void) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [action, setAction] = useState<ReasonAction | null>(null);
  const mutation = useMutation({
    mutationFn: ({ a, reason }: { a: ReasonAction; reason: string }) =>
      api<unknown>(a.path, { method: a.method, body: { ...(a.body ?? {}), reason } }),
    onSuccess: (result, { a }) => {
      setAction(null);
      announce(`Done: ${a.confirmLabel}.`);
      for (const key of Object.values(operationsKeys)) void qc.invalidateQueries({ queryKey: key });
      onDone?.(result);
    },
  });
  const dialog = action ? (
    <ReasonDialog
      key={action.path + action.title}
      open
      title={action.title}
      consequence={action.consequence}
      confirmLabel={action.confirmLabel}
      danger={action.danger ?? true}
      pending={mutation.isPending}
      error={mutation.error}
      onConfirm={(reason) => mutation.mutate({ a: action, reason })}
      onClose={() => {
        setAction(null);
        mutation.reset();
      }}
    />
  ) : null;
  return { ask: setAction, dialog };
}
