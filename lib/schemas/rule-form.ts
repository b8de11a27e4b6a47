import { z } from "zod";
import { parsePolicy, serializePolicy, type Constraints, type Rule } from "@/lib/policy";

export const CONSTRAINT_FIELDS = [
  { key: "max_runtime_sec", label: "Max runtime (seconds)", hint: "cancel the call after this" },
  { key: "max_retries", label: "Max retries", hint: "" },
  { key: "max_calls_per_minute", label: "Max calls per minute", hint: "per agent" },
  { key: "approvals_required", label: "Approvals required", hint: "2 = four eyes" },
  { key: "approval_ttl_min", label: "Approval valid for (minutes)", hint: "default 60" },
] as const satisfies readonly { key: keyof Constraints; label: string; hint: string }[];

const wholeNumber = z
  .string()
  .trim()
  .refine((v) => v === "" || /^\d+$/.test(v), { error: "Enter a whole number, or leave it empty." });

/** The form's own fields, all text as typed; `toRule` turns them into a policy rule. */
export const ruleFormSchema = z.object({
  id: z
    .string()
    .trim()
    .min(1, { error: "Give the rule an id." })
    .regex(/^[a-z0-9-]+$/, { error: "Use only lowercase letters, digits and dashes." }),
  description: z.string().trim(),
  decision: z.enum(["ALLOW", "REQUIRE_APPROVAL", "DENY"]),
  server: z.string(),
  tool: z.string(),
  action: z.string(),
  risk: z.string(),
  agent: z.string(),
  owner: z.string(),
  not_in: z.string(),
  arguments: z
    .string()
    .trim()
    .refine(
      (v) => {
        if (v === "") return true;
        try {
          const parsed = JSON.parse(v);
          return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed);
        } catch {
          return false;
        }
      },
      { error: 'Write a JSON object, for example {"/repo": "acme/*"}.' },
    ),
  max_runtime_sec: wholeNumber,
  max_retries: wholeNumber,
  max_calls_per_minute: wholeNumber,
  approvals_required: wholeNumber,
  approval_ttl_min: wholeNumber,
});
export type RuleFormValues = z.infer<typeof ruleFormSchema>;
export type RuleFormField = keyof RuleFormValues;

const LABEL_FIELDS = [
  ["server", "mcp.server"],
  ["tool", "mcp.tool"],
  ["action", "mcp.action"],
  ["risk", "mcp.risk"],
  ["agent", "agent.id"],
  ["owner", "agent.owner"],
] as const;

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

export function formValues(rule?: Rule): RuleFormValues {
  const labels = rule?.match.labels ?? {};
  const values: RuleFormValues = {
    id: rule?.id ?? "",
    description: rule?.description ?? "",
    decision: rule?.decision ?? "REQUIRE_APPROVAL",
    server: "",
    tool: "",
    action: "",
    risk: "",
    agent: "",
    owner: "",
    not_in: rule?.match.mcp?.deny_servers_not_in?.join(", ") ?? "",
    arguments: rule?.match.arguments ? JSON.stringify(rule.match.arguments) : "",
    max_runtime_sec: "",
    max_retries: "",
    max_calls_per_minute: "",
    approvals_required: "",
    approval_ttl_min: "",
  };
  for (const [field, label] of LABEL_FIELDS) values[field] = listText(labels[label]);
  for (const c of CONSTRAINT_FIELDS) {
    const v = rule?.constraints?.[c.key];
    values[c.key] = v === undefined ? "" : String(v);
  }
  return values;
}

export function toRule(values: RuleFormValues): Rule {
  const match: Rule["match"] = {};
  const labels: Record<string, string | string[]> = {};
  for (const [field, label] of LABEL_FIELDS) {
    const v = listValue(values[field]);
    if (v !== undefined) labels[label] = v;
  }
  if (Object.keys(labels).length) match.labels = labels;
  const notIn = listValue(values.not_in);
  if (notIn !== undefined) match.mcp = { deny_servers_not_in: Array.isArray(notIn) ? notIn : [notIn] };
  if (values.arguments.trim()) match.arguments = JSON.parse(values.arguments);
  const constraints: Constraints = {};
  for (const c of CONSTRAINT_FIELDS) if (values[c.key].trim()) constraints[c.key] = Number(values[c.key]);
  return {
    id: values.id.trim(),
    ...(values.description.trim() ? { description: values.description.trim() } : {}),
    match,
    decision: values.decision,
    ...(Object.keys(constraints).length ? { constraints } : {}),
  };
}

const FIELD_OF_PATH: [RegExp, RuleFormField][] = [
  [/^id/, "id"],
  [/^description/, "description"],
  [/^decision/, "decision"],
  [/^match\.labels\.mcp\.server/, "server"],
  [/^match\.labels\.mcp\.tool/, "tool"],
  [/^match\.labels\.mcp\.action/, "action"],
  [/^match\.labels\.mcp\.risk/, "risk"],
  [/^match\.labels\.agent\.id/, "agent"],
  [/^match\.labels\.agent\.owner/, "owner"],
  [/^match\.mcp/, "not_in"],
  [/^match\.arguments/, "arguments"],
  ...CONSTRAINT_FIELDS.map((c): [RegExp, RuleFormField] => [new RegExp(`^constraints\\.${c.key}`), c.key]),
];

/** The policy parser's verdict on one rule, as errors keyed by form field (`form` when no field fits). */
export function ruleErrors(rule: Rule, takenIds: string[]): Partial<Record<RuleFormField | "form", string>> {
  const errors: Partial<Record<RuleFormField | "form", string>> = {};
  if (takenIds.includes(rule.id)) errors.id = `Another rule is already called ${rule.id}.`;
  const check = parsePolicy(serializePolicy({ version: "v1", rules: [rule] }));
  if (check.ok) return errors;
  for (const e of check.errors) {
    const path = e.field.replace(/^rules\[0\]\.?/, "");
    const field = FIELD_OF_PATH.find(([re]) => re.test(path))?.[1] ?? "form";
    if (path.startsWith("constraints") && rule.decision === "DENY")
      errors.decision ??= "A DENY rule cannot have constraints: clear them or pick another decision.";
    else errors[field] ??= sentence(e.message);
  }
  return errors;
}

function sentence(message: string): string {
  const s = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}
