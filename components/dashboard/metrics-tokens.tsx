"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Copy, KeyRound } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { useConfirm } from "@/components/ui/confirm";
import { Alert, Field, Input, Select } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { api } from "@/lib/client/api";
import type { Wire } from "@/lib/client/wire";
import type { listMetricsTokens } from "@/lib/server/metrics/metrics-tokens";

type TokenRow = Wire<Awaited<ReturnType<typeof listMetricsTokens>>>[number];
const KEY = ["metrics-tokens"] as const;

/** The API's createMetricsTokenSchema in the form's terms: "" is every environment; errors in plain words. */
const tokenForm = z.object({
  name: z.string().trim().min(1, "Name the token after what uses it.").max(100, "At most 100 characters."),
  environment: z.enum(["", "production", "staging", "development"]),
});
type TokenFormValues = z.infer<typeof tokenForm>;

/** Admins create read-only tokens for CI gates and Prometheus; the secret is shown once. */
export function MetricsTokens() {
  const qc = useQueryClient();
  const confirm = useConfirm();
  const q = useQuery({ queryKey: KEY, queryFn: () => api<{ tokens: TokenRow[] }>("/api/console/metrics-tokens") });
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => api(`/api/console/metrics-tokens/${id}/revoke`, { method: "POST" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
  const origin = typeof window === "undefined" ? "" : window.location.host;
  return (
    <Card
      title="Metrics tokens"
      description="Read-only secrets for the go/no-go script, CI and Prometheus: send one as a bearer token or as the Basic-auth password."
    >
      <CreateTokenForm onCreated={setCreated} />
      {created && (
        <div
          className="mt-3 space-y-2 rounded-lg bg-amber-50 p-3 ring-1 ring-amber-200"
          data-testid="new-metrics-token"
        >
          <p className="text-sm font-medium text-amber-900">Copy “{created.name}” now — it is not shown again.</p>
          <div className="flex items-center gap-2">
            <code className="min-w-0 flex-1 truncate rounded bg-white px-2 py-1 font-mono text-xs">
              {created.token}
            </code>
            <Button type="button" variant="secondary" onClick={() => navigator.clipboard?.writeText(created.token)}>
              <Copy size={14} aria-hidden /> Copy
            </Button>
          </div>
          <p className="text-xs text-amber-900">
            Go/no-go script:{" "}
            <code className="font-mono">
              API=http://gate:{created.token.slice(0, 12)}…@{origin}/api ./mcp-go-no-go.sh
            </code>
          </p>
        </div>
      )}
      <div className="mt-4">
        {q.data && q.data.tokens.length === 0 && (
          <EmptyState title="No metrics tokens yet">
            Create one for your release pipeline or Prometheus scrape job.
          </EmptyState>
        )}
        {q.data && q.data.tokens.length > 0 && (
          <ul className="divide-y divide-slate-100">
            {q.data.tokens.map((t) => (
              <li
                key={t.id}
                className="flex flex-wrap items-center gap-3 py-2 text-sm"
                data-testid={`metrics-token-${t.name}`}
              >
                <span className="font-medium text-slate-900">{t.name}</span>
                <code className="font-mono text-xs text-slate-500">{t.prefix}</code>
                <Badge tone={t.environment ? "indigo" : "slate"}>{t.environment ?? "all environments"}</Badge>
                {t.revokedAt ? <Badge tone="red">revoked</Badge> : <Badge tone="green">active</Badge>}
                <span className="text-xs text-slate-500">
                  by {t.createdBy} · last used {t.lastUsedAt ? <RelativeTime at={t.lastUsedAt} /> : "never"}
                </span>
                {!t.revokedAt && (
                  <Button
                    type="button"
                    variant="danger"
                    className="ml-auto"
                    onClick={async () => {
                      const ok = await confirm({
                        title: `Revoke the metrics token “${t.name}”?`,
                        description:
                          "Scripts and scrape jobs that send it are refused from their next request. This cannot be undone.",
                        confirmLabel: "Revoke token",
                        destructive: true,
                      });
                      if (ok) revoke.mutate(t.id);
                    }}
                    disabled={revoke.isPending}
                  >
                    Revoke
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}

/** Name and environment; the secret comes back once and is handed to `onCreated`. */
function CreateTokenForm({ onCreated }: { onCreated: (t: { token: string; name: string }) => void }) {
  const qc = useQueryClient();
  const form = useForm<TokenFormValues>({
    resolver: zodResolver(tokenForm),
    defaultValues: { name: "", environment: "" },
  });
  const create = useMutation({
    mutationFn: (v: TokenFormValues) =>
      api<{ token: string; name: string }>("/api/console/metrics-tokens", {
        body: { name: v.name, environment: v.environment || null },
      }),
    onSuccess: (t, v) => {
      onCreated(t);
      form.reset({ name: "", environment: v.environment });
      qc.invalidateQueries({ queryKey: KEY });
    },
  });
  return (
    <>
      <form
        noValidate
        className="flex flex-wrap items-start gap-3"
        onSubmit={form.handleSubmit((v) => create.mutate(v))}
      >
        <div className="min-w-48 flex-1">
          <Field label="Token name" error={form.formState.errors.name?.message}>
            <Input placeholder="release pipeline" maxLength={100} {...form.register("name")} />
          </Field>
        </div>
        <div className="w-56">
          <Field label="Environment">
            <Select {...form.register("environment")}>
              <option value="">All environments</option>
              <option value="production">production only</option>
              <option value="staging">staging only</option>
              <option value="development">development only</option>
            </Select>
          </Field>
        </div>
        <Button type="submit" className="mt-6" disabled={create.isPending}>
          <KeyRound size={14} aria-hidden /> Create token
        </Button>
      </form>
      {create.isError && (
        <div className="mt-3">
          <Alert>{create.error.message}</Alert>
        </div>
      )}
    </>
  );
}
