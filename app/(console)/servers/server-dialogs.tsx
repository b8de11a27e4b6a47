"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ACTION_TONE, RISK_TONE } from "@/components/catalog/tones";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert, Field, Input, Select } from "@/components/ui/field";
import { api, ApiError } from "@/lib/client/api";
import type { ServerRow, SubmitAnswer, ToolChange, ToolRow } from "./types";

function fieldErrors(err: unknown): Record<string, string> {
  return err instanceof ApiError ? Object.fromEntries(err.errors.map((x) => [x.path.split(".")[0], x.message])) : {};
}

export function CreateServerDialog({
  open,
  environment,
  onClose,
  onDone,
}: {
  open: boolean;
  environment: string;
  onClose: () => void;
  onDone: (a: SubmitAnswer, name: string) => void;
}) {
  const [transport, setTransport] = useState("remote_http");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const create = useMutation({ mutationFn: (body: unknown) => api<SubmitAnswer>("/api/console/servers", { body }) });

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const name = String(f.get("name") ?? "");
    try {
      const answer = await create.mutateAsync({
        environment,
        name,
        transport,
        ...(transport === "remote_http" ? { url: f.get("url") } : { command: f.get("command") }),
        owner: f.get("owner") || undefined,
        description: f.get("description") || undefined,
        requires_receipt: f.get("requires_receipt") === "on",
        tools: [],
      });
      setErrors({});
      setMessage(null);
      onDone(answer, name);
    } catch (err) {
      setErrors(fieldErrors(err));
      setMessage(err instanceof Error ? err.message : "Could not save the server.");
    }
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`New server in ${environment}`}
      description="The name is the mcp.server label policies match on."
    >
      <form onSubmit={onSubmit} className="space-y-4">
        <Field label="Name" error={errors.name} hint="Lower-case, e.g. github">
          <Input name="name" required pattern="[a-z0-9][a-z0-9._\-]*" />
        </Field>
        <Field label="Transport" error={errors.transport}>
          <Select name="transport" value={transport} onChange={(e) => setTransport(e.target.value)}>
            <option value="remote_http">Remote (Streamable HTTP)</option>
            <option value="stdio" disabled={environment !== "development"}>
              stdio (development only)
            </option>
          </Select>
        </Field>
        {transport === "remote_http" ? (
          <Field
            label="URL"
            error={errors.url}
            hint={environment === "development" ? "http or https" : "https only in staging and production"}
          >
            <Input name="url" type="url" required placeholder="https://mcp.example.com/mcp" />
          </Field>
        ) : (
          <Field label="Command" error={errors.command}>
            <Input name="command" required placeholder="npx @modelcontextprotocol/server-filesystem /data" />
          </Field>
        )}
        <Field label="Owner" error={errors.owner}>
          <Input name="owner" maxLength={200} />
        </Field>
        <Field label="Description" error={errors.description}>
          <Input name="description" maxLength={2000} />
        </Field>
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input type="checkbox" name="requires_receipt" className="mt-0.5" />
          <span>
            The server verifies decision receipts
            <span className="block text-xs text-slate-500">
              It refuses calls the console did not allow (lib/receipt-verifier).
            </span>
          </span>
        </label>
        {message && <Alert>{message}</Alert>}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Saving…" : "Save server"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

interface Discovery {
  tools: Pick<ToolRow, "name" | "description" | "action" | "risk" | "overridden">[];
  changes: ToolChange[];
}

const CHANGE_TONE = { added: "green", removed: "red", changed: "amber" } as const;

