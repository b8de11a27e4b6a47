"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useState, type ReactNode } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert, Field } from "@/components/ui/field";
import { otherServerErrors } from "@/lib/client/form-errors";
import { reasonFormSchema, type ReasonFormValues } from "@/lib/schemas/operations";

/**
 * Every revocation, restore and kill-switch change needs a reason (it goes into the audit
 * trail); this asks for it and shows what will happen before anything is sent.
 */
export function ReasonDialog({
  open,
  title,
  consequence,
  confirmLabel,
  danger = true,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  consequence: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  pending: boolean;
  /** The refusal of the last send: its `reason` error stands beside the field, the rest above the buttons. */
  error?: Error | null;
  onConfirm: (reason: string) => void;
  onClose: () => void;
}) {
  const form = useForm<ReasonFormValues>({ resolver: zodResolver(reasonFormSchema), defaultValues: { reason: "" } });
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const { setError } = form;
  useEffect(() => {
    setOtherErrors(error ? otherServerErrors(setError, error, ["reason"]) : []);
  }, [error, setError]);
  const shown = error && otherErrors.length === 0 && !form.formState.errors.reason ? [error.message] : otherErrors;
  return (
    <Dialog open={open} onClose={onClose} title={title}>
      <form className="space-y-4" noValidate onSubmit={form.handleSubmit((v) => onConfirm(v.reason))}>
        <div className="text-sm text-slate-700">{consequence}</div>
        <Field label="Reason (recorded in the audit trail)" error={form.formState.errors.reason?.message}>
          <textarea
            autoFocus
            rows={3}
            maxLength={500}
            {...form.register("reason")}
            className="block w-full rounded-md border-0 px-3 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-indigo-600"
            placeholder="e.g. token seen in a public CI log, incident INC-1234"
          />
        </Field>
        {shown.length > 0 && <Alert>{shown.join(" ")}</Alert>}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant={danger ? "danger" : "primary"} disabled={pending}>
            {pending ? "Working…" : confirmLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
