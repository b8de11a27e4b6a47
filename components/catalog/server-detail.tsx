"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useMemo } from "react";
import { DecisionTable } from "@/components/audit/results-table";
import { STATUS_TONE } from "@/components/catalog/tones";
import { TOOL_COLUMNS } from "@/components/catalog/tool-columns";
import { Badge, DecisionBadge } from "@/components/ui/badge";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { columnsFor, DataTable, type ListColumn } from "@/components/ui/data-table";
import { Alert } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { api, ApiError, queryKeys } from "@/lib/client/api";
import type { ServerOverview } from "@/lib/server/catalog/server-overview";

type ToolWithCoverage = ServerOverview["server"]["tools"][number] & {
  coverage: ServerOverview["coverage"][number] | undefined;
};
const c = columnsFor<ToolWithCoverage>();
// On a phone the tool and what decides it come first; class, risk and rule from md up.
const COVERAGE_COLUMNS = [
  ...(TOOL_COLUMNS as unknown as ListColumn<ToolWithCoverage>[]).map((col) =>
    col.id === "risk" || col.id === "action"
      ? { ...col, meta: { className: "hidden md:table-cell whitespace-nowrap" } }
      : col,
  ),
  c.accessor((r) => r.coverage?.decision ?? "", {
    id: "decision",
    header: "Live policy decides",
    meta: { label: "Decision" },
    cell: (x) => (x.row.original.coverage ? <DecisionBadge decision={x.row.original.coverage.outcome} /> : "—"),
  }),
  c.accessor((r) => r.coverage?.rule_id ?? "", {
    id: "rule",
    header: "Rule",
    meta: { className: "hidden md:table-cell" },
    cell: (x) => (
      <span className="font-mono text-xs text-slate-700">
        {x.getValue() || (
          <span className="font-sans text-slate-500">
            {x.row.original.coverage?.reason === "no_policy_published" ? "no policy published" : "no rule matches"}
          </span>
        )}
      </span>
    ),
  }),
] as ListColumn<ToolWithCoverage>[];

function Stat({ label, value, hint }: { label: string; value: React.ReactNode; hint?: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-lg font-semibold tabular-nums text-slate-900">{value}</dd>
      {hint && <dd className="text-xs text-slate-500">{hint}</dd>}
    </div>
  );
}

const ms = (v: number | null) => (v === null ? "—" : v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);

