"use client";

import { useConfirm } from "@/components/ui/confirm";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { RotateCw } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Alert, Field, Input } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { api, queryKeys } from "@/lib/client/api";
import { setServerErrors } from "@/lib/client/form-errors";
import type { Wire } from "@/lib/client/wire";
import { trustedIssuerFormSchema } from "@/lib/schemas/identity";
import type { listSigningKeys } from "@/lib/server/identity/signing-keys";
import type { trustedIssuerView } from "@/lib/server/identity/trusted-issuers";

type SigningKeyRow = Wire<Awaited<ReturnType<typeof listSigningKeys>>[number]>;
type IssuerRow = Wire<ReturnType<typeof trustedIssuerView>>;

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

type IssuerFormInput = z.input<typeof trustedIssuerFormSchema>;
type IssuerFormValues = z.output<typeof trustedIssuerFormSchema>;
const NEW_ISSUER: IssuerFormInput = {
  name: "",
  issuer: "",
  audience: "",
  algorithms: "ES256 RS256",
  client_id_claim: "sub",
  scope_claim: "scope",
  environment_claim: "env",
};
/** An empty optional field is left out rather than sent as "". */
const emptyAsUnset = (v: string) => (v.trim() === "" ? undefined : v);
const ISSUER_FIELDS = [
  "name",
  "issuer",
  "jwks_uri",
  "introspection_url",
  "client_id",
  "client_secret",
  "audience",
  "algorithms",
  "client_id_claim",
  "scope_claim",
  "environment_claim",
] as const;

function AddIssuer({ onAdded }: { onAdded: () => void }) {
  const form = useForm<IssuerFormInput, unknown, IssuerFormValues>({
    resolver: zodResolver(trustedIssuerFormSchema),
    defaultValues: NEW_ISSUER,
  });
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const add = useMutation({
    mutationFn: (body: IssuerFormValues) => api<IssuerRow>("/api/console/trusted-issuers", { body }),
  });
  const onSubmit = form.handleSubmit(async (v) => {
    try {
      const created = await add.mutateAsync(v);
      setMessage({ tone: "success", text: `Now trusting ${created.issuer}.` });
      form.reset(NEW_ISSUER);
      onAdded();
    } catch (err) {
      const placed = setServerErrors(form.setError, err, ISSUER_FIELDS);
      setMessage(placed ? null : { tone: "error", text: err instanceof Error ? err.message : "Could not add it." });
    }
  });
  const errors = form.formState.errors;
  const optional = { setValueAs: emptyAsUnset };
  return (
    <Card
      title="Add a trusted issuer"
      description="Give a JWKS URI for JWT access tokens, an introspection endpoint for opaque tokens, or both."
    >
      <form noValidate onSubmit={onSubmit} className="grid gap-4 md:grid-cols-2 md:items-start">
        <Field label="Name" error={errors.name?.message}>
          <Input autoComplete="off" {...form.register("name")} />
        </Field>
        <Field label="Issuer URL (exact iss)" error={errors.issuer?.message}>
          <Input type="url" placeholder="https://idp.example.com" {...form.register("issuer")} />
        </Field>
        <Field label="JWKS URI" error={errors.jwks_uri?.message}>
          <Input type="url" {...form.register("jwks_uri", optional)} />
        </Field>
        <Field label="Expected audience" error={errors.audience?.message}>
          <Input placeholder="mcp-console" {...form.register("audience")} />
        </Field>
        <Field label="Introspection URL" error={errors.introspection_url?.message}>
          <Input type="url" {...form.register("introspection_url", optional)} />
        </Field>
        <Field label="Algorithms" error={errors.algorithms?.message} hint="ES256, ES384, RS256, PS256, EdDSA">
          <Input {...form.register("algorithms")} />
        </Field>
        <Field label="Introspection client id" error={errors.client_id?.message}>
          <Input autoComplete="off" {...form.register("client_id", optional)} />
        </Field>
        <Field label="Introspection client secret" error={errors.client_secret?.message}>
          <Input type="password" autoComplete="off" {...form.register("client_secret", optional)} />
        </Field>
        <Field label="Client id claim" error={errors.client_id_claim?.message}>
          <Input {...form.register("client_id_claim")} />
        </Field>
        <Field label="Scope claim" error={errors.scope_claim?.message}>
          <Input {...form.register("scope_claim")} />
        </Field>
        <Field label="Environment claim" error={errors.environment_claim?.message}>
          <Input {...form.register("environment_claim")} />
        </Field>
        <div className="md:mt-6">
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
