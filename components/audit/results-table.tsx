"use client";

import Link from "next/link";
import { type ReactNode, useMemo } from "react";
import { Badge, DecisionBadge } from "@/components/ui/badge";
import { columnsFor, DataTable, type ListColumn } from "@/components/ui/data-table";
import { AbsoluteTime } from "@/components/ui/relative-time";
import { RecordView } from "./record-view";
import type { DecisionItem, EventItem } from "./types";

const RISK_TONE = { high: "red", medium: "amber", low: "slate" } as const;

function When({ at, seq }: { at: string; seq: string }) {
  return (
    <div className="max-w-[6.5rem] text-slate-700 sm:max-w-none">
      <AbsoluteTime at={at} seconds wrap />
      <div className="font-mono text-[11px] text-slate-500">#{seq}</div>
    </div>
  );
}

const d = columnsFor<DecisionItem & { agent_name: string | null }>();
const DECISION_COLUMNS = [
  d.accessor("at", {
    header: "When (UTC)",
    sortFn: "basic",
    cell: (c) => <When at={c.getValue()} seq={c.row.original.seq} />,
  }),
  d.accessor("outcome", {
    header: "Outcome",
    // On a phone the outcome sits in the call's cell, so the call is in view without scrolling.
    meta: { className: "hidden sm:table-cell" },
    cell: (c) => <DecisionBadge decision={c.getValue()} />,
  }),
  d.accessor((r) => `${r.server} · ${r.tool}`, {
    id: "call",
    header: "Call",
    cell: (c) => (
      <>
        <div className="mb-0.5 sm:hidden">
          <DecisionBadge decision={c.row.original.outcome} />
        </div>
        <Link
          href={`/audit/decisions/${c.row.original.id}`}
          className="whitespace-nowrap font-medium text-slate-900 hover:text-indigo-700 hover:underline"
        >
          {c.getValue()}
        </Link>
        {c.row.original.action && (
          <div className="mt-0.5">
            <Badge tone={RISK_TONE[c.row.original.risk as keyof typeof RISK_TONE] ?? "slate"}>
              {c.row.original.action} · {c.row.original.risk}
            </Badge>
          </div>
        )}
      </>
    ),
  }),
  d.accessor((r) => r.agent_name ?? r.client_id, {
    id: "agent",
    header: "Agent",
    cell: (c) => (
      <div className="max-w-48">
        <div className="truncate text-slate-900" title={c.getValue()}>
          {c.getValue()}
        </div>
        {c.row.original.agent_name && (
          <div className="truncate font-mono text-xs text-slate-600" title={c.row.original.client_id}>
            {c.row.original.client_id}
          </div>
        )}
      </div>
    ),
  }),
  d.accessor((r) => r.rule_id ?? "", {
    id: "rule",
    header: "Rule",
    meta: { className: "hidden lg:table-cell" },
    cell: (c) => {
      const reason = reasonWords(c.row.original.reason);
      return (
        <div className="max-w-64">
          {c.getValue() ? (
            <div className="truncate font-mono text-xs text-slate-800" title={c.getValue()}>
              {c.getValue()}
            </div>
          ) : (
            <div className="text-xs text-slate-600">no rule matched</div>
          )}
          {reason && (
            <div className="truncate text-xs text-slate-600" title={c.row.original.reason}>
              {reason}
            </div>
          )}
        </div>
      );
    },
  }),
  d.accessor("environment", {
    header: "Env",
    meta: { className: "hidden md:table-cell text-xs text-slate-700" },
  }),
] as ListColumn<DecisionItem & { agent_name: string | null }>[];

/** A decision's reason code in words, or nothing when the rule column already says it. */
function reasonWords(reason: string): string {
  if (reason === "rule_matched" || reason === "no_rule_matched") return "";
  return reason.replaceAll("_", " ");
}

