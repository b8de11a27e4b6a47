"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { type UseFormRegister, useForm } from "react-hook-form";
import type { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DirtyBar } from "@/components/ui/dirty-bar";
import { Alert, Field, Input } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { setServerErrors } from "@/lib/client/form-errors";
import { smtpSchema } from "@/lib/schemas/approval-workflow";
import type { SmtpSettings as StoredSmtp } from "@/lib/server/notifications/settings";
import { useInvalidate } from "./settings-cache";

/** GET /api/console/notifications/smtp: the stored settings without the password. */
type SmtpView = Partial<StoredSmtp> & { configured: boolean; password_set?: boolean };
type SmtpInput = z.input<typeof smtpSchema>;
type SmtpValues = z.output<typeof smtpSchema>;
const emptyAsUnset = (v: string) => (v === "" ? undefined : v);

function valuesOf(v: SmtpView): SmtpInput {
  return {
    host: v.host ?? "",
    port: v.port ?? 587,
    from: v.from ?? "",
    user: v.user || undefined,
    password: undefined,
    secure: v.secure ?? false,
    starttls: v.starttls ?? false,
    approverLinks: v.approverLinks ?? false,
    // Not on the form (a local relay's self-signed certificate), but kept when the form saves.
    ...(v.insecureTls !== undefined ? { insecureTls: v.insecureTls } : {}),
  };
}

/** The SMTP server e-mail channels and approver links use; its password is write-only. */
export function SmtpSettings() {
  const smtp = useQuery({
    queryKey: ["approval-settings", "smtp"],
    queryFn: () => api<SmtpView>("/api/console/notifications/smtp"),
  });
  return (
    <Card
      title={
        <span className="flex flex-wrap items-center gap-2">
          E-mail (SMTP){" "}
          {smtp.data?.configured ? (
            <Badge tone="green">
              configured: {smtp.data.host}:{smtp.data.port}
            </Badge>
          ) : (
            <Badge>not configured</Badge>
          )}
        </span>
      }
      description="The server that sends e-mail channels' notifications and approvers' one-time links."
    >
      {smtp.isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {smtp.isError && <Alert>The SMTP settings could not be loaded.</Alert>}
      {smtp.data && <SmtpForm view={smtp.data} />}
    </Card>
  );
}

function SmtpForm({ view }: { view: SmtpView }) {
  const form = useForm<SmtpInput, unknown, SmtpValues>({
    resolver: zodResolver(smtpSchema),
    defaultValues: valuesOf(view),
  });
  const refresh = useInvalidate();
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (body: SmtpValues) => api("/api/console/notifications/smtp", { method: "PUT", body }),
  });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (v) => {
    try {
      await save.mutateAsync(v);
    } catch (err) {
      setServerErrors(form.setError, err, ["host", "port", "from", "user", "password"]);
      return;
    }
    form.reset({ ...v, password: undefined });
    await refresh(); // the card's "configured" badge shows the new host when "Saved." appears
    setSaved(true);
  });
  const fieldErrors = Object.keys(errors).length > 0;
  return (
    <form noValidate onSubmit={onSubmit} onChange={() => setSaved(false)} className="space-y-4" data-testid="smtp-form">
      <div className="grid gap-3 md:grid-cols-6 md:items-start">
        <div className="md:col-span-2">
          <Field label="Host" error={errors.host?.message}>
            <Input autoComplete="off" placeholder="smtp.example.com" {...form.register("host")} />
          </Field>
        </div>
        <Field label="Port" error={errors.port?.message} hint="587, or 465 with TLS">
          <Input type="number" min={1} max={65535} {...form.register("port", { valueAsNumber: true })} />
        </Field>
        <div className="md:col-span-3">
          <Field label="From" error={errors.from?.message}>
            <Input placeholder="approvals@example.com" {...form.register("from")} />
          </Field>
        </div>
        <div className="md:col-span-3">
          <Field label="User" error={errors.user?.message}>
            <Input autoComplete="off" {...form.register("user", { setValueAs: emptyAsUnset })} />
          </Field>
        </div>
        <div className="md:col-span-3">
          <Field
            label="Password"
            error={errors.password?.message}
            hint={view.password_set ? "Stored encrypted; leave empty to keep it." : "Optional."}
          >
            <Input
              type="password"
              autoComplete="new-password"
              {...form.register("password", { setValueAs: emptyAsUnset })}
            />
          </Field>
        </div>
      </div>
      <SecurityChoices register={form.register} />
      <DirtyBar
        dirty={form.formState.isDirty}
        saving={save.isPending}
        changes="SMTP server"
        saved={saved ? "Saved. E-mail goes through this server from now on." : null}
        error={save.isError && !fieldErrors ? save.error.message : null}
        onDiscard={() => {
          form.reset();
          save.reset();
        }}
      />
    </form>
  );
}

/** The connection's encryption and whether approvers get links: checkboxes in their own rows, each explained. */
function SecurityChoices({ register }: { register: UseFormRegister<SmtpInput> }) {
  const id = useId();
  const choices = [
    { name: "secure", label: "TLS", hint: "Encrypted from the first byte (usually port 465)." },
    {
      name: "starttls",
      label: "Require STARTTLS",
      hint: "Refuse to send unless the server upgrades a plain connection.",
    },
  ] as const;
  return (
    <>
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700">Connection</legend>
        <div className="flex flex-col gap-2 sm:flex-row sm:gap-8">
          {choices.map((c) => (
            <div key={c.name} className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                id={`${id}-${c.name}`}
                className="mt-0.5"
                aria-describedby={`${id}-${c.name}-hint`}
                {...register(c.name)}
              />
              <span>
                <label htmlFor={`${id}-${c.name}`}>{c.label}</label>
                <span id={`${id}-${c.name}-hint`} className="block text-xs text-slate-500">
                  {c.hint}
                </span>
              </span>
            </div>
          ))}
        </div>
      </fieldset>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-0.5" {...register("approverLinks")} />
        <span>
          E-mail each person who may decide a request, with one-time approve / deny links (each opens a confirmation
          page in the console; a link alone never decides)
        </span>
      </label>
    </>
  );
}
