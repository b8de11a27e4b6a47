"use client";

import { useConfirm } from "@/components/ui/confirm";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { RotateCw } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Alert, Field, Input } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { api, ApiError, queryKeys } from "@/lib/client/api";

interface SigningKeyRow {
  kid: string;
  alg: string;
  created_at: string;
  retired_at: string | null;
  published: boolean;
}

interface IssuerRow {
  id: string;
  name: string;
  issuer: string;
  jwks_uri: string | null;
  introspection_url: string | null;
  audience: string;
  algorithms: string[];
  client_id_claim: string;
  scope_claim: string;
  environment_claim: string;
  status: string;
}

export function IdentityView({ issuer }: { issuer: string }) {
  const confirm = useConfirm();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const keys = useQuery({
    queryKey: ["signing-keys"],
    queryFn: () => api<{ keys: SigningKeyRow[] }>("/api/console/signing-keys"),
  });
  const issuers = useQuery({
    queryKey: queryKeys.trustedIssuers,
    queryFn: () => api<{ issuers: IssuerRow[] }>("/api/console/trusted-issuers"),
  });
  const rotate = useMutation({
    mutationFn: () => api("/api/console/signing-keys/rotate", { method: "POST" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["signing-keys"] }),
    onError: (e) => setError(e.message),
  });
  const update = useMutation({
    mutationFn: ({ id, method, body }: { id: string; method: string; body?: unknown }) =>
      api(`/api/console/trusted-issuers/${id}`, { method, body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.trustedIssuers }),
    onError: (e) => setError(e.message),
  });

  return (
    <div className="space-y-6">
      {error && <Alert>{error}</Alert>}
      <Card
        title="Built-in issuer"
        description={
          <>
            Issuer <code>{issuer}</code> · token endpoint <code>/api/oauth/token</code> · keys at{" "}
            <code>/.well-known/jwks.json</code>
          </>
        }
        actions={
          <Button
            variant="secondary"
            disabled={rotate.isPending}
            onClick={async () =>
              (await confirm({
                title: "Rotate the signing key?",
                description:
                  "New tokens are signed with a new key. The current key stays published until its tokens expire.",
                confirmLabel: "Rotate key",
              })) && rotate.mutate()
            }
          >
            <RotateCw size={14} aria-hidden /> Rotate signing key
          </Button>
        }
      >
        {keys.isPending && <p className="text-sm text-slate-500">Loading…</p>}
        {keys.data?.keys.length === 0 && (
          <p className="text-sm text-slate-500">No key yet: one is generated when the first token is issued.</p>
        )}
        <ul className="divide-y divide-slate-100 text-sm">
          {keys.data?.keys.map((k) => (
            <li key={k.kid} className="flex flex-wrap items-center gap-2 py-2">
              <code className="font-mono">{k.kid}</code>
              <Badge>{k.alg}</Badge>
              {!k.retired_at ? (
                <Badge tone="green">● signing</Badge>
              ) : k.published ? (
                <Badge tone="amber">retired, still published</Badge>
              ) : (
                <Badge>retired</Badge>
              )}
              <span className="text-slate-500">
                created <RelativeTime at={k.created_at} />
              </span>
            </li>
          ))}
        </ul>
      </Card>
      <Card
        title="Trusted external issuers"
        description="Agents registered with the same client id may present these issuers' access tokens; their scopes are capped by the agent's."
      >
        {issuers.data?.issuers.length === 0 && (
          <EmptyState title="No external issuers">
            Add one below to accept tokens from your identity provider.
          </EmptyState>
        )}
        <ul className="divide-y divide-slate-100 text-sm">
          {issuers.data?.issuers.map((i) => (
            <li
              key={i.id}
              className="flex flex-wrap items-start justify-between gap-3 py-3"
              data-testid={`issuer-${i.name}`}
            >
              <div>
                <div className="flex items-center gap-2 font-medium text-slate-900">
                  {i.name} <Badge tone={i.status === "active" ? "green" : "slate"}>● {i.status}</Badge>
                </div>
                <div className="text-xs text-slate-500">
                  <code>{i.issuer}</code> · audience <code>{i.audience}</code> ·{" "}
                  {i.jwks_uri ? `JWKS (${i.algorithms.join(", ")})` : ""}
                  {i.jwks_uri && i.introspection_url ? " + " : ""}
                  {i.introspection_url ? "introspection" : ""} · claims: client <code>{i.client_id_claim}</code>, scope{" "}
                  <code>{i.scope_claim}</code>, env <code>{i.environment_claim}</code>
                </div>
              </div>
              <div className="flex gap-2">
                <Button
                  variant="secondary"
                  onClick={() =>
                    update.mutate({
                      id: i.id,
                      method: "PATCH",
                      body: { status: i.status === "active" ? "disabled" : "active" },
                    })
                  }
                >
                  {i.status === "active" ? "Disable" : "Enable"}
                </Button>
                <Button
                  variant="danger"
                  onClick={async () =>
                    (await confirm({
                      title: `Stop trusting ${i.issuer}?`,
                      description: "Tokens from this issuer are refused from now on.",
                      confirmLabel: "Remove issuer",
                      destructive: true,
                    })) && update.mutate({ id: i.id, method: "DELETE" })
                  }
                >
                  Remove
                </Button>
              </div>
            </li>
          ))}
        </ul>
      </Card>
      <AddIssuer onAdded={() => qc.invalidateQueries({ queryKey: queryKeys.trustedIssuers })} />
    </div>
  );
}

