"use client";

import { useQuery } from "@tanstack/react-query";
import { Badge, type BadgeTone, DecisionBadge } from "@/components/ui/badge";
import { Alert } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { type RuleChange, semanticPolicyDiff } from "@/lib/policy";

interface ImpactReport {
  total: number;
  changed: number;
  transitions: { from: string; to: string; count: number }[];
  by_rule: { rule_id: string | null; changed: number }[];
}

const REPLAY_DAYS = 7;
const CHANGE_STYLE: Record<RuleChange["change"], { label: string; tone: BadgeTone }> = {
  added: { label: "Added", tone: "green" },
  changed: { label: "Changed", tone: "amber" },
  removed: { label: "Removed", tone: "red" },
};

/** What a publish changes: rules added / changed / removed (changed lines only) beside the audit replay's numbers. */
export function PolicyChangeSummary({
  environment,
  before,
  after,
}: {
  environment: string;
  before: string;
  after: string;
}) {
  const diff = semanticPolicyDiff(before, after);
  const impact = useQuery({
    queryKey: ["policy-impact", environment, after],
    queryFn: () =>
      api<ImpactReport>(`/api/console/policies/${environment}/impact`, { body: { policy: after, days: REPLAY_DAYS } }),
    enabled: diff.ok,
    retry: false,
    staleTime: 60_000,
  });
  if (!diff.ok)
    return (
      <Alert>
        The {diff.side === "before" ? "live" : "new"} policy does not parse: {diff.message}
      </Alert>
    );
  const changedBy = new Map(impact.data?.by_rule.map((b) => [b.rule_id, b.changed]) ?? []);

  return (
    <div className="grid gap-4 md:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]" data-testid="policy-change-summary">
      <div className="min-w-0 space-y-3">
        <p className="text-sm font-medium text-slate-900" data-testid="change-counts">
          {diff.added} added · {diff.changed} changed · {diff.removed} removed
        </p>
        {diff.changes.length === 0 && (
          <p className="text-sm text-slate-600">No rule changes: this publishes the same rules as the live policy.</p>
        )}
        <ul className="space-y-3">
          {diff.changes.map((c) => (
            <li
              key={`${c.change}-${c.ruleId}`}
              className="rounded-lg border border-slate-200"
              data-testid={`rule-change-${c.ruleId}`}
            >
              <div className="flex flex-wrap items-center gap-2 border-b border-slate-100 px-3 py-2">
                <Badge tone={CHANGE_STYLE[c.change].tone}>{CHANGE_STYLE[c.change].label}</Badge>
                <code className="break-all font-mono text-xs font-semibold text-slate-900">{c.ruleId}</code>
                {impact.data && impact.data.total > 0 && (
                  <span className="ml-auto text-xs text-slate-600">
                    {(changedBy.get(c.ruleId) ?? 0).toLocaleString("en")} replayed outcome
                    {changedBy.get(c.ruleId) === 1 ? "" : "s"} changed
                  </span>
                )}
              </div>
              {/* Long lines wrap (indentation kept) instead of hiding past a phone's edge. */}
              <pre className="whitespace-pre-wrap px-3 py-2 font-mono text-xs leading-5 [overflow-wrap:anywhere]">
                {c.lines.map((l, i) => (
                  <span
                    key={i}
                    className={`block ${l.kind === "added" ? "bg-emerald-50 text-emerald-900" : "bg-red-50 text-red-900"}`}
                  >
                    <span aria-hidden>{l.kind === "added" ? "+ " : "− "}</span>
                    <span className="sr-only">{l.kind === "added" ? "added: " : "removed: "}</span>
                    {l.text}
                  </span>
                ))}
              </pre>
            </li>
          ))}
        </ul>
      </div>
      <aside
        className="min-w-0 self-start rounded-lg bg-slate-50 p-3 text-sm"
        aria-label="Impact on recent calls"
        data-testid="change-impact"
      >
        <p className="font-medium text-slate-900">Replay of the last {REPLAY_DAYS} days</p>
        {impact.isPending && <p className="mt-1 text-slate-600">Replaying audited calls…</p>}
        {impact.isError && <p className="mt-1 text-red-700">{impact.error.message}</p>}
        {impact.data?.total === 0 && (
          <p className="mt-1 text-slate-600">No audited calls in the last {REPLAY_DAYS} days to replay.</p>
        )}
        {impact.data && impact.data.total > 0 && (
          <div className="mt-1 space-y-2">
            <p>
              <span className="text-lg font-semibold tabular-nums">{impact.data.changed.toLocaleString("en")}</span> of{" "}
              {impact.data.total.toLocaleString("en")} outcome{impact.data.total === 1 ? "" : "s"} would change
            </p>
            {impact.data.transitions.map((t) => (
              <div key={`${t.from}-${t.to}`} className="flex flex-wrap items-center gap-1.5">
                <DecisionBadge decision={t.from} /> <span aria-hidden>→</span>
                <span className="sr-only">to</span> <DecisionBadge decision={t.to} />
                <span className="tabular-nums text-slate-700">× {t.count.toLocaleString("en")}</span>
              </div>
            ))}
          </div>
        )}
      </aside>
    </div>
  );
}
