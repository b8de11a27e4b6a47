"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Copy } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { useConfirm } from "@/components/ui/confirm";
import { Alert, Field, Input } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { api, queryKeys } from "@/lib/client/api";
import type { Wire } from "@/lib/client/wire";
import type { createApiToken, listApiTokens } from "@/lib/server/api-tokens";

type TokenRow = Wire<Awaited<ReturnType<typeof listApiTokens>>>[number];
type CreatedToken = Wire<Awaited<ReturnType<typeof createApiToken>>>;

/** The API's createApiTokenSchema with its errors in plain words. */
const tokenForm = z.object({
  name: z.string().trim().min(1, "Name the token after the script that uses it.").max(100, "At most 100 characters."),
});
type TokenFormValues = z.infer<typeof tokenForm>;

export function ApiTokens() {
  const confirm = useConfirm();
  const qc = useQueryClient();
  const tokens = useQuery({
    queryKey: queryKeys.apiTokens,
    queryFn: () => api<{ tokens: TokenRow[] }>("/api/console/api-tokens"),
  });
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<TokenFormValues>({ resolver: zodResolver(tokenForm), defaultValues: { name: "" } });
  const create = useMutation({
    mutationFn: (v: TokenFormValues) => api<CreatedToken>("/api/console/api-tokens", { body: v }),
    onSuccess: (t) => {
      setCreated({ name: t.name, token: t.token });
      setError(null);
      form.reset();
      qc.invalidateQueries({ queryKey: queryKeys.apiTokens });
    },
    onError: (e) => setError(e.message),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api(`/api/console/api-tokens/${id}/revoke`, { method: "POST" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.apiTokens }),
    onError: (e) => setError(e.message),
  });

  return (
    <div className="space-y-6">
      <Card title="Create a token" description="The token is shown once. Store it in your secret manager.">
        <form
          noValidate
          onSubmit={form.handleSubmit((v) => create.mutate(v))}
          className="flex flex-wrap items-start gap-3"
        >
          <div className="w-72">
            <Field label="Name" error={form.formState.errors.name?.message}>
              <Input placeholder="e.g. gitops-pipeline" maxLength={100} {...form.register("name")} />
            </Field>
          </div>
          <Button type="submit" className="mt-6" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create token"}
          </Button>
        </form>
        {error && (
          <div className="mt-3">
            <Alert>{error}</Alert>
          </div>
        )}
        {created && (
          <div className="mt-4 rounded-lg bg-amber-50 p-3 ring-1 ring-amber-200">
            <p className="text-sm font-medium text-amber-900">
              Copy the token “{created.name}” now — it will not be shown again.
            </p>
            <div className="mt-2 flex items-center gap-2">
              <code
                data-testid="new-token"
                className="block flex-1 overflow-x-auto rounded bg-white px-2 py-1 font-mono text-xs ring-1 ring-amber-200"
              >
                {created.token}
              </code>
              <Button
                variant="secondary"
                type="button"
                onClick={() => navigator.clipboard?.writeText(created.token)}
                aria-label="Copy token"
              >
                <Copy size={14} aria-hidden /> Copy
              </Button>
            </div>
          </div>
        )}
      </Card>
      <Card title="Your tokens">
        {tokens.isPending && <p className="text-sm text-slate-500">Loading…</p>}
        {tokens.isError && <Alert>{tokens.error.message}</Alert>}
        {tokens.data?.tokens.length === 0 && (
          <EmptyState title="No API tokens">Create one above to call the console from scripts.</EmptyState>
        )}
        {!!tokens.data?.tokens.length && (
          <ul className="divide-y divide-slate-100">
            {tokens.data.tokens.map((t) => (
              <li
                key={t.id}
                className="flex flex-wrap items-center justify-between gap-3 py-3"
                data-testid={`token-${t.name}`}
              >
                <div>
                  <div className="font-medium">{t.name}</div>
                  <div className="text-xs text-slate-500">
                    <code className="font-mono">{t.prefix}</code> · created <RelativeTime at={t.createdAt} /> ·{" "}
                    {t.lastUsedAt ? (
                      <>
                        last used <RelativeTime at={t.lastUsedAt} />
                      </>
                    ) : (
                      "never used"
                    )}
                  </div>
                </div>
                {t.revokedAt ? (
                  <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600">
                    Revoked
                  </span>
                ) : (
                  <Button
                    variant="danger"
                    onClick={async () =>
                      (await confirm({
                        title: `Revoke “${t.name}”?`,
                        description: "Scripts using it stop working at once.",
                        confirmLabel: "Revoke token",
                        destructive: true,
                      })) && revoke.mutate(t.id)
                    }
                  >
                    Revoke
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
