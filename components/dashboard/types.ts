// The shape of GET /api/console/gates/overview as the dashboard reads it.
import type { GoNoGoVerdict } from "@/lib/readiness/verdict";

export type GateStateName = "PASS" | "WARN" | "BLOCK" | "NO_DATA";
export type Environment = "production" | "staging" | "development";

export interface GateTileData {
  gate: string;
  metric: string;
  title: string;
  value: number | null;
  unit: "bp" | "count" | "min" | "ms" | "pct";
  target: { op: string; value: number; text: string };
  condition: { op: string; value: number; window_minutes: number; sustained: boolean; text: string };
  owner: string;
  state: GateStateName;
  reason: string;
  since: string | null;
  sparkline: (number | null)[];
}

export interface Overview {
  environment: Environment;
  range: string;
  bucket_minutes: number;
  evaluated_at: string;
  has_traffic: boolean;
  environments: {
    environment: Environment;
    verdict: GoNoGoVerdict;
    since: string | null;
    blocking: string[];
    no_data: number;
  }[];
  verdict: GoNoGoVerdict;
  verdict_since: string | null;
  gates_verdict: GoNoGoVerdict;
  gates: GateTileData[];
  servers: string[];
  series: Record<string, number | string | null>[];
  by_server_action: {
    server: string;
    action: string;
    calls: number;
    denies: number;
    deny_rate_pct: number;
    p95_ms: number | null;
  }[];
  totals: { calls: number; denies: number; results: number; pending_approvals: number };
}
