"use client";

import { useConfirm } from "@/components/ui/confirm";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useMemo, useState } from "react";
import { type ReasonAction, useReasonAction } from "@/components/operations/use-reason-action";
import { columnsFor, DataTable, type ListColumn } from "@/components/ui/data-table";
import { STATUS_TONE } from "@/components/catalog/tones";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Alert, Select } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { api, queryKeys } from "@/lib/client/api";
import { ENVIRONMENTS } from "@/lib/schemas/identity";
import { CreateAgentDialog, SecretOnce, type AgentRow, type Created } from "./create-agent-dialog";

const a = columnsFor<AgentRow>();

const BASE_COLUMNS = [
  a.accessor("name", {
    header: "Agent",
    sortFn: "text",
    cell: (c) => (
      <>
        <div className="font-medium text-slate-900">{c.getValue()}</div>
        <div className="font-mono text-xs text-slate-500">{c.row.original.client_id}</div>
        {c.row.original.owner && <div className="text-xs text-slate-500">Owner: {c.row.original.owner}</div>}
      </>
    ),
  }),
  a.accessor("environment", {
    header: "Environment",
    cell: (c) => <Badge tone={c.getValue() === "production" ? "indigo" : "slate"}>{c.getValue()}</Badge>,
  }),
  a.accessor((r) => r.scopes.join(" "), {
    id: "scopes",
    header: "Scopes",
    enableSorting: false,
    meta: { className: "hidden md:table-cell" },
    cell: (c) => (
      <div className="flex max-w-sm flex-wrap gap-1">
        {c.row.original.scopes.map((s) => (
          <code key={s} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
            {s}
          </code>
        ))}
      </div>
    ),
  }),
  a.accessor("status", {
    header: "Status",
    cell: (c) => (
      <Badge tone={STATUS_TONE[c.getValue()]} title={c.row.original.status_reason ?? undefined}>
        ● {c.getValue()}
      </Badge>
    ),
  }),
  a.accessor("created_at", {
    header: "Created",
    sortFn: "basic",
    cell: (c) => (
      <span className="whitespace-nowrap text-slate-600">
        <RelativeTime at={c.getValue()} />
      </span>
    ),
  }),
] as ListColumn<AgentRow>[];

export function AgentsView({ canWrite, canRevoke }: { canWrite: boolean; canRevoke: boolean }) {
  const _confirm = useConfirm();
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

  const reasoned = useReasonAction((agent) => {
    const rotated = agent as AgentRow & { client_secret?: string };
    if (rotated.client_secret) setSecret({ ...rotated, client_secret: rotated.client_secret, rotated: true });
  });

  const columns = useMemo(() => {
    if (!canWrite) return BASE_COLUMNS;
    const actions = a.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      enableHiding: false,
      meta: { className: "text-right" },
      cell: (c) => (
        <AgentActions
          agent={c.row.original}
          busy={act.isPending}
          canRevoke={canRevoke}
          run={(verb, reason) => act.mutate({ id: c.row.original.id, verb, reason })}
          ask={reasoned.ask}
        />
      ),
    }) as ListColumn<AgentRow>;
    return [...BASE_COLUMNS, actions];
  }, [canWrite, canRevoke, act, reasoned.ask]);

  return (
    <div className="space-y-6">
      {reasoned.dialog}
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
          <DataTable
            data={agents.data.agents}
            columns={columns}
            rowId={(a) => a.id}
            rowTestId={(a) => `agent-row-${a.name}`}
            noun="agents"
            testId="agents"
            initialSort={{ id: "created_at", desc: true }}
          />
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

/** What a policy author may do to one agent: rotate its secret, disable or enable it, and (with the right) revoke or restore it. */
function AgentActions({
  agent,
  busy,
  canRevoke,
  run,
  ask,
}: {
  agent: AgentRow;
  busy: boolean;
  canRevoke: boolean;
  run: (verb: string, reason?: string) => void;
  ask: (action: ReasonAction) => void;
}) {
  const confirm = useConfirm();
  return (
    <div className="flex justify-end gap-2">
      <Button
        variant="secondary"
        disabled={busy || agent.status !== "active"}
        onClick={async () =>
          (await confirm({
            title: `Rotate the secret of ${agent.name}?`,
            description: "The old secret stops working at once.",
            confirmLabel: "Rotate secret",
            destructive: true,
          })) && run("rotate-secret")
        }
      >
        Rotate secret
      </Button>
      {agent.status === "active" && (
        <Button variant="secondary" disabled={busy} onClick={() => run("disable", "disabled from the console")}>
          Disable
        </Button>
      )}
      {agent.status === "disabled" && (
        <Button variant="secondary" disabled={busy} onClick={() => run("enable")}>
          Enable
        </Button>
      )}
      {canRevoke && agent.status !== "revoked" && (
        <Button
          variant="danger"
          disabled={busy}
          onClick={() =>
            ask({
              title: `Revoke ${agent.name}?`,
              consequence: "The agent and every token it holds stop working at once, in every process.",
              confirmLabel: "Revoke agent",
              method: "POST",
              path: `/api/console/agents/${agent.id}/revoke`,
            })
          }
        >
          Revoke
        </Button>
      )}
      {canRevoke && agent.status === "revoked" && (
        <Button
          variant="secondary"
          disabled={busy}
          onClick={() =>
            ask({
              title: `Restore ${agent.name}?`,
              consequence: "The agent may request tokens again; tokens revoked earlier stay revoked.",
              confirmLabel: "Restore agent",
              danger: false,
              method: "POST",
              path: `/api/console/agents/${agent.id}/restore`,
            })
          }
        >
          Restore
        </Button>
      )}
    </div>
  );
}
