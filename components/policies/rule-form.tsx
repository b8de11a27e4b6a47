"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Alert, Field, Input, Select } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { ACTION_CLASSES, RISKS, type Rule } from "@/lib/policy";
import {
  CONSTRAINT_FIELDS,
  formValues,
  type RuleFormField,
  type RuleFormValues,
  ruleErrors,
  ruleFormSchema,
  toRule,
} from "@/lib/schemas/rule-form";

/** Options for a label select: any, each value, and the rule's own list if it names several. */
function choices(values: readonly string[], current: string): string[] {
  return current && !values.includes(current) ? [...values, current] : [...values];
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
  const defaults = formValues(initial);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<RuleFormValues>({ resolver: zodResolver(ruleFormSchema), defaultValues: defaults });
  const catalog = useQuery({
    queryKey: ["catalog-names", environment],
    queryFn: () =>
      api<{ servers?: { name: string; tools?: { name: string }[] }[] }>(
        `/api/console/servers?environment=${environment}`,
      ),
    retry: false,
  });
  const servers = catalog.data?.servers ?? [];

  const submit = handleSubmit((values) => {
    const rule = toRule(values);
    const problems = ruleErrors(rule, takenIds);
    const entries = Object.entries(problems) as [RuleFormField | "form", string][];
    if (entries.length === 0) return onSave(rule);
    for (const [field, message] of entries) setError(field === "form" ? "root" : field, { message });
  });
  const err = (f: RuleFormField) => errors[f]?.message;

  return (
    <Card
      title={initial ? `Edit rule ${initial.id}` : "New rule"}
      description="Leave a field empty to match anything. Lists are comma-separated; patterns like github-* work."
    >
      <form onSubmit={submit} noValidate className="space-y-4">
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
          <Field label="Rule id" hint="lowercase letters, digits and dashes" error={err("id")}>
            <Input {...register("id")} autoComplete="off" autoFocus />
          </Field>
          <Field label="Description" error={err("description")}>
            <Input {...register("description")} />
          </Field>
          <Field label="Decision" error={err("decision")}>
            <Select {...register("decision")}>
              <option value="ALLOW">Allow</option>
              <option value="REQUIRE_APPROVAL">Require approval</option>
              <option value="DENY">Deny</option>
            </Select>
          </Field>
          <Field label="Servers (mcp.server)" hint="e.g. github, jira — or *" error={err("server")}>
            <Input {...register("server")} list="catalog-servers" />
          </Field>
          <Field label="Tools (mcp.tool)" error={err("tool")}>
            <Input {...register("tool")} list="catalog-tools" />
          </Field>
          <Field label="Action class (mcp.action)" error={err("action")}>
            <Select {...register("action")}>
              <option value="">Any action</option>
              {choices(ACTION_CLASSES, defaults.action).map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Risk (mcp.risk)" error={err("risk")}>
            <Select {...register("risk")}>
              <option value="">Any risk</option>
              {choices(RISKS, defaults.risk).map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Agent ids (agent.id)" error={err("agent")}>
            <Input {...register("agent")} />
          </Field>
          <Field label="Agent owners (agent.owner)" error={err("owner")}>
            <Input {...register("owner")} />
          </Field>
          <Field label="Deny servers not in" hint="matches when the server is NOT listed" error={err("not_in")}>
            <Input {...register("not_in")} />
          </Field>
          <div className="md:col-span-2">
            <Field
              label="Arguments (JSON pointer → value, pattern or {regex})"
              hint='e.g. {"/repo": "acme/*"}'
              error={err("arguments")}
            >
              <Input {...register("arguments")} className="font-mono" />
            </Field>
          </div>
        </div>
        <fieldset>
          <legend className="mb-2 text-sm font-medium text-slate-700">
            Constraints (Allow and Require approval only)
          </legend>
          <div className="grid gap-4 md:grid-cols-5">
            {CONSTRAINT_FIELDS.map((c) => (
              <Field key={c.key} label={c.label} hint={c.hint || undefined} error={err(c.key)}>
                <Input {...register(c.key)} inputMode="numeric" />
              </Field>
            ))}
          </div>
        </fieldset>
        {errors.root?.message && <Alert>{errors.root.message}</Alert>}
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
