import "server-only";
import { requestHash, type Constraints } from "@/lib/policy";
import { parsePointer, resolvePointer, UNRESOLVED } from "@/lib/policy/json-pointer";

export interface CallIdentity {
  environment: string;
  agent: string;
  server: string;
  tool: string;
}

/** The arguments a standing approval stays bound to: pointer → value (null when absent). */
export function boundArguments(args: unknown, pointers: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const p of pointers) {
    const tokens = parsePointer(p);
    const value = typeof tokens === "string" ? UNRESOLVED : resolvePointer(args, tokens);
    picked[p] = value === UNRESOLVED ? null : value;
  }
  return picked;
}

export function isWindowScope(constraints: Constraints): boolean {
  return constraints.approval_scope === "window" && (constraints.approval_window_min ?? 0) > 0;
}

/**
 * What an approval binds to: the full request hash for a single-use approval, or for a
 * standing (window) approval the hash of the same call with only the bound arguments.
 */
export function approvalBindingHash(
  id: CallIdentity,
  args: unknown,
  constraints: Constraints,
  fullHash: string,
): string {
  if (!isWindowScope(constraints)) return fullHash;
  return requestHash({ ...id, arguments: { $bound: boundArguments(args, constraints.approval_bind_arguments ?? []) } });
}
