// Zod schema of policy v1 (docs/policy-language.md#document): shapes and per-field checks. Checks that span
// several rules (duplicate ids) or fields (constraints on DENY) live in validate.ts.
import { z } from "zod";
import { compileGlob } from "./glob";
import { parsePointer } from "./json-pointer";
import { compileSafeRegex } from "./safe-regex";
import {
  ACTION_CLASSES,
  DECISIONS,
  ENVIRONMENTS,
  RISKS,
  type ArgumentMatcher,
  type Constraints,
  type Decision,
} from "./types";

export const RULE_ID = /^[a-z0-9-]+$/;

const text = (what: string) => z.string({ error: `${what} must be a string` });

function count(min: number) {
  return z
    .number({ error: "must be a number" })
    .int({ error: "must be an integer" })
    .min(min, { error: min === 0 ? "must not be negative" : `must be at least ${min}` });
}

const patternList = z.union(
  [text("a label value"), z.array(text("a list item")).min(1, { error: "a list must not be empty" })],
  {
    error: "must be a string or a non-empty list of strings",
  },
);

/** A label whose values come from a closed set: every pattern must match one of them. */
function closedLabel(values: readonly string[], what: string) {
  return patternList.superRefine((value, ctx) => {
    for (const pattern of typeof value === "string" ? [value] : value) {
      const matches = compileGlob(pattern);
      if (!values.some(matches))
        ctx.addIssue({ code: "custom", message: `"${pattern}" matches no ${what} (${values.join(", ")})` });
    }
  });
}

export const labelsSchema = z.strictObject({
  "mcp.server": patternList.optional(),
  "mcp.tool": patternList.optional(),
  "mcp.action": closedLabel(ACTION_CLASSES, "action class").optional(),
  "mcp.risk": closedLabel(RISKS, "risk").optional(),
  "mcp.environment": closedLabel(ENVIRONMENTS, "environment").optional(),
  "agent.id": patternList.optional(),
  "agent.owner": patternList.optional(),
});

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Why an argument matcher is invalid, or null when it is fine. */
export function argumentMatcherProblem(value: unknown): string | null {
  if (value === null || typeof value === "string" || typeof value === "boolean") return null;
  if (typeof value === "number") return Number.isFinite(value) ? null : "must be a finite number";
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length !== 1 || keys[0] !== "regex") return 'an object matcher must be exactly {regex: "…"}';
    if (typeof value.regex !== "string") return "regex must be a string";
    const compiled = compileSafeRegex(value.regex);
    return compiled.ok ? null : `unsafe or unsupported regex: ${compiled.message}`;
  }
  return 'must be a string (exact or glob), a number, a boolean, null or {regex: "…"}';
}

export const argumentsSchema = z
  .record(z.string(), z.unknown(), { error: "must be a mapping of JSON pointer → matcher" })
  .superRefine((args, ctx) => {
    for (const [pointer, matcher] of Object.entries(args)) {
      const tokens = parsePointer(pointer);
      if (typeof tokens === "string")
        ctx.addIssue({ code: "custom", path: [pointer], message: tokens, params: { at: "key" } });
      const problem = argumentMatcherProblem(matcher);
      if (problem) ctx.addIssue({ code: "custom", path: [pointer], message: problem });
    }
  })
  .transform((args) => args as Record<string, ArgumentMatcher>);

export const matchSchema = z.strictObject(
  {
    labels: labelsSchema.optional(),
    mcp: z
      .strictObject({
        deny_servers_not_in: z.array(text("a server name"), { error: "must be a list of server names" }).optional(),
      })
      .optional(),
    arguments: argumentsSchema.optional(),
  },
  { error: "match must be a mapping (use `match: {}` for a rule that matches every call)" },
);

export const constraintsSchema = z.strictObject(
  {
    max_runtime_sec: count(0).optional(),
    max_retries: count(0).optional(),
    max_calls_per_minute: count(0).optional(),
    approvals_required: count(1).optional(),
    approval_ttl_min: count(1).optional(),
    approver_group: text("approver_group").min(1, { error: "must not be empty" }).optional(),
    approval_scope: z.enum(["once", "window"], { error: "must be once or window" }).optional(),
    approval_window_min: count(1).optional(),
    approver_groups: z
      .array(text("a group name").min(1, { error: "must not be empty" }), { error: "must be a list of group names" })
      .min(1, { error: "must name at least one group" })
      .optional(),
    approval_bind_arguments: z
      .array(text("a JSON pointer").regex(/^(\/([^~/]|~[01])*)+$/, { error: "must be a JSON pointer such as /repo" }), {
        error: "must be a list of JSON pointers",
      })
      .optional(),
  },
  { error: "constraints must be a mapping" },
) satisfies z.ZodType<Constraints>;

export const ruleSchema = z.strictObject(
  {
    id: text("id").regex(RULE_ID, { error: "must match [a-z0-9-]+" }),
    description: text("description").optional(),
    match: matchSchema,
    decision: z.enum(DECISIONS as [Decision, ...Decision[]], { error: `must be one of ${DECISIONS.join(", ")}` }),
    constraints: constraintsSchema.optional(),
  },
  { error: "a rule must be a mapping" },
);

export const policySchema = z.strictObject(
  {
    version: z.literal("v1", { error: "must be v1" }),
    rules: z.array(ruleSchema, { error: "rules must be a list" }),
  },
  { error: "a policy must be a mapping with version and rules" },
);
