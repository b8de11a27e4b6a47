// The shape of GET /api/v1/readiness as the pages read it.
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
}

export interface VerdictItem {
  kind: "gate" | "check";
  id: string;
  title: string;
  state: string;
}

export interface ReadinessReport {
  environment: Environment;
  evaluated_at: string;
  window_minutes: number;
  verdict: "GO" | "NO_GO";
  blocking: VerdictItem[];
  unverified: VerdictItem[];
  at_risk: VerdictItem[];
  counts: { checks: Record<CheckStatus, number>; gates: Record<string, number> };
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
