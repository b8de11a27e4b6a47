"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Alert, Field, Input, Select } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { parsePolicy, serializePolicy, type Constraints, type Rule } from "@/lib/policy";

const CONSTRAINT_FIELDS: { key: keyof Constraints; label: string; hint: string }[] = [
  { key: "max_runtime_sec", label: "Max runtime (s)", hint: "cancel the call after this" },
  { key: "max_retries", label: "Max retries", hint: "" },
  { key: "max_calls_per_minute", label: "Max calls / min", hint: "per agent" },
  { key: "approvals_required", label: "Approvals required", hint: "2 = four eyes" },
  { key: "approval_ttl_min", label: "Approval TTL (min)", hint: "default 60" },
];

function listText(v: string | string[] | undefined): string {
  return v === undefined ? "" : Array.isArray(v) ? v.join(", ") : v;
}

function listValue(text: string): string | string[] | undefined {
  const items = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length === 0 ? undefined : items.length === 1 ? items[0] : items;
}

/** Rule form: labels with catalog pickers, decision, constraints. The result is checked by the same parser as the YAML. */
export function RuleForm({
  initial,
  takenIds,
  environment,
  onSave,
  onCancel,
}: {
  initial?: Rule;
  takenIds: string[];
  environment: string;
  onSave: (r: Rule) => void;
  onCancel: () => void;
}) {
  const labels = initial?.match.labels ?? {};
  const [errors, setErrors] = useState<string[]>([]);
  const catalog = useQuery({
    queryKey: ["catalog-names", environment],
    queryFn: () =>
      api<{ servers?: { name: string; tools?: { name: string }[] }[] }>(
        `/api/console/servers?environment=${environment}`,
      ),
    retry: false,
  });
  const servers = catalog.data?.servers ?? [];

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const get = (k: string) => String(f.get(k) ?? "").trim();
    const match: Rule["match"] = {};
    const nextLabels: Record<string, string | string[]> = {};
    for (const [field, label] of [
      ["server", "mcp.server"],
      ["tool", "mcp.tool"],
      ["action", "mcp.action"],
      ["risk", "mcp.risk"],
      ["agent", "agent.id"],
      ["owner", "agent.owner"],
    ] as const) {
      const v = listValue(get(field));
      if (v !== undefined) nextLabels[label] = v;
    }
    if (Object.keys(nextLabels).length) match.labels = nextLabels;
    const notIn = listValue(get("not_in"));
    if (notIn !== undefined) match.mcp = { deny_servers_not_in: Array.isArray(notIn) ? notIn : [notIn] };
    const argsText = get("arguments");
    if (argsText) {
      try {
        match.arguments = JSON.parse(argsText);
      } catch {
        return setErrors(['Arguments must be a JSON object of JSON pointer → value, e.g. {"/repo": "acme/*"}.']);
      }
    }
    const constraints: Constraints = {};
    for (const c of CONSTRAINT_FIELDS)
      if (get(c.key)) (constraints as Record<string, number>)[c.key] = Number(get(c.key));
    const decision = get("decision") as Rule["decision"];
    const rule: Rule = {
      id: get("id"),
      ...(get("description") ? { description: get("description") } : {}),
      match,
      decision,
      ...(Object.keys(constraints).length ? { constraints } : {}),
    };
    if (takenIds.includes(rule.id)) return setErrors([`A rule with id ${rule.id} exists already.`]);
    const check = parsePolicy(serializePolicy({ version: "v1", rules: [rule] }));
    if (!check.ok)
      return setErrors(check.errors.map((x) => `${x.field.replace(/^rules\[0\]\.?/, "") || "rule"}: ${x.message}`));
    setErrors([]);
    onSave(rule);
  }

  return (
    <Card
      title={initial ? `Edit rule ${initial.id}` : "New rule"}
      description="Leave a field empty to match anything. Lists are comma-separated; globs like github-* work."
    >
      <form onSubmit={onSubmit} className="space-y-4">
        <datalist id="catalog-servers">
          {servers.map((s) => (
            <option key={s.name} value={s.name} />
          ))}
        </datalist>
        <datalist id="catalog-tools">
          {[...new Set(servers.flatMap((s) => s.tools?.map((t) => t.name) ?? []))].map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
        <div className="grid gap-4 md:grid-cols-3">
          <Field label="Rule id" hint="lowercase letters, digits and dashes">
            <Input name="id" defaultValue={initial?.id} required pattern="[a-z0-9-]+" autoFocus />
          </Field>
          <Field label="Description">
            <Input name="description" defaultValue={initial?.description} />
          </Field>
          <Field label="Decision">
            <Select name="decision" defaultValue={initial?.decision ?? "REQUIRE_APPROVAL"}>
              <option value="ALLOW">ALLOW</option>
              <option value="REQUIRE_APPROVAL">REQUIRE_APPROVAL</option>
              <option value="DENY">DENY</option>
            </Select>
          </Field>
          <Field label="Servers (mcp.server)" hint="e.g. github, jira — or *">
            <Input name="server" list="catalog-servers" defaultValue={listText(labels["mcp.server"])} />
          </Field>
          <Field label="Tools (mcp.tool)">
            <Input name="tool" list="catalog-tools" defaultValue={listText(labels["mcp.tool"])} />
          </Field>
          <Field label="Action class (mcp.action)" hint="read, write, admin">
            <Input name="action" defaultValue={listText(labels["mcp.action"])} />
          </Field>
          <Field label="Risk (mcp.risk)" hint="low, medium, high">
            <Input name="risk" defaultValue={listText(labels["mcp.risk"])} />
          </Field>
          <Field label="Agent ids (agent.id)">
            <Input name="agent" defaultValue={listText(labels["agent.id"])} />
          </Field>
          <Field label="Agent owners (agent.owner)">
            <Input name="owner" defaultValue={listText(labels["agent.owner"])} />
          </Field>
          <Field label="Deny servers not in" hint="matches when the server is NOT listed">
            <Input name="not_in" defaultValue={initial?.match.mcp?.deny_servers_not_in?.join(", ")} />
          </Field>
          <div className="md:col-span-2">
            <Field label="Arguments (JSON pointer → value, glob or {regex})" hint='e.g. {"/repo": "acme/*"}'>
              <Input
                name="arguments"
                className="font-mono"
                defaultValue={initial?.match.arguments ? JSON.stringify(initial.match.arguments) : ""}
              />
            </Field>
          </div>
        </div>
        <fieldset>
          <legend className="mb-2 text-sm font-medium text-slate-700">
            Constraints (ALLOW and REQUIRE_APPROVAL only)
          </legend>
          <div className="grid gap-4 md:grid-cols-5">
            {CONSTRAINT_FIELDS.map((c) => (
              <Field key={c.key} label={c.label} hint={c.hint || undefined}>
                <Input
                  name={c.key}
                  type="number"
                  min={0}
                  step={1}
                  defaultValue={initial?.constraints?.[c.key] as number | undefined}
                />
              </Field>
            ))}
          </div>
        </fieldset>
        {errors.length > 0 && (
          <Alert>
            <ul className="list-inside list-disc">
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </Alert>
        )}
        <div className="flex gap-2">
          <Button type="submit">{initial ? "Update rule in draft" : "Add rule to draft"}</Button>
          <Button type="button" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}
