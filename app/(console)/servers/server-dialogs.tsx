"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { ACTION_TONE, RISK_TONE } from "@/components/catalog/tones";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert, Field, Input, Select } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { setServerErrors } from "@/lib/client/form-errors";
import { createServerSchema, overrideToolSchema } from "@/lib/schemas/catalog";
import { ACTION_CLASSES, RISKS } from "@/lib/schemas/identity";
import type { ServerRow, SubmitAnswer, ToolChange, ToolRow } from "./types";

type OverrideValues = z.infer<typeof overrideToolSchema>;

type ServerFormInput = z.input<typeof createServerSchema>;
type ServerFormValues = z.output<typeof createServerSchema>;
/** An empty optional field is left out rather than sent as "". */
const emptyAsUnset = (v: string) => (v.trim() === "" ? undefined : v);
const newServer = (environment: string): ServerFormInput => ({
  environment: environment as ServerFormInput["environment"],
  name: "",
  transport: "remote_http",
  owner: "",
  description: "",
  requires_receipt: false,
  tools: [],
});

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
  const form = useForm<ServerFormInput, unknown, ServerFormValues>({
    resolver: zodResolver(createServerSchema),
    defaultValues: newServer(environment),
  });
  const [message, setMessage] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: ServerFormValues) => api<SubmitAnswer>("/api/console/servers", { body }),
  });
  const transport = form.watch("transport");
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (v) => {
    const remote = v.transport === "remote_http";
    // The page's environment tab may have changed since the dialog mounted; it names the environment.
    const env = environment as ServerFormValues["environment"];
    const body = { ...v, environment: env, url: remote ? v.url : undefined, command: remote ? undefined : v.command };
    try {
      const answer = await create.mutateAsync(body);
      setMessage(null);
      form.reset(newServer(environment));
      onDone(answer, v.name);
    } catch (err) {
      const placed = setServerErrors(form.setError, err, [
        "name",
        "transport",
        "url",
        "command",
        "owner",
        "description",
      ]);
      setMessage(placed ? null : err instanceof Error ? err.message : "Could not save the server.");
    }
  });

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`New server in ${environment}`}
      description="The name is the mcp.server label policies match on."
    >
      <form noValidate onSubmit={onSubmit} className="space-y-4">
        <Field label="Name" error={errors.name?.message} hint="Lower-case, e.g. github">
          <Input autoComplete="off" {...form.register("name")} />
        </Field>
        <Field label="Transport" error={errors.transport?.message}>
          <Select {...form.register("transport")}>
            <option value="remote_http">Remote (Streamable HTTP)</option>
            <option value="stdio" disabled={environment !== "development"}>
              stdio (development only)
            </option>
          </Select>
        </Field>
        {transport === "remote_http" ? (
          <Field
            label="URL"
            error={errors.url?.message}
            hint={environment === "development" ? "http or https" : "https only in staging and production"}
          >
            <Input
              type="url"
              placeholder="https://mcp.example.com/mcp"
              {...form.register("url", { setValueAs: emptyAsUnset })}
            />
          </Field>
        ) : (
          <Field label="Command" error={errors.command?.message}>
            <Input
              placeholder="npx @modelcontextprotocol/server-filesystem /data"
              {...form.register("command", { setValueAs: emptyAsUnset })}
            />
          </Field>
        )}
        <Field label="Owner" error={errors.owner?.message}>
          <Input maxLength={200} {...form.register("owner")} />
        </Field>
        <Field label="Description" error={errors.description?.message}>
          <Input maxLength={2000} {...form.register("description")} />
        </Field>
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input type="checkbox" className="mt-0.5" {...form.register("requires_receipt")} />
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
  const form = useForm<OverrideValues>({
    resolver: zodResolver(overrideToolSchema),
    defaultValues: {
      action: tool.action as OverrideValues["action"],
      risk: tool.risk as OverrideValues["risk"],
      reason: "",
    },
  });
  const [message, setMessage] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: OverrideValues) =>
      api<SubmitAnswer>(`/api/console/servers/${server.id}/tools/${tool.id}`, { method: "PATCH", body }),
  });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (v) => {
    try {
      onDone(await save.mutateAsync(v));
    } catch (err) {
      const placed = setServerErrors(form.setError, err, ["action", "risk", "reason"]);
      setMessage(placed ? null : err instanceof Error ? err.message : "Could not save.");
    }
  });
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Reclassify ${tool.name}`}
      description="Policies match on the class and risk; the change and its reason go to the audit trail."
    >
      <form noValidate onSubmit={onSubmit} className="space-y-4">
        <Field label="Action class" error={errors.action?.message}>
          <Select {...form.register("action")}>
            {ACTION_CLASSES.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Risk" error={errors.risk?.message}>
          <Select {...form.register("risk")}>
            {RISKS.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Reason" error={errors.reason?.message}>
          <Input maxLength={500} placeholder="e.g. posts publicly, treat as high risk" {...form.register("reason")} />
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
