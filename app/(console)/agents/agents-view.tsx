"use client";

import { useConfirm } from "@/components/ui/confirm";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useState } from "react";
import { STATUS_TONE } from "@/components/catalog/tones";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Alert, Select } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { api, queryKeys } from "@/lib/client/api";
import { ENVIRONMENTS } from "@/lib/schemas/identity";
import { CreateAgentDialog, SecretOnce, type AgentRow, type Created } from "./create-agent-dialog";

export function AgentsView({ canWrite, canRevoke }: { canWrite: boolean; canRevoke: boolean }) {
  const confirm = useConfirm();
  const qc = useQueryClient();
  const [environment, setEnvironment] = useState("");
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<Created | null>(null);
  const [error, setError] = useState<string | null>(null);
  const agents = useQuery({
    queryKey: [...queryKeys.agents, environment],
    queryFn: () =>
      api<{ agents: AgentRow[] }>(`/api/console/agents${environment ? `?environment=${environment}` : ""}`),
  });
  const act = useMutation({
    mutationFn: ({ id, verb, reason }: { id: string; verb: string; reason?: string }) =>
      api<AgentRow & { client_secret?: string }>(`/api/console/agents/${id}/${verb}`, {
        method: "POST",
        body: reason === undefined ? {} : { reason },
      }),
    onSuccess: (agent) => {
      setError(null);
      if (agent.client_secret) setSecret({ ...agent, client_secret: agent.client_secret, rotated: true });
      qc.invalidateQueries({ queryKey: queryKeys.agents });
    },
    onError: (e) => setError(e.message),
  });

  function withReason(id: string, verb: string, question: string) {
    const reason = window.prompt(question);
    if (reason?.trim()) act.mutate({ id, verb, reason: reason.trim() });
  }

  return (
    <div className="space-y-6">
      {secret && <SecretOnce created={secret} onDismiss={() => setSecret(null)} />}
      <Card
        title="All agents"
        actions={
          <div className="flex items-center gap-2">
            <Select
              aria-label="Environment"
              value={environment}
              onChange={(e) => setEnvironment(e.target.value)}
              className="w-40"
            >
              <option value="">All environments</option>
              {ENVIRONMENTS.map((env) => (
                <option key={env} value={env}>
                  {env}
                </option>
              ))}
            </Select>
            {canWrite && (
              <Button onClick={() => setCreating(true)} className="whitespace-nowrap">
                <Plus size={14} aria-hidden /> New agent
              </Button>
            )}
          </div>
        }
      >
        {error && (
          <div className="mb-3">
            <Alert>{error}</Alert>
          </div>
        )}
        {agents.isPending && <p className="text-sm text-slate-500">Loading agents…</p>}
        {agents.isError && <Alert>{agents.error.message}</Alert>}
        {agents.data?.agents.length === 0 && (
          <EmptyState title="No agents yet">
            {canWrite
              ? "Create one with “New agent”; its client secret is shown once."
              : "Ask a policy author to register your agent."}
          </EmptyState>
        )}
        {!!agents.data?.agents.length && (
          <div className="relative overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="py-2 pr-4 font-medium">Agent</th>
                  <th className="py-2 pr-4 font-medium">Environment</th>
                  <th className="py-2 pr-4 font-medium">Scopes</th>
                  <th className="py-2 pr-4 font-medium">Status</th>
                  <th className="py-2 pr-4 font-medium">Created</th>
                  {canWrite && (
                    <th className="py-2 font-medium">
                      <span className="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {agents.data.agents.map((a) => (
                  <tr key={a.id} data-testid={`agent-row-${a.name}`} className="align-top">
                    <td className="py-2 pr-4">
                      <div className="font-medium text-slate-900">{a.name}</div>
                      <div className="font-mono text-xs text-slate-500">{a.client_id}</div>
                      {a.owner && <div className="text-xs text-slate-500">Owner: {a.owner}</div>}
                    </td>
                    <td className="py-2 pr-4">
                      <Badge tone={a.environment === "production" ? "indigo" : "slate"}>{a.environment}</Badge>
                    </td>
                    <td className="py-2 pr-4">
                      <div className="flex max-w-sm flex-wrap gap-1">
                        {a.scopes.map((s) => (
                          <code key={s} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                            {s}
                          </code>
                        ))}
                      </div>
                    </td>
                    <td className="py-2 pr-4">
                      <Badge tone={STATUS_TONE[a.status]} title={a.status_reason ?? undefined}>
                        ● {a.status}
                      </Badge>
                    </td>
                    <td className="py-2 pr-4 text-slate-600">
                      <RelativeTime at={a.created_at} />
                    </td>
                    {canWrite && (
                      <td className="py-2 text-right">
                        <div className="flex justify-end gap-2">
                          <Button
                            variant="secondary"
                            disabled={act.isPending || a.status !== "active"}
                            onClick={async () =>
                              (await confirm({
                                title: `Rotate the secret of ${a.name}?`,
                                description: "The old secret stops working at once.",
                                confirmLabel: "Rotate secret",
                                destructive: true,
                              })) && act.mutate({ id: a.id, verb: "rotate-secret" })
                            }
                          >
                            Rotate secret
                          </Button>
                          {a.status === "active" && (
                            <Button
                              variant="secondary"
                              disabled={act.isPending}
                              onClick={() =>
                                act.mutate({ id: a.id, verb: "disable", reason: "disabled from the console" })
                              }
                            >
                              Disable
                            </Button>
                          )}
                          {a.status === "disabled" && (
                            <Button
                              variant="secondary"
                              disabled={act.isPending}
                              onClick={() => act.mutate({ id: a.id, verb: "enable" })}
                            >
                              Enable
                            </Button>
                          )}
                          {canRevoke && a.status !== "revoked" && (
                            <Button
                              variant="danger"
                              disabled={act.isPending}
                              onClick={() => withReason(a.id, "revoke", `Revoke ${a.name} and all its tokens? Reason:`)}
                            >
                              Revoke
                            </Button>
                          )}
                          {canRevoke && a.status === "revoked" && (
                            <Button
                              variant="secondary"
                              disabled={act.isPending}
                              onClick={() => withReason(a.id, "restore", `Restore ${a.name}? Reason:`)}
                            >
                              Restore
                            </Button>
                          )}
                        </div>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <CreateAgentDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(created) => {
          setCreating(false);
          setSecret(created);
          qc.invalidateQueries({ queryKey: queryKeys.agents });
        }}
      />
    </div>
  );
}