/** Arguments in one line of words, `key: value · key: value`; the row's detail shows them in full. */
const preview = (value: unknown) => {
  if (value === null || typeof value !== "object") return value === undefined || value === null ? "" : String(value);
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${v !== null && typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join(" · ");
};

const ARGUMENTS_COLUMN = d.accessor((r) => preview(r.arguments), {
  id: "arguments",
  header: "Arguments",
  enableSorting: false,
  meta: { className: "hidden xl:table-cell", hiddenByDefault: true },
  cell: (c) => (
    <div className="max-w-64 truncate text-xs text-slate-600" title={c.getValue()} data-testid="row-arguments">
      {c.getValue()}
    </div>
  ),
}) as ListColumn<DecisionItem & { agent_name: string | null }>;

function DecisionDetail({ row, showArguments }: { row: DecisionItem; showArguments: boolean }) {
  return (
    <div className="space-y-3 text-sm" data-testid="decision-row-detail">
      <RecordView
        value={{
          decision: row.decision,
          reason: row.reason.replaceAll("_", " "),
          rule: row.rule_id ?? "no rule matched",
          policy: row.policy_version ? `v${row.policy_version}` : "none",
          constraints: row.constraints,
          approval: row.approval_id ?? "none",
          latency: `${row.latency_ms.toFixed(1)} ms`,
          ...(showArguments ? { arguments: row.arguments } : {}),
        }}
      />
      <Link href={`/audit/decisions/${row.id}`} className="text-indigo-700 hover:underline">
        Open the full record and its hash chain
      </Link>
    </div>
  );
}

export function DecisionTable({
  items,
  agentNames,
  showArguments,
  footer,
}: {
  items: DecisionItem[];
  agentNames: Record<string, string>;
  showArguments: boolean;
  footer?: ReactNode;
}) {
  const rows = useMemo(
    () => items.map((i) => ({ ...i, agent_name: agentNames[i.client_id] ?? null })),
    [items, agentNames],
  );
  const columns = useMemo(
    () => (showArguments ? [...DECISION_COLUMNS, ARGUMENTS_COLUMN] : DECISION_COLUMNS),
    [showArguments],
  );
  return (
    <DataTable
      data={rows}
      columns={columns}
      rowId={(r) => r.id}
      noun="decisions loaded"
      testId="decision-results"
      initialSort={{ id: "at", desc: true }}
      renderDetail={(r) => <DecisionDetail row={r} showArguments={showArguments} />}
      footer={footer}
    />
  );
}

const e = columnsFor<EventItem>();
const EVENT_COLUMNS = [
  e.accessor("at", {
    header: "When (UTC)",
    sortFn: "basic",
    cell: (c) => <When at={c.getValue()} seq={c.row.original.seq} />,
  }),
  e.accessor("action", {
    header: "Event",
    cell: (c) => (
      <Link
        href={`/audit/events/${c.row.original.id}`}
        className="font-mono text-xs font-medium text-slate-900 hover:text-indigo-700 hover:underline"
      >
        {c.getValue()}
      </Link>
    ),
  }),
  e.accessor("actor_label", {
    header: "Actor",
    cell: (c) => (
      <div className="max-w-56">
        <div className="truncate text-slate-900" title={c.getValue()}>
          {c.getValue()}
        </div>
        <div className="text-xs text-slate-600">{c.row.original.actor_type}</div>
      </div>
    ),
  }),
  e.accessor((r) => (r.target_type ? `${r.target_type} ${r.target_id ?? ""}` : ""), {
    id: "target",
    header: "Target",
    meta: { className: "hidden md:table-cell text-xs text-slate-700" },
    cell: (c) =>
      c.row.original.target_type ? (
        <span className="whitespace-nowrap" title={c.row.original.target_id ?? ""}>
          {c.row.original.target_type} {c.row.original.target_id?.slice(0, 8)}
        </span>
      ) : (
        "—"
      ),
  }),
  e.accessor((r) => r.environment ?? "", {
    id: "environment",
    header: "Env",
    meta: { className: "hidden md:table-cell text-xs text-slate-700" },
    cell: (c) => c.getValue() || "—",
  }),
] as ListColumn<EventItem>[];

export function EventTable({ items, footer }: { items: EventItem[]; footer?: ReactNode }) {
  return (
    <DataTable
      data={items}
      columns={EVENT_COLUMNS}
      rowId={(r) => r.id}
      noun="events loaded"
      testId="event-results"
      initialSort={{ id: "at", desc: true }}
      renderDetail={(r) => (
        <div className="space-y-3 text-sm" data-testid="event-row-detail">
          <RecordView value={r.data} />
          <Link href={`/audit/events/${r.id}`} className="text-indigo-700 hover:underline">
            Open the full record and its hash chain
          </Link>
        </div>
      )}
      footer={footer}
    />
  );
}
