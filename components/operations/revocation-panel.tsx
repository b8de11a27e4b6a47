"use client";

import { SegmentedTabs } from "@/components/ui/tabs";
import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery } from "@tanstack/react-query";
import { Search } from "lucide-react";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Alert, Field, Input, Select } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { api } from "@/lib/client/api";
import { setServerErrors } from "@/lib/client/form-errors";
import { tokenLookupQuerySchema, type TokenLookupQuery } from "@/lib/schemas/operations";
import { CurrentlyOff } from "./currently-off";
import { operationsKeys, type Revocations, type TokenLookup } from "./types";
import { useReasonAction, type ReasonAction } from "./use-reason-action";

type Kind = "token" | "agent" | "server" | "issuer";
const KINDS: { kind: Kind; label: string }[] = [
  { kind: "token", label: "Token" },
  { kind: "agent", label: "Agent" },
  { kind: "server", label: "Server" },
  { kind: "issuer", label: "External issuer" },
];

export function RevocationPanel({ canRevoke }: { canRevoke: boolean }) {
  const q = useQuery({
    queryKey: operationsKeys.revocations,
    queryFn: () => api<Revocations>("/api/console/operations/revocations"),
    refetchInterval: 10_000,
  });
  const { ask, dialog } = useReasonAction();
  return (
    <Card
      title={<span id="revocation">Revocation</span>}
      description="Revoke one token, an agent (all its tokens, until restored), a server (suspend) or an external identity provider. Effective on the next call on every console process (within a second); each action needs a reason and is audited."
    >
      {q.isError && <Alert>{q.error.message}</Alert>}
      <div className="grid gap-6 lg:grid-cols-2">
        <div>
          {canRevoke ? (
            <RevokeForm targets={q.data?.targets} ask={ask} />
          ) : (
            <Alert tone="info">Only admins can revoke or restore. You can see what is switched off right now.</Alert>
          )}
        </div>
        <CurrentlyOff data={q.data} canRevoke={canRevoke} ask={ask} loading={q.isPending} />
      </div>
      {dialog}
    </Card>
  );
}

function RevokeForm({ targets, ask }: { targets: Revocations["targets"] | undefined; ask: (a: ReasonAction) => void }) {
  const [kind, setKind] = useState<Kind>("token");
  return (
    <div>
      <div className="mb-4">
        <SegmentedTabs
          label="What to revoke"
          value={kind}
          onValueChange={setKind}
          options={KINDS.map((k) => ({ value: k.kind, label: k.label }))}
          tabClassName="flex-1 whitespace-nowrap py-1"
        />
      </div>
      {kind === "token" && <TokenForm ask={ask} />}
      {kind === "agent" && (
        <PickAndRevoke
          label="Agent"
          options={(targets?.agents ?? []).map((a) => ({
            id: a.id,
            text: `${a.environment} · ${a.name}${a.drill ? " (drill)" : ""} — ${a.client_id}`,
          }))}
          empty="No active agents."
          button="Revoke agent"
          action={(id, text) => ({
            title: `Revoke ${text.split(" — ")[0]}?`,
            consequence:
              "The agent and every token it holds are refused on the next call, and it gets no new tokens until restored.",
            confirmLabel: "Revoke agent",
            method: "POST",
            path: `/api/console/agents/${id}/revoke`,
          })}
          ask={ask}
        />
      )}
      {kind === "server" && (
        <PickAndRevoke
          label="Server"
          options={(targets?.servers ?? []).map((s) => ({ id: s.id, text: `${s.environment} · ${s.name}` }))}
          empty="No active servers."
          button="Suspend server"
          action={(id, text) => ({
            title: `Suspend ${text}?`,
            consequence:
              "Every call to this server in its environment is denied (reason server_suspended) until it is reactivated.",
            confirmLabel: "Suspend server",
            method: "POST",
            path: `/api/console/servers/${id}/suspend`,
          })}
          ask={ask}
        />
      )}
      {kind === "issuer" && (
        <PickAndRevoke
          label="Trusted issuer"
          options={(targets?.issuers ?? []).map((i) => ({ id: i.id, text: `${i.name} — ${i.issuer}` }))}
          empty="No external identity providers are trusted."
          button="Revoke issuer"
          action={(id, text) => ({
            title: `Stop trusting ${text.split(" — ")[0]}?`,
            consequence:
              "Every token this identity provider signed is refused on the next call, for every agent, until it is restored.",
            confirmLabel: "Revoke issuer",
            method: "POST",
            path: `/api/console/operations/issuers/${id}/revoke`,
          })}
          ask={ask}
        />
      )}
    </div>
  );
}

