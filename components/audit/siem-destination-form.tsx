"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Alert, Field, Input, Select } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { otherServerErrors } from "@/lib/client/form-errors";
import type { Wire } from "@/lib/client/wire";
import { siemDestinationFormSchema, type SiemDestinationFormValues } from "@/lib/schemas/siem";
import type { siemDestinationsView } from "@/lib/server/siem/run";

/** GET /api/console/siem-destinations: one destination with its export status. */
export type SiemDestinationRow = Wire<Awaited<ReturnType<typeof siemDestinationsView>>>[number];
type Body = z.output<typeof siemDestinationFormSchema>;

const TEXTAREA =
  "block w-full rounded-md border-0 px-3 py-1.5 font-mono text-xs text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-indigo-600";
const SERVER_FIELDS = ["name", "url", "headerName", "secret", "host", "port", "ca"] as const;

function defaultsOf(initial?: SiemDestinationRow): SiemDestinationFormValues {
  const c = initial?.config ?? {};
  return {
    kind: initial?.kind ?? "https",
    name: initial?.name ?? "",
    enabled: initial?.enabled ?? true,
    includePayload: initial?.includePayload ?? false,
    ca: c.ca ?? "",
    url: c.url ?? "",
    headerName: c.headerName ?? "authorization",
    secret: "",
    clearSecret: false,
    host: c.host ?? "",
    port: String(c.port ?? 6514),
    tls: c.tls ?? true,
  };
}

/** Add or edit one destination; the secret is write-only (never shown, left blank keeps it). */
export function SiemDestinationForm({ initial, onDone }: { initial?: SiemDestinationRow; onDone: () => void }) {
  const form = useForm<SiemDestinationFormValues, unknown, Body>({
    resolver: zodResolver(siemDestinationFormSchema),
    defaultValues: defaultsOf(initial),
  });
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: (body: Body) =>
      initial
        ? api(`/api/console/siem-destinations/${initial.id}`, { method: "PUT", body })
        : api("/api/console/siem-destinations", { body }),
    onMutate: () => setOtherErrors([]),
    onSuccess: onDone,
    onError: (e) => setOtherErrors(otherServerErrors(form.setError, e, SERVER_FIELDS)),
  });
  const errors = form.formState.errors;
  const fieldErrorShown = SERVER_FIELDS.some((f) => errors[f]);
  const kind = form.watch("kind");
  return (
    <form className="space-y-4" noValidate onSubmit={form.handleSubmit((body) => save.mutate(body))}>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" error={errors.name?.message}>
          <Input placeholder="splunk-prod" {...form.register("name")} />
        </Field>
        <Field label="Transport">
          <Select {...form.register("kind")}>
            <option value="https">HTTPS (NDJSON batches)</option>
            <option value="syslog">Syslog (RFC 5424 over TCP/TLS)</option>
          </Select>
        </Field>
      </div>
      {kind === "https" ? (
        <HttpsFields form={form} secretSet={Boolean(initial?.secretSet)} />
      ) : (
        <SyslogFields form={form} />
      )}
      <Field label="CA certificates (PEM, optional)" error={errors.ca?.message} hint="Trusted instead of the system's.">
        <textarea rows={4} className={TEXTAREA} {...form.register("ca")} />
      </Field>
      <div className="flex flex-wrap gap-6 text-sm text-slate-700">
        <label className="flex items-center gap-2">
          <input type="checkbox" {...form.register("enabled")} /> Enabled
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" {...form.register("includePayload")} /> Include arguments and event payloads (masked as
          stored)
        </label>
      </div>
      {save.isError && (otherErrors.length > 0 || !fieldErrorShown) && (
        <Alert>{otherErrors.length > 0 ? otherErrors.join(" ") : save.error.message}</Alert>
      )}
      <div className="flex gap-2">
        <Button type="submit" disabled={save.isPending}>
          {initial ? "Save destination" : "Add destination"}
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

type Form = ReturnType<typeof useForm<SiemDestinationFormValues, unknown, Body>>;

function HttpsFields({ form, secretSet }: { form: Form; secretSet: boolean }) {
  const errors = form.formState.errors;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field label="URL" error={errors.url?.message} hint="https:// only; private addresses need SSRF_ALLOW_HOSTS.">
        <Input type="url" placeholder="https://siem.example.com/ingest" {...form.register("url")} />
      </Field>
      <Field label="Secret header" error={errors.headerName?.message} hint="authorization sends Bearer <secret>.">
        <Input {...form.register("headerName")} />
      </Field>
      <Field
        label="Secret"
        error={errors.secret?.message}
        hint={secretSet ? "Stored, never shown. Leave blank to keep it." : "Optional. Stored encrypted."}
      >
        <Input type="password" autoComplete="off" {...form.register("secret")} />
      </Field>
      {secretSet && (
        <label className="flex items-center gap-2 self-end text-sm text-slate-700">
          <input type="checkbox" {...form.register("clearSecret")} /> Remove the stored secret
        </label>
      )}
    </div>
  );
}

function SyslogFields({ form }: { form: Form }) {
  const errors = form.formState.errors;
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <Field label="Host" error={errors.host?.message}>
        <Input placeholder="syslog.example.com" {...form.register("host")} />
      </Field>
      <Field label="Port" error={errors.port?.message}>
        <Input type="number" min={1} max={65535} {...form.register("port")} />
      </Field>
      <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-700">
        <input type="checkbox" {...form.register("tls")} /> TLS (RFC 5425)
      </label>
    </div>
  );
}
