"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Alert, Field, Input, Select } from "@/components/ui/field";
import { ApiError, api } from "@/lib/client/api";

export interface SiemDestinationRow {
  id: string;
  name: string;
  kind: "https" | "syslog";
  enabled: boolean;
  includePayload: boolean;
  secretSet: boolean;
  config: { url?: string; headerName?: string; host?: string; port?: number; tls?: boolean; ca?: string };
}

const TEXTAREA =
  "block w-full rounded-md border-0 px-3 py-1.5 font-mono text-xs text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-indigo-600";

/** The body the API takes (lib/schemas/siem.ts) from the form's fields; an empty secret field keeps the stored one. */
function bodyOf(form: FormData, kind: string, editing: boolean) {
  const text = (k: string) => String(form.get(k) ?? "").trim();
  const common = {
    kind,
    name: text("name"),
    enabled: form.get("enabled") === "on",
    includePayload: form.get("includePayload") === "on",
    ...(text("ca") ? { ca: text("ca") } : {}),
  };
  if (kind === "syslog")
    return { ...common, host: text("host"), port: Number(text("port") || 6514), tls: form.get("tls") === "on" };
  const secret = text("secret");
  const clear = form.get("clearSecret") === "on";
  return {
    ...common,
    url: text("url"),
    headerName: text("headerName") || "authorization",
    ...(editing && clear ? { secret: "" } : secret ? { secret } : {}),
  };
}

/** Add or edit one destination; the secret is write-only (never shown, left blank keeps it). */
export function SiemDestinationForm({ initial, onDone }: { initial?: SiemDestinationRow; onDone: () => void }) {
  const [kind, setKind] = useState<string>(initial?.kind ?? "https");
  const save = useMutation({
    mutationFn: (body: object) =>
      initial
        ? api(`/api/console/siem-destinations/${initial.id}`, { method: "PUT", body })
        : api("/api/console/siem-destinations", { body }),
    onSuccess: onDone,
  });
  const fieldError = (path: string) =>
    save.error instanceof ApiError ? save.error.errors.find((e) => e.path === path)?.message : undefined;
  const c = initial?.config ?? {};
  return (
    <form
      className="space-y-4"
      onSubmit={(e: FormEvent<HTMLFormElement>) => {
        e.preventDefault();
        save.mutate(bodyOf(new FormData(e.currentTarget), kind, Boolean(initial)));
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" error={fieldError("name")}>
          <Input name="name" required defaultValue={initial?.name} placeholder="splunk-prod" />
        </Field>
        <Field label="Transport">
          <Select name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="https">HTTPS (NDJSON batches)</option>
            <option value="syslog">Syslog (RFC 5424 over TCP/TLS)</option>
          </Select>
        </Field>
      </div>
      {kind === "https" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="URL" error={fieldError("url")} hint="https:// only; private addresses need SSRF_ALLOW_HOSTS.">
            <Input name="url" type="url" required defaultValue={c.url} placeholder="https://siem.example.com/ingest" />
          </Field>
          <Field label="Secret header" error={fieldError("headerName")} hint="authorization sends Bearer <secret>.">
            <Input name="headerName" defaultValue={c.headerName ?? "authorization"} />
          </Field>
          <Field
            label="Secret"
            error={fieldError("secret")}
            hint={initial?.secretSet ? "Stored, never shown. Leave blank to keep it." : "Optional. Stored encrypted."}
          >
            <Input name="secret" type="password" autoComplete="off" />
          </Field>
          {initial?.secretSet && (
            <label className="flex items-center gap-2 self-end text-sm text-slate-700">
              <input type="checkbox" name="clearSecret" /> Remove the stored secret
            </label>
          )}
        </div>
      ) : (
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label="Host" error={fieldError("host")}>
            <Input name="host" required defaultValue={c.host} placeholder="syslog.example.com" />
          </Field>
          <Field label="Port" error={fieldError("port")}>
            <Input name="port" type="number" min={1} max={65535} defaultValue={c.port ?? 6514} />
          </Field>
          <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-700">
            <input type="checkbox" name="tls" defaultChecked={c.tls ?? true} /> TLS (RFC 5425)
          </label>
        </div>
      )}
      <Field label="CA certificates (PEM, optional)" error={fieldError("ca")} hint="Trusted instead of the system's.">
        <textarea name="ca" rows={4} className={TEXTAREA} defaultValue={c.ca} />
      </Field>
      <div className="flex flex-wrap gap-6 text-sm text-slate-700">
        <label className="flex items-center gap-2">
          <input type="checkbox" name="enabled" defaultChecked={initial?.enabled ?? true} /> Enabled
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="includePayload" defaultChecked={initial?.includePayload ?? false} /> Include
          arguments and event payloads (masked as stored)
        </label>
      </div>
      {save.isError && <Alert>{save.error.message}</Alert>}
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
