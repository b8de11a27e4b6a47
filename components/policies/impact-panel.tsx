"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Badge, DecisionBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/field";
import { api } from "@/lib/client/api";

interface ImpactReport {
  total: number;
  changed: number;
  transitions: { from: string; to: string; count: number }[];
  by_rule: { rule_id: string | null; changed: number }[];
  examples: {
    call: { server: string; tool?: string; action?: string };
    before: { outcome: string; rule_id: string | null };
    after: { outcome: string; rule_id: string | null };
  }[];
}

const EXAMPLE = JSON.stringify(
  [
    { server: "github", tool: "get_file_contents", action: "read" },
    { server: "jira", tool: "create_issue", action: "write" },
    { server: "notion", tool: "search", action: "read" },
  ],
  null,
  2,
);

/** Replays a list of calls through the live policy and the draft, and shows what would change. */
export function ImpactPanel({
  environment,
  draftSource,
  draftValid,
  hasCurrent,
}: {
  environment: string;
  draftSource: string;
  draftValid: boolean;
  hasCurrent: boolean;
}) {
  const [callsText, setCallsText] = useState(EXAMPLE);
  const [inputError, setInputError] = useState<string | null>(null);
  const [days, setDays] = useState(7);
  const run = useMutation({
    mutationFn: (input: { calls: unknown } | { days: number }) =>
      api<ImpactReport>(`/api/console/policies/${environment}/impact`, { body: { policy: draftSource, ...input } }),
    meta: { readOnly: true },
  });

  function start() {
    try {
      const calls = JSON.parse(callsText);
      if (!Array.isArray(calls)) throw new Error();
      setInputError(null);
      run.mutate({ calls });
    } catch {
      setInputError('Paste a JSON array of calls: [{"server": "github", "tool": "…", "action": "read"}, …]');
    }
  }

  const r = run.data;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card
        title="Calls to replay"
        description={
          hasCurrent
            ? "Each call is decided by the live policy and by the draft."
            : "No live policy yet: every call is currently denied."
        }
      >
        <div className="mb-4 flex flex-wrap items-center gap-2 rounded-lg bg-slate-50 p-3 text-sm">
          <span>Replay the audited calls of the last</span>
          <select
            aria-label="Days to replay"
            value={days}
            onChange={(e) => setDays(Number(e.target.value))}
            className="rounded-md px-2 py-1 ring-1 ring-slate-300"
          >
            {[1, 7, 30, 90].map((d) => (
              <option key={d} value={d}>
                {d} day{d > 1 ? "s" : ""}
              </option>
            ))}
          </select>
          <Button onClick={() => run.mutate({ days })} disabled={!draftValid || run.isPending}>
            Replay audit
          </Button>
          <span className="text-xs text-slate-500">(up to 10,000 most recent; stored arguments are masked)</span>
        </div>
        <p className="mb-1 text-xs font-medium text-slate-600">…or paste calls:</p>
        <textarea
          aria-label="Calls to replay (JSON)"
          value={callsText}
          onChange={(e) => setCallsText(e.target.value)}
          rows={14}
          className="w-full rounded-md p-2 font-mono text-xs ring-1 ring-slate-300"
        />
        <div className="mt-3 flex items-center gap-2">
          <Button onClick={start} disabled={!draftValid || run.isPending}>
            {run.isPending ? "Replaying…" : "Replay against the draft"}
          </Button>
          <label className="text-sm text-indigo-600 hover:underline">
            Upload JSON
            <input
              type="file"
              accept=".json,application/json"
              className="hidden"
              onChange={async (e) => {
                const f = e.target.files?.[0];
                if (f) setCallsText(await f.text());
              }}
            />
          </label>
        </div>
        {inputError && (
          <div className="mt-3">
            <Alert>{inputError}</Alert>
          </div>
        )}
        {run.isError && (
          <div className="mt-3">
            <Alert>{run.error.message}</Alert>
          </div>
        )}
      </Card>
      <Card title="Impact">
        {!r && (
          <p className="text-sm text-slate-500">
            Replay calls to see how many outcomes the draft would change, and by which rule.
          </p>
        )}
        {r?.total === 0 && (
          <p className="text-sm text-slate-600" data-testid="impact-report">
            No audited calls in {environment} in the last{" "}
            {run.variables && "days" in run.variables ? run.variables.days : days} days to replay.
          </p>
        )}
        {r && r.total > 0 && (
          <div className="space-y-4" data-testid="impact-report">
            <p className="text-lg font-semibold">
              {r.changed} of {r.total} outcome{r.total === 1 ? "" : "s"} would change
            </p>
            {r.transitions.map((t) => (
              <div key={`${t.from}-${t.to}`} className="flex items-center gap-2 text-sm">
                <DecisionBadge decision={t.from} /> → <DecisionBadge decision={t.to} />{" "}
                <span className="text-slate-600">× {t.count}</span>
              </div>
            ))}
            {r.by_rule.length > 0 && (
              <div className="flex flex-wrap gap-1">
                {r.by_rule.map((b) => (
                  <Badge key={String(b.rule_id)}>
                    {b.rule_id ?? "default deny"}: {b.changed}
                  </Badge>
                ))}
              </div>
            )}
            {r.examples.length > 0 && (
              <ul className="divide-y divide-slate-100 text-sm">
                {r.examples.map((ex, i) => (
                  <li key={i} className="py-1.5">
                    <code className="font-mono text-xs">
                      {ex.call.server}/{ex.call.tool ?? ex.call.action}
                    </code>
                    : {ex.before.outcome} → {ex.after.outcome}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </Card>
    </div>
  );
}
