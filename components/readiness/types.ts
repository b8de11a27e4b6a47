// The shape of GET /api/v1/readiness and GET /api/v1/go-no-go as the pages read them.
import type { GoNoGo, VerdictReason } from "@/lib/readiness/verdict";

export type { GoNoGo, GoNoGoVerdict, VerdictReason } from "@/lib/readiness/verdict";
export type CheckStatus = "PASS" | "FAIL" | "NO_DATA";
export type Environment = "production" | "staging" | "development";

export interface ReadinessCheck {
  id: string;
  status: CheckStatus;
  evidence: string;
  details: Record<string, unknown>[];
  checked_at: string;
  fix_url: string;
  title: string;
  area: string;
  practice: string;
  owner: string;
  probe: boolean;
  since: string | null;
  history: { at: string; status: CheckStatus }[];
  stale: boolean;
}

export interface ReadinessReport {
  environment: Environment;
  evaluated_at: string;
  window_minutes: number;
  verdict: GoNoGo["verdict"];
  verdict_since: string | null;
  headline: string;
  blockers: VerdictReason[];
  missing: VerdictReason[];
  at_risk: VerdictReason[];
  counts: GoNoGo["counts"];
  checks: ReadinessCheck[];
  gates: { metric: string; title: string; state: string; owner: string; reason: string; value: number | null }[];
  gates_verdict: string;
  policy: { version: number; hash: string } | null;
  console_version: string;
  last_run: { run_id: string; at: string; trigger: string; by: string } | null;
  next_run_allowed_at: string | null;
  schedule: { every_minutes: number; min_interval_seconds: number };
}

export const AREAS = ["Identity", "Network", "Policy", "Output", "Observability", "Operations"] as const;
export const ENVIRONMENTS: Environment[] = ["production", "staging", "development"];
