"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Badge, DecisionBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useAnnounce } from "@/components/ui/announcer";
import { Card } from "@/components/ui/card";
import { Alert, Field, Input, Select } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import type { SimulationResult } from "./types";

/** One call in, the decision out, with every rule's verdict and why. */
export function SimulatorPanel({
  environment,
  draftSource,
  draftValid,
}: {
  environment: string;
  draftSource: string;
  draftValid: boolean;
}) {
  const [against, setAgainst] = useState<"draft" | "current">(draftValid ? "draft" : "current");
  const [argError, setArgError] = useState<string | null>(null);
  const announce = useAnnounce();
  const run = useMutation({
    mutationFn: (call: Record<string, unknown>) =>
      api<{ results: SimulationResult[] }>(`/api/console/policies/${environment}/simulate`, {
        body: { calls: [call], ...(against === "draft" ? { policy: draftSource } : {}) },
      }).then((r) => r.results[0]),
    meta: { readOnly: true },
    onSuccess: (r) =>
      announce(`Simulated decision: ${r.decision}${r.rule_id ? ` by rule ${r.rule_id}` : ` (${r.reason})`}.`),
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const get = (k: string) => String(f.get(k) ?? "").trim();
    let args: unknown = {};
    if (get("arguments")) {
      try {
        args = JSON.parse(get("arguments"));
      } catch {
        return setArgError("Arguments must be JSON.");
      }
    }
    setArgError(null);
    run.mutate({
      server: get("server"),
      ...(get("tool") ? { tool: get("tool") } : {}),
      ...(get("action") ? { action: get("action") } : {}),
      ...(get("risk") ? { risk: get("risk") } : {}),
      ...(get("agent") ? { agent: get("agent") } : {}),
      arguments: args,
    });
  }

  const r = run.data;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card
        title="Simulate a call"
        description={`Environment ${environment}. Give the class and risk, or a catalogued tool.`}
      >
        <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2">
          <Field label="Server">
            <Input name="server" required placeholder="github" />
          </Field>
          <Field label="Tool">
            <Input name="tool" placeholder="create_issue" />
          </Field>
          <Field label="Action class">
            <Select name="action" defaultValue="read">
              <option value="">from catalog</option>
              <option value="read">read</option>
              <option value="write">write</option>
              <option value="admin">admin</option>
            </Select>
          </Field>
          <Field label="Risk">
            <Select name="risk" defaultValue="">
              <option value="">default / from catalog</option>
              <option value="low">low</option>
              <option value="medium">medium</option>
              <option value="high">high</option>
            </Select>
          </Field>
          <Field label="Agent (client id)">
            <Input name="agent" />
          </Field>
          <Field label="Evaluate against">
            <Select value={against} onChange={(e) => setAgainst(e.target.value as "draft" | "current")}>
              <option value="draft" disabled={!draftValid}>
                the draft
              </option>
              <option value="current">the live policy</option>
            </Select>
          </Field>
          <div className="sm:col-span-2">
            <Field label="Arguments (JSON)">
              <Input name="arguments" className="font-mono" placeholder='{"repo": "acme/api"}' />
            </Field>
          </div>
          <div className="sm:col-span-2">
            <Button type="submit" disabled={run.isPending}>
              {run.isPending ? "Deciding…" : "Decide"}
            </Button>
          </div>
        </form>
        {argError && (
          <div className="mt-3">
            <Alert>{argError}</Alert>
          </div>
        )}
        {run.isError && (
          <div className="mt-3">
            <Alert>{run.error.message}</Alert>
          </div>
        )}
      </Card>
      <Card title="Decision">
        {!r && <p className="text-sm text-slate-500">Enter a call and press Decide.</p>}
        {r && (
          <div className="space-y-4" data-testid="simulation-result">
            <div className="flex flex-wrap items-center gap-2">
              <DecisionBadge decision={r.decision} />
              <Badge>outcome {r.outcome}</Badge>
              <span className="text-sm text-slate-600">
                {r.rule_id ? (
                  <>
                    by rule <code className="font-mono font-semibold">{r.rule_id}</code>
                  </>
                ) : (
                  <>
                    reason <code className="font-mono">{r.reason}</code>
                  </>
                )}
              </span>
            </div>
            <p className="text-xs text-slate-500">
              class {r.action ?? "?"}, risk {r.risk ?? "?"} · policy{" "}
              {r.policy ? (r.policy.version ? `v${r.policy.version}` : "draft") : "none"}
            </p>
            {Object.keys(r.constraints).length > 0 && (
              <div>
                <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Constraints</h3>
                <pre className="mt-1 rounded bg-slate-50 p-2 font-mono text-xs">
                  {JSON.stringify(r.constraints, null, 2)}
                </pre>
              </div>
            )}
            <div>
              <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Trace</h3>
              <ul className="mt-1 divide-y divide-slate-100 text-sm">
                {r.trace.map((t) => (
                  <li key={t.ruleId} className="flex items-start justify-between gap-3 py-1.5">
                    <span>
                      <span className={t.matched ? "text-emerald-700" : "text-slate-500"}>
                        {t.matched ? "✓ matched" : "– no match"}
                      </span>{" "}
                      <code className="font-mono text-xs">{t.ruleId}</code>
                      <span className="block text-xs text-slate-500">{t.reasons.join("; ")}</span>
                    </span>
                    <DecisionBadge decision={t.decision} />
                  </li>
                ))}
              </ul>
            </div>
          </div>
        )}
      </Card>
    </div>
  );
}