function PickAndRevoke({
  label,
  options,
  empty,
  button,
  action,
  ask,
}: {
  label: string;
  options: { id: string; text: string }[];
  empty: string;
  button: string;
  action: (id: string, text: string) => ReasonAction;
  ask: (a: ReasonAction) => void;
}) {
  const [id, setId] = useState("");
  const chosen = options.find((o) => o.id === id);
  if (options.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <div className="space-y-3">
      <Field label={label}>
        <Select value={id} onChange={(e) => setId(e.target.value)}>
          <option value="">Choose…</option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.text}
            </option>
          ))}
        </Select>
      </Field>
      <Button variant="danger" disabled={!chosen} onClick={() => chosen && ask(action(chosen.id, chosen.text))}>
        {button}
      </Button>
    </div>
  );
}

function TokenForm({ ask }: { ask: (a: ReasonAction) => void }) {
  const [needle, setNeedle] = useState("");
  const form = useForm<TokenLookupQuery>({ resolver: zodResolver(tokenLookupQuerySchema), defaultValues: { q: "" } });
  const lookup = useQuery({
    queryKey: ["token-lookup", needle],
    queryFn: () => api<TokenLookup>(`/api/console/operations/tokens?q=${encodeURIComponent(needle)}`),
    enabled: needle !== "",
    retry: false,
  });
  const { setError } = form;
  useEffect(() => {
    if (lookup.error) setServerErrors(setError, lookup.error, ["q"]);
  }, [lookup.error, setError]);
  const t = lookup.data?.token;
  return (
    <div className="space-y-3">
      <form className="flex items-start gap-2" noValidate onSubmit={form.handleSubmit((v) => setNeedle(v.q))}>
        <div className="flex-1">
          <Field
            label="Token id (jti) or decision id"
            hint="Every decision in the audit trail records the jti of the token that made it."
            error={form.formState.errors.q?.message}
          >
            <Input placeholder="e.g. 3f1c…-…" className="font-mono" maxLength={200} {...form.register("q")} />
          </Field>
        </div>
        <Button type="submit" variant="secondary" className="mt-6">
          <Search size={14} aria-hidden /> Find
        </Button>
      </form>
      {lookup.isFetching && <p className="text-sm text-slate-500">Looking it up…</p>}
      {lookup.isError && !form.formState.errors.q && <Alert>{lookup.error.message}</Alert>}
      {lookup.data?.external && <Alert tone="warning">{lookup.data.external.note}</Alert>}
      {t && (
        <div className="rounded-lg p-3 text-sm ring-1 ring-slate-200" data-testid="token-found">
          {lookup.data?.decision && (
            <p className="mb-2 text-xs text-slate-500">
              Used for decision {lookup.data.decision.outcome} on {lookup.data.decision.server} ·{" "}
              {lookup.data.decision.tool} <RelativeTime at={lookup.data.decision.at} />
            </p>
          )}
          <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1">
            <dt className="text-slate-500">jti</dt>
            <dd className="break-all font-mono text-xs">{t.jti}</dd>
            <dt className="text-slate-500">Agent</dt>
            <dd>{t.agent ? `${t.agent.environment} · ${t.agent.name} (${t.agent.status})` : t.client_id}</dd>
            <dt className="text-slate-500">Scope</dt>
            <dd className="font-mono text-xs">{t.scope}</dd>
            <dt className="text-slate-500">Expires</dt>
            <dd>
              <RelativeTime at={t.expires_at} />
            </dd>
            <dt className="text-slate-500">State</dt>
            <dd>
              {t.revoked_at ? (
                <Badge tone="red">revoked</Badge>
              ) : t.expired ? (
                <Badge tone="slate">expired</Badge>
              ) : (
                <Badge tone="green">live</Badge>
              )}
              {t.revoked_reason && <span className="ml-2 text-xs text-slate-500">“{t.revoked_reason}”</span>}
            </dd>
          </dl>
          {!t.revoked_at && !t.expired && (
            <div className="mt-3 flex flex-wrap gap-2">
              <Button
                variant="danger"
                onClick={() =>
                  ask({
                    title: "Revoke this token?",
                    consequence:
                      "This token is refused on its next call. The agent can still obtain new tokens; revoke the agent too if its secret may have leaked.",
                    confirmLabel: "Revoke token",
                    method: "POST",
                    path: `/api/console/tokens/${encodeURIComponent(t.jti)}/revoke`,
                  })
                }
              >
                Revoke token
              </Button>
              {t.agent && t.agent.status === "active" && (
                <Button
                  variant="secondary"
                  onClick={() =>
                    ask({
                      title: `Revoke the agent ${t.agent!.name}?`,
                      consequence: "The agent and every token it holds are refused on the next call until restored.",
                      confirmLabel: "Revoke agent",
                      method: "POST",
                      path: `/api/console/agents/${t.agent!.id}/revoke`,
                    })
                  }
                >
                  Revoke the whole agent
                </Button>
              )}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
