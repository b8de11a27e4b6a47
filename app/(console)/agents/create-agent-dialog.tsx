"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { Copy } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert, Field, Input, Select } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { setServerErrors } from "@/lib/client/form-errors";
import { createAgentFormSchema, ENVIRONMENTS } from "@/lib/schemas/identity";
import type { AgentView } from "@/lib/server/agents";

export type AgentRow = AgentView;
export type Created = AgentRow & { client_secret: string; rotated?: boolean };
type AgentFormInput = z.input<typeof createAgentFormSchema>;
type AgentFormValues = z.output<typeof createAgentFormSchema>;
const NEW_AGENT: AgentFormInput = { name: "", environment: "development", scopes: "", owner: "", description: "" };

export function CreateAgentDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (a: Created) => void;
}) {
  const form = useForm<AgentFormInput, unknown, AgentFormValues>({
    resolver: zodResolver(createAgentFormSchema),
    defaultValues: NEW_AGENT,
  });
  const [message, setMessage] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: AgentFormValues) => api<Created>("/api/console/agents", { body }),
  });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (v) => {
    try {
      const created = await create.mutateAsync(v);
      setMessage(null);
      form.reset(NEW_AGENT);
      onCreated(created);
    } catch (err) {
      const placed = setServerErrors(form.setError, err, ["name", "environment", "scopes", "owner", "description"]);
      setMessage(placed ? null : err instanceof Error ? err.message : "Could not create the agent.");
    }
  });

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="New agent"
      description="An OAuth client bound to one environment. Its secret is shown once."
    >
      <form noValidate onSubmit={onSubmit} className="space-y-4">
        <Field label="Name" error={errors.name?.message}>
          <Input maxLength={100} placeholder="e.g. release-bot" {...form.register("name")} />
        </Field>
        <Field label="Environment" error={errors.environment?.message}>
          <Select {...form.register("environment")}>
            {ENVIRONMENTS.map((env) => (
              <option key={env} value={env}>
                {env}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label="Scopes"
          error={errors.scopes?.message}
          hint="Space- or comma-separated, e.g. mcp:github:read mcp:jira:write (mcp:*:read for every server)."
        >
          <Input placeholder="mcp:github:read" {...form.register("scopes")} />
        </Field>
        <Field label="Owner" error={errors.owner?.message} hint="The team or person answerable for this agent.">
          <Input maxLength={200} {...form.register("owner")} />
        </Field>
        <Field label="Description" error={errors.description?.message}>
          <Input maxLength={1000} {...form.register("description")} />
        </Field>
        {message && <Alert>{message}</Alert>}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create agent"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export function SecretOnce({ created, onDismiss }: { created: Created; onDismiss: () => void }) {
  return (
    <div className="rounded-xl bg-amber-50 p-4 ring-1 ring-amber-200" role="status">
      <p className="text-sm font-medium text-amber-900">
        {created.rotated ? `New secret for “${created.name}”` : `Agent “${created.name}” created`} — copy the client
        secret now; it will not be shown again.
      </p>
      <dl className="mt-3 grid gap-2 text-sm md:grid-cols-[8rem_1fr]">
        <dt className="text-amber-900">Client ID</dt>
        <dd>
          <code
            data-testid="new-client-id"
            className="rounded bg-white px-2 py-1 font-mono text-xs ring-1 ring-amber-200"
          >
            {created.client_id}
          </code>
        </dd>
        <dt className="text-amber-900">Client secret</dt>
        <dd className="flex items-center gap-2">
          <code
            data-testid="new-client-secret"
            className="block flex-1 overflow-x-auto rounded bg-white px-2 py-1 font-mono text-xs ring-1 ring-amber-200"
          >
            {created.client_secret}
          </code>
          <Button
            variant="secondary"
            type="button"
            onClick={() => navigator.clipboard?.writeText(created.client_secret)}
            aria-label="Copy client secret"
          >
            <Copy size={14} aria-hidden /> Copy
          </Button>
        </dd>
      </dl>
      <p className="mt-3 text-xs text-amber-900">
        Token endpoint: <code>POST /api/oauth/token</code> with <code>grant_type=client_credentials</code> (HTTP Basic
        or client_secret_post).
      </p>
      <div className="mt-3">
        <Button variant="secondary" onClick={onDismiss}>
          I have stored it
        </Button>
      </div>
    </div>
  );
}