/** One server: what it offers, how it is doing, what the live policy decides for each tool, what happened lately. */
export function ServerDetail({ id }: { id: string }) {
  const q = useQuery({
    queryKey: [...queryKeys.servers, "overview", id],
    queryFn: () => api<ServerOverview>(`/api/console/servers/${id}/overview`),
    refetchInterval: 30_000,
  });
  const rows = useMemo(
    () =>
      q.data
        ? q.data.server.tools.map((t) => ({ ...t, coverage: q.data.coverage.find((x) => x.tool === t.name) }))
        : [],
    [q.data],
  );
  const back = (
    <Link
      href={q.data ? `/servers?env=${q.data.server.environment}` : "/servers"}
      className="inline-flex items-center gap-1 text-sm text-indigo-700 hover:underline"
    >
      <ArrowLeft size={14} aria-hidden /> All servers
    </Link>
  );
  if (q.isError)
    return (
      <>
        <PageHeader title="Server" actions={back} />
        {q.error instanceof ApiError && q.error.status === 404 ? (
          <EmptyState title="No such server">It may have been removed. Open the list of servers.</EmptyState>
        ) : (
          <Alert>{q.error.message}</Alert>
        )}
      </>
    );
  if (!q.data)
    return (
      <>
        <PageHeader title="Server" actions={back} />
        <p className="text-sm text-slate-500" role="status">
          Loading the server…
        </p>
      </>
    );
  const { server, health, recent_decisions } = q.data;
  const denied = (health.outcomes_24h.DENY ?? 0) as number;
  const held = (health.outcomes_24h.REQUIRE_APPROVAL ?? 0) as number;
  const uncovered = q.data.coverage.filter((x) => !x.rule_id).length;
  return (
    <>
      <PageHeader title={server.name} description={server.description || undefined} actions={back} />
      <div className="space-y-6">
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600" data-testid="server-facts">
          <Badge tone={server.environment === "production" ? "indigo" : "slate"}>{server.environment}</Badge>
          <Badge tone={STATUS_TONE[server.status] ?? "slate"}>● {server.status}</Badge>
          <Badge>{server.transport === "remote_http" ? "remote HTTP" : "stdio"}</Badge>
          <span className="font-mono text-xs [overflow-wrap:anywhere]">{server.url ?? server.command}</span>
          {server.owner && <span>· owner {server.owner}</span>}
          {server.has_credentials && <span>· sends stored credentials</span>}
        </div>
        {server.status !== "active" && server.status_reason && (
          <Alert tone="info">
            {server.status === "suspended" ? "Suspended" : server.status}: {server.status_reason}
          </Alert>
        )}
        <Card title="Health" description="The last 24 hours of decisions and reported results for this server">
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6" data-testid="server-health">
            <Stat
              label="Calls decided"
              value={health.calls_24h.toLocaleString("en")}
              hint={health.calls_24h ? `${denied} denied · ${held} held for approval` : "none in 24 h"}
            />
            <Stat label="Decision p95" value={ms(health.decision_p95_ms)} />
            <Stat
              label="Results reported"
              value={health.results_24h.toLocaleString("en")}
              hint={`${health.result_errors_24h} failed · ${health.withheld_24h} withheld`}
            />
            <Stat label="Tool run p95" value={ms(health.result_p95_ms)} />
            <Stat label="Last call" value={health.last_call_at ? <RelativeTime at={health.last_call_at} /> : "never"} />
            <Stat
              label={health.last_sync?.created ? "Catalogued" : "Tools last synced"}
              value={health.last_sync ? <RelativeTime at={health.last_sync.at} /> : "—"}
              hint={health.last_sync ? `by ${health.last_sync.by}` : undefined}
            />
          </dl>
        </Card>
        <Card
          title={`Tools and policy coverage`}
          description={
            q.data.policy
              ? `What policy v${q.data.policy.version} decides for a call to each tool without arguments (rules on arguments can decide otherwise). ${uncovered ? `${uncovered} of ${rows.length} match no rule and are denied.` : "Every tool matches a rule."}`
              : "No policy is published in this environment: every call is denied."
          }
        >
          {rows.length === 0 ? (
            <EmptyState title="No tools catalogued">
              Discover them from the Servers page; until then every call to this server is refused.
            </EmptyState>
          ) : (
            <DataTable
              data={rows}
              columns={COVERAGE_COLUMNS}
              rowId={(r) => r.id}
              rowTestId={(r) => `coverage-${r.name}`}
              noun="tools"
              testId="server-tools"
              initialSort={{ id: "name", desc: false }}
            />
          )}
        </Card>
        <Card title="Recent decisions" description="The latest calls to this server, newest first">
          {recent_decisions === null ? (
            <p className="text-sm text-slate-500">
              Readers of the audit trail (auditors, viewers, admins) see them here.
            </p>
          ) : recent_decisions.length === 0 ? (
            <EmptyState title="No calls yet">Decisions appear here once an agent calls one of its tools.</EmptyState>
          ) : (
            <>
              <DecisionTable items={recent_decisions} agentNames={q.data.agent_names} showArguments={false} />
              <Link
                href={`/audit?server=${encodeURIComponent(server.name)}&environment=${server.environment}`}
                className="mt-2 inline-block text-sm text-indigo-700 hover:underline"
              >
                Search all its decisions in the audit trail
              </Link>
            </>
          )}
        </Card>
      </div>
    </>
  );
}
