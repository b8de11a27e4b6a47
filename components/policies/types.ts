import type { PolicyError } from "@/lib/policy";

export interface SnapshotSummary {
  id: string;
  version: number;
  hash: string;
  message: string;
  authorLabel: string;
  reviewedBy: string | null;
  unreviewed: boolean;
  rolledBackFrom?: number | null;
  createdAt: string;
}

export interface PolicyOverview {
  environment: string;
  draft: {
    source: string;
    saved: boolean;
    updated_at: string | null;
    updated_by: string | null;
    valid: boolean;
    hash: string | null;
    errors: PolicyError[];
    differs_from_current: boolean;
  };
  current: (SnapshotSummary & { source: string }) | null;
  versions: SnapshotSummary[];
}

export interface SimulationResult {
  decision: "ALLOW" | "REQUIRE_APPROVAL" | "DENY";
  outcome: string;
  rule_id: string | null;
  reason: string;
  constraints: Record<string, unknown>;
  trace: { ruleId: string; matched: boolean; decision: string; reasons: string[] }[];
  action: string | null;
  risk: string | null;
  policy: { version: number | null; hash: string } | null;
}
