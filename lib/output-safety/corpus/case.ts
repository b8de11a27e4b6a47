/** One corpus row: an output, what the classifier must decide, and which detector the row exercises. */
import type { InspectOptions, SafetyAction } from "../types";

export interface CorpusCase {
  name: string;
  /** The kind this row is about: a true positive for it, or a look-alike that must not fire. */
  detector: string;
  input: unknown;
  action: SafetyAction;
  /** Kinds that must be among the findings. */
  kinds: string[];
  /** Kinds that must not be among the findings (a look-alike always lists its detector). */
  absent: string[];
  opts?: InspectOptions;
}

/** A true positive: `detector` must fire and the verdict must be `action`. */
export function hit(
  detector: string,
  input: unknown,
  action: SafetyAction = "REDACT",
  extra: Partial<CorpusCase> = {},
): CorpusCase {
  return { name: `${detector}: ${describe(input)}`, detector, input, action, kinds: [detector], absent: [], ...extra };
}

/** A look-alike: `detector` must stay silent (and by default the whole output is allowed). */
export function miss(
  detector: string,
  why: string,
  input: unknown,
  action: SafetyAction = "ALLOW",
  extra: Partial<CorpusCase> = {},
): CorpusCase {
  return { name: `${detector} look-alike: ${why}`, detector, input, action, kinds: [], absent: [detector], ...extra };
}

function describe(input: unknown): string {
  const s = typeof input === "string" ? input : JSON.stringify(input);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** A steering row whose name is given whole (carriers, variants, discussion): no kinds are required of it. */
export const steeringRow = (name: string, input: string, action: "QUARANTINE" | "ALLOW"): CorpusCase => ({
  name: `${action === "ALLOW" ? "steering look-alike" : "steering"} (carrier): ${name}`,
  detector: "steering",
  input,
  action,
  kinds: [],
  absent: [],
});
