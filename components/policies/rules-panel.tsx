"use client";

import { useQuery } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { columnsFor, DataTable, type ListColumn } from "@/components/ui/data-table";
import { api } from "@/lib/client/api";
import { Badge, DecisionBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { useConfirm } from "@/components/ui/confirm";
import { Alert } from "@/components/ui/field";
import { applyRuleEdit, type ParseResult, type Rule, type RuleEdit } from "@/lib/policy";
import { RuleForm } from "./rule-form";

interface RuleRow {
  rule: Rule;
  index: number;
  hits: number | null;
  byOutcome: Record<string, number>;
}
const r = columnsFor<RuleRow>();

const BASE_COLUMNS = [
  r.accessor((x) => x.rule.id, {
    id: "rule",
    header: "Rule",
    sortFn: "text",
    cell: (c) => (
      <>
        <div className="font-mono text-xs font-semibold text-slate-900">{c.getValue()}</div>
        {c.row.original.rule.description && (
          <div className="mt-0.5 max-w-xs text-xs text-slate-500">{c.row.original.rule.description}</div>
        )}
      </>
    ),
  }),
  r.display({ id: "matches", header: "Matches", cell: (c) => <MatchSummary rule={c.row.original.rule} /> }),
  r.accessor((x) => x.rule.decision, {
    id: "decision",
    header: "Decision",
    cell: (c) => <DecisionBadge decision={c.getValue()} />,
  }),
  r.display({
    id: "constraints",
    header: "Constraints",
    meta: { className: "hidden md:table-cell font-mono text-xs text-slate-600" },
    cell: (c) => {
      const constraints = c.row.original.rule.constraints;
      return constraints && Object.keys(constraints).length
        ? Object.entries(constraints).map(([k, v]) => (
            <div key={k}>
              {k}: {String(v)}
            </div>
          ))
        : "—";
    },
  }),
  r.accessor((x) => x.hits ?? -1, {
    id: "hits",
    header: "Hits 7 d",
    sortFn: "basic",
    meta: { className: "tabular-nums text-slate-700", label: "Hits in 7 days" },
    cell: (c) => (
      <span title={`Decisions this rule won in the last 7 days: ${JSON.stringify(c.row.original.byOutcome)}`}>
        {c.row.original.hits === null ? "…" : c.row.original.hits.toLocaleString("en")}
      </span>
    ),
  }),
] as ListColumn<RuleRow>[];

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
  // Edits go through the YAML document so the file's comments, order and quoting survive.
  const commit = useCallback(
    (edit: RuleEdit) => {
      onChange(applyRuleEdit(source, edit));
      setEditing(null);
    },
    [source, onChange],
  );
  const hits = useQuery({
    queryKey: ["policy-hits", environment],
    queryFn: () =>
      api<{ hits: Record<string, { total: number; by_outcome: Record<string, number> }> }>(
        `/api/console/policies/${environment}/hits?days=7`,
      ),
    refetchInterval: 30_000,
  });
  const rows = useMemo(
    () =>
      parsed.ok
        ? parsed.policy.rules.map((rule, index) => ({
            rule,
            index,
            hits: hits.data ? (hits.data.hits[rule.id]?.total ?? 0) : null,
            byOutcome: hits.data?.hits[rule.id]?.by_outcome ?? {},
          }))
        : [],
    [parsed, hits.data],
  );
  const columns = useMemo(() => {
    if (!canWrite) return BASE_COLUMNS;
    return [
      ...BASE_COLUMNS,
      r.display({
        id: "actions",
        header: () => <span className="sr-only">Actions</span>,
        enableHiding: false,
        meta: { className: "whitespace-nowrap text-right" },
        cell: (c) => (
          <RuleActions
            rule={c.row.original.rule}
            onEdit={() => setEditing(c.row.original.index)}
            onRemove={() => commit({ kind: "remove", index: c.row.original.index })}
          />
        ),
      }) as ListColumn<RuleRow>,
    ];
  }, [canWrite, commit]);

  if (!parsed.ok) {
    return (
      <Alert>The draft has {parsed.errors.length} error(s). Fix them in the YAML tab to see and edit its rules.</Alert>
    );
  }
  const policy = parsed.policy;

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
          <DataTable
            data={rows}
            columns={columns}
            rowId={(r) => r.rule.id}
            rowTestId={(r) => `rule-${r.rule.id}`}
            noun="rules"
            testId="rules"
          />
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

/** Edit a rule, or remove it from the draft after a confirmation. */
function RuleActions({ rule, onEdit, onRemove }: { rule: Rule; onEdit: () => void; onRemove: () => void }) {
  const confirm = useConfirm();
  return (
    <>
      <Button variant="ghost" onClick={onEdit} aria-label={`Edit ${rule.id}`}>
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
          })) && onRemove()
        }
        aria-label={`Remove ${rule.id}`}
      >
        Remove
      </Button>
    </>
  );
}
