"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Copy, KeyRound } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Alert, Field, Input, Select } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { api } from "@/lib/client/api";

interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  environment: string | null;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
const KEY = ["metrics-tokens"] as const;

/** Admins create read-only tokens for CI gates and Prometheus; the secret is shown once. */
export function MetricsTokens() {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: KEY, queryFn: () => api<{ tokens: TokenRow[] }>("/api/console/metrics-tokens") });
  const [name, setName] = useState("");
  const [environment, setEnvironment] = useState("");
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const create = useMutation({
    mutationFn: () =>
      api<{ token: string; name: string }>("/api/console/metrics-tokens", {
        body: { name, environment: environment || null },
      }),
    onSuccess: (t) => {
      setCreated(t);
      setName("");
      qc.invalidateQueries({ queryKey: KEY });
    },
  });
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
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <div className="min-w-48 flex-1">
          <Field label="Token name">
            <Input
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="release pipeline"
              required
              maxLength={100}
            />
          </Field>
        </div>
        <div className="w-56">
          <Field label="Environment">
            <Select value={environment} onChange={(e) => setEnvironment(e.target.value)}>
              <option value="">All environments</option>
              <option value="production">production only</option>
              <option value="staging">staging only</option>
              <option value="development">development only</option>
            </Select>
          </Field>
        </div>
        <Button type="submit" disabled={create.isPending || !name.trim()}>
          <KeyRound size={14} aria-hidden /> Create token
        </Button>
      </form>
      {create.isError && (
        <div className="mt-3">
          <Alert>{(create.error as Error).message}</Alert>
        </div>
      )}
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
              <li key={t.id} className="flex flex-wrap items-center gap-3 py-2 text-sm">
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
                    variant="ghost"
                    className="ml-auto text-red-700"
                    onClick={() => revoke.mutate(t.id)}
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
