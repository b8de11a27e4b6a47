import type { ActionClass, Risk } from "@/lib/schemas/identity";

export interface ToolAnnotations {
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  [k: string]: unknown;
}

/** docs/README.md#words: readOnlyHint → read/low; destructiveHint → write/high; otherwise write/medium. */
export function defaultsFromAnnotations(annotations: ToolAnnotations | undefined | null): {
  action: ActionClass;
  risk: Risk;
} {
  if (annotations?.readOnlyHint === true) return { action: "read", risk: "low" };
  if (annotations?.destructiveHint === true) return { action: "write", risk: "high" };
  return { action: "write", risk: "medium" };
}

/** Explicit values win; a given class without a risk takes the risk that class usually carries. */
export function classifyTool(input: { action?: ActionClass; risk?: Risk; annotations?: ToolAnnotations | null }): {
  action: ActionClass;
  risk: Risk;
  explicit: boolean;
} {
  const defaults = defaultsFromAnnotations(input.annotations);
  const action = input.action ?? defaults.action;
  const risk =
    input.risk ??
    (input.action && input.action !== defaults.action
      ? ({ read: "low", write: "medium", admin: "high" } as const)[input.action]
      : defaults.risk);
  return { action, risk, explicit: action !== defaults.action || risk !== defaults.risk };
}