export function DiscoverDialog({
  server,
  onClose,
  onDone,
}: {
  server: ServerRow;
  onClose: () => void;
  onDone: (a: SubmitAnswer) => void;
}) {
  const found = useQuery({
    queryKey: ["discover", server.id],
    queryFn: () => api<Discovery>(`/api/console/servers/${server.id}/discover`, { body: { save: false } }),
    retry: false,
    staleTime: 0,
    gcTime: 0,
  });
  const save = useMutation({
    mutationFn: () =>
      api<Discovery & { server?: ServerRow; change_request?: SubmitAnswer["change_request"] }>(
        `/api/console/servers/${server.id}/discover`,
        { body: { save: true } },
      ),
    onSuccess: (r) =>
      onDone(
        r.change_request ? { status: "pending_review", change_request: r.change_request } : (r.server as ServerRow),
      ),
  });
  return (
    <Dialog
      open
      onClose={onClose}
      wide
      title={`Discover tools of ${server.name}`}
      description={server.url ?? undefined}
    >
      {found.isPending && (
        <p className="text-sm text-slate-500" role="status">
          Connecting to the server and listing its tools…
        </p>
      )}
      {found.isError && <Alert>{found.error.message}</Alert>}
      {found.data && (
        <div className="space-y-4">
          <section>
            <h3 className="mb-2 text-sm font-semibold text-slate-900">What would change</h3>
            {found.data.changes.length === 0 ? (
              <p className="text-sm text-slate-500" data-testid="discover-no-changes">
                The catalog already matches the server.
              </p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm" data-testid="discover-changes">
                {found.data.changes.map((c) => (
                  <li key={`${c.type}-${c.tool}`} className="flex flex-wrap items-center gap-2 py-1.5">
                    <Badge tone={CHANGE_TONE[c.type]}>{c.type}</Badge>
                    <span className="font-mono">{c.tool}</span>
                    {c.type === "changed" && (
                      <span className="text-xs text-slate-500">
                        {c.fields?.join(", ")}
                        {c.before &&
                          c.after &&
                          (c.before.action !== c.after.action || c.before.risk !== c.after.risk) &&
                          `: ${c.before.action}/${c.before.risk} → ${c.after.action}/${c.after.risk}`}
                      </span>
                    )}
                    {c.type === "added" && c.after && (
                      <span className="text-xs text-slate-500">
                        {c.after.action} / {c.after.risk} risk
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section>
            <h3 className="mb-2 text-sm font-semibold text-slate-900">{found.data.tools.length} tools on the server</h3>
            <ul className="grid gap-1 text-sm md:grid-cols-2">
              {found.data.tools.map((t) => (
                <li key={t.name} className="flex items-center gap-2">
                  <span className="font-mono">{t.name}</span>
                  <Badge tone={ACTION_TONE[t.action]}>{t.action}</Badge>
                  <Badge tone={RISK_TONE[t.risk]}>{t.risk}</Badge>
                  {t.overridden && <span className="text-xs text-slate-500">kept override</span>}
                </li>
              ))}
            </ul>
          </section>
          {save.isError && <Alert>{save.error.message}</Alert>}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={onClose}>
              Close
            </Button>
            <Button onClick={() => save.mutate()} disabled={save.isPending || found.data.changes.length === 0}>
              {save.isPending
                ? "Saving…"
                : server.environment === "production"
                  ? "Request these changes"
                  : "Save tools"}
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

export function OverrideDialog({
  server,
  tool,
  onClose,
  onDone,
}: {
  server: ServerRow;
  tool: ToolRow;
  onClose: () => void;
  onDone: (a: SubmitAnswer) => void;
}) {
  const [message, setMessage] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: unknown) =>
      api<SubmitAnswer>(`/api/console/servers/${server.id}/tools/${tool.id}`, { method: "PATCH", body }),
  });
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    try {
      onDone(await save.mutateAsync({ action: f.get("action"), risk: f.get("risk"), reason: f.get("reason") }));
    } catch (err) {
      setMessage(err instanceof Error ? err.message : "Could not save.");
    }
  }
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Reclassify ${tool.name}`}
      description="Policies match on the class and risk; the change and its reason go to the audit trail."
    >
      <form onSubmit={onSubmit} className="space-y-4">
        <Field label="Action class">
          <Select name="action" defaultValue={tool.action}>
            <option value="read">read</option>
            <option value="write">write</option>
            <option value="admin">admin</option>
          </Select>
        </Field>
        <Field label="Risk">
          <Select name="risk" defaultValue={tool.risk}>
            <option value="low">low</option>
            <option value="medium">medium</option>
            <option value="high">high</option>
          </Select>
        </Field>
        <Field label="Reason">
          <Input name="reason" required maxLength={500} placeholder="e.g. posts publicly, treat as high risk" />
        </Field>
        {message && <Alert>{message}</Alert>}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={save.isPending}>
            Save
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