function AddIssuer({ onAdded }: { onAdded: () => void }) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const add = useMutation({ mutationFn: (body: unknown) => api<IssuerRow>("/api/console/trusted-issuers", { body }) });
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = Object.fromEntries([...new FormData(form)].filter(([, v]) => String(v).trim() !== "")) as Record<
      string,
      string
    >;
    try {
      const created = await add.mutateAsync({
        ...f,
        algorithms: (f.algorithms ?? "ES256 RS256").split(/[\s,]+/).filter(Boolean),
      });
      setErrors({});
      setMessage({ tone: "success", text: `Now trusting ${created.issuer}.` });
      form.reset();
      onAdded();
    } catch (err) {
      setErrors(
        err instanceof ApiError ? Object.fromEntries(err.errors.map((x) => [x.path.split(".")[0], x.message])) : {},
      );
      setMessage({ tone: "error", text: err instanceof Error ? err.message : "Could not add the issuer." });
    }
  }
  return (
    <Card
      title="Add a trusted issuer"
      description="Give a JWKS URI for JWT access tokens, an introspection endpoint for opaque tokens, or both."
    >
      <form onSubmit={onSubmit} className="grid gap-4 md:grid-cols-2">
        <Field label="Name" error={errors.name}>
          <Input name="name" required />
        </Field>
        <Field label="Issuer URL (exact iss)" error={errors.issuer}>
          <Input name="issuer" type="url" required placeholder="https://idp.example.com" />
        </Field>
        <Field label="JWKS URI" error={errors.jwks_uri}>
          <Input name="jwks_uri" type="url" />
        </Field>
        <Field label="Expected audience" error={errors.audience}>
          <Input name="audience" required placeholder="mcp-console" />
        </Field>
        <Field label="Introspection URL" error={errors.introspection_url}>
          <Input name="introspection_url" type="url" />
        </Field>
        <Field label="Algorithms" error={errors.algorithms} hint="ES256, ES384, RS256, PS256, EdDSA">
          <Input name="algorithms" defaultValue="ES256 RS256" />
        </Field>
        <Field label="Introspection client id" error={errors.client_id}>
          <Input name="client_id" />
        </Field>
        <Field label="Introspection client secret" error={errors.client_secret}>
          <Input name="client_secret" type="password" autoComplete="off" />
        </Field>
        <Field label="Client id claim" error={errors.client_id_claim}>
          <Input name="client_id_claim" defaultValue="sub" />
        </Field>
        <Field label="Scope claim" error={errors.scope_claim}>
          <Input name="scope_claim" defaultValue="scope" />
        </Field>
        <Field label="Environment claim" error={errors.environment_claim}>
          <Input name="environment_claim" defaultValue="env" />
        </Field>
        <div className="flex items-end">
          <Button type="submit" disabled={add.isPending}>
            {add.isPending ? "Adding…" : "Add issuer"}
          </Button>
        </div>
      </form>
      {message && (
        <div className="mt-3">
          <Alert tone={message.tone}>{message.text}</Alert>
        </div>
      )}
    </Card>
  );
}
