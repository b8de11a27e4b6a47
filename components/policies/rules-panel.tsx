"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "@/lib/client/api";
import { Badge, DecisionBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { useConfirm } from "@/components/ui/confirm";
import { Alert } from "@/components/ui/field";
import { applyRuleEdit, type ParseResult, type Rule, type RuleEdit } from "@/lib/policy";
import { RuleForm } from "./rule-form";

export function RulesPanel({
  source,
  parsed,
  canWrite,
  onChange,
  environment,
}: {
  source: string;
  parsed: ParseResult;
  canWrite: boolean;
  onChange: (yaml: string) => void;
  environment: string;
}) {
  const [editing, setEditing] = useState<number | "new" | null>(null);
  const confirm = useConfirm();
  const hits = useQuery({
    queryKey: ["policy-hits", environment],
    queryFn: () =>
      api<{ hits: Record<string, { total: number; by_outcome: Record<string, number> }> }>(
        `/api/console/policies/${environment}/hits?days=7`,
      ),
    refetchInterval: 30_000,
  });
  if (!parsed.ok) {
    return (
      <Alert>The draft has {parsed.errors.length} error(s). Fix them in the YAML tab to see and edit its rules.</Alert>
    );
  }
  const policy = parsed.policy;

  // Edits go through the YAML document so the file's comments, order and quoting survive.
  function commit(edit: RuleEdit) {
    onChange(applyRuleEdit(source, edit));
    setEditing(null);
  }

  return (
    <div className="space-y-4">
      {editing !== null && (
        <RuleForm
          key={String(editing)}
          environment={environment}
          initial={editing === "new" ? undefined : policy.rules[editing]}
          takenIds={policy.rules.filter((_, i) => i !== editing).map((r) => r.id)}
          onCancel={() => setEditing(null)}
          onSave={(rule) =>
            commit(editing === "new" ? { kind: "add", rule } : { kind: "replace", index: editing, rule })
          }
        />
      )}
      <Card
        title={`${policy.rules.length} rule${policy.rules.length === 1 ? "" : "s"}`}
        description="Order does not change decisions: every matching rule counts, and the strictest decision wins."
        actions={canWrite && editing === null ? <Button onClick={() => setEditing("new")}>Add rule</Button> : undefined}
      >
        {policy.rules.length === 0 ? (
          <EmptyState title="No rules: every call is denied">
            Add a rule to allow read-only tools of registered servers, for example.
          </EmptyState>
        ) : (
          <div className="relative overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="py-2 pr-4 font-medium">Rule</th>
                  <th className="py-2 pr-4 font-medium">Matches</th>
                  <th className="py-2 pr-4 font-medium">Decision</th>
                  <th className="py-2 pr-4 font-medium">Constraints</th>
                  <th
                    className="py-2 pr-4 font-medium"
                    title="Decisions this rule won in the last 7 days (live policy)"
                  >
                    Hits 7 d
                  </th>
                  {canWrite && (
                    <th className="py-2 font-medium">
                      <span className="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {policy.rules.map((rule, i) => (
                  <tr key={rule.id} className="align-top" data-testid={`rule-${rule.id}`}>
                    <td className="py-2 pr-4">
                      <div className="font-mono text-xs font-semibold text-slate-900">{rule.id}</div>
                      {rule.description && (
                        <div className="mt-0.5 max-w-xs text-xs text-slate-500">{rule.description}</div>
                      )}
                    </td>
                    <td className="py-2 pr-4">
                      <MatchSummary rule={rule} />
                    </td>
                    <td className="py-2 pr-4">
                      <DecisionBadge decision={rule.decision} />
                    </td>
                    <td className="py-2 pr-4 font-mono text-xs text-slate-600">
                      {rule.constraints && Object.keys(rule.constraints).length
                        ? Object.entries(rule.constraints).map(([k, v]) => (
                            <div key={k}>
                              {k}: {String(v)}
                            </div>
                          ))
                        : "—"}
                    </td>
                    <td
                      className="py-2 pr-4 tabular-nums text-slate-700"
                      title={JSON.stringify(hits.data?.hits[rule.id]?.by_outcome ?? {})}
                    >
                      {hits.data ? (hits.data.hits[rule.id]?.total ?? 0).toLocaleString("en") : "…"}
                    </td>
                    {canWrite && (
                      <td className="whitespace-nowrap py-2 text-right">
                        <Button variant="ghost" onClick={() => setEditing(i)} aria-label={`Edit ${rule.id}`}>
                          Edit
                        </Button>
                        <Button
                          variant="danger"
                          className="ml-1"
                          onClick={async () =>
                            (await confirm({
                              title: `Remove rule ${rule.id}?`,
                              description: "It leaves the draft; the live policy changes only when you publish.",
                              confirmLabel: "Remove rule",
                              destructive: true,
                            })) && commit({ kind: "remove", index: i })
                          }
                          aria-label={`Remove ${rule.id}`}
                        >
                          Remove
                        </Button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}

function MatchSummary({ rule }: { rule: Rule }) {
  const chips: string[] = [];
  for (const [label, value] of Object.entries(rule.match.labels ?? {}))
    chips.push(`${label} = ${Array.isArray(value) ? value.join(" | ") : value}`);
  if (rule.match.mcp?.deny_servers_not_in) chips.push(`server not in ${rule.match.mcp.deny_servers_not_in.join(", ")}`);
  for (const [pointer, m] of Object.entries(rule.match.arguments ?? {}))
    chips.push(
      `args${pointer} ${typeof m === "object" && m && "regex" in m ? `~ /${(m as { regex: string }).regex}/` : `= ${JSON.stringify(m)}`}`,
    );
  if (chips.length === 0) return <span className="text-xs text-slate-500">every call</span>;
  return (
    <div className="flex max-w-md flex-wrap gap-1">
      {chips.map((c) => (
        <Badge key={c}>{c}</Badge>
      ))}
    </div>
  );
}
