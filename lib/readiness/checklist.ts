// The readiness checklist (docs/gates-and-readiness.md#readiness-checklist): the seed's twelve practices
// and one advisory line of our own (receipts), their areas, owners and where to fix them. Pure.

export const CHECK_IDS = [
  "remote-auth",
  "scoped-tokens",
  "receipts",
  "ssrf-guard",
  "decision-logged",
  "no-unapproved-writes",
  "approval-binding",
  "output-safety",
  "fn-review",
  "metrics",
  "queue-slo",
  "env-separation",
  "drill",
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export const AREAS = ["Identity", "Network", "Policy", "Output", "Observability", "Operations"] as const;
export type Area = (typeof AREAS)[number];

export type CheckStatus = "PASS" | "FAIL" | "NO_DATA";
export type Environment = "development" | "staging" | "production";

export interface CheckDefinition {
  id: CheckId;
  area: Area;
  /** The seed's practice. */
  practice: string;
  /** The seed's validation check, as the console judges it. */
  validation: string;
  owner: string;
  /**
   * Probes reach out to upstream servers and run on a schedule or on demand; every other check
   * (self-tests included) is evaluated live whenever it is read, so it is never stale.
   */
  probe: boolean;
  /** Not one of the seed's practices: a FAIL or NO_DATA puts it at risk, never blocks the verdict. */
  advisory?: true;
}

export const CHECKS: readonly CheckDefinition[] = [
  {
    id: "remote-auth",
    area: "Identity",
    practice: "OAuth 2.x auth for remote MCP servers",
    validation: "Every active remote server rejects an unauthenticated request (401/403)",
    owner: "Platform Security",
    probe: true,
  },
  {
    id: "scoped-tokens",
    area: "Identity",
    practice: "Scope tokens by server and action class",
    validation: "Every agent's scopes name a server and an action class its catalog has",
    owner: "Platform Security",
    probe: false,
  },
  {
    id: "receipts",
    area: "Identity",
    practice: "Upstreams verify signed decision receipts",
    validation: "Every active server refuses calls without the console's receipt (catalog: requires_receipt)",
    owner: "MCP Platform",
    probe: false,
    advisory: true,
  },
  {
    id: "ssrf-guard",
    area: "Network",
    practice: "SSRF guardrails on metadata and redirects",
    validation: "The guard refuses private and metadata addresses in production (self-test)",
    owner: "Platform Security",
    probe: false,
  },
  {
    id: "decision-logged",
    area: "Policy",
    practice: "Pre-execution policy decision per tool call",
    validation: "Every call logs exactly one of ALLOW, DENY, APPROVAL or CONSTRAINTS, on a verified chain",
    owner: "Governance",
    probe: false,
  },
  {
    id: "no-unapproved-writes",
    area: "Policy",
    practice: "Approval gate for write and high-impact actions",
    validation: "0 unapproved high-risk writes in the window",
    owner: "Governance",
    probe: false,
  },
  {
    id: "approval-binding",
    area: "Policy",
    practice: "Policy snapshot + request hash binding",
    validation: "Every approval stores a policy hash and request hash that verify",
    owner: "Governance",
    probe: false,
  },
  {
    id: "output-safety",
    area: "Output",
    practice: "Output safety before model ingestion",
    validation: "REDACT and QUARANTINE paths are enabled and pass their self-test",
    owner: "Safety Team",
    probe: false,
  },
  {
    id: "fn-review",
    area: "Output",
    practice: "Sensitive field classifier for common PII/secrets",
    validation: "Last week's false-negative sample was reviewed",
    owner: "Safety Team",
    probe: false,
  },
  {
    id: "metrics",
    area: "Observability",
    practice: "Tool-call metrics by server and action",
    validation: "p95 latency and denial rate by server and action are being recorded",
    owner: "MCP Platform",
    probe: false,
  },
  {
    id: "queue-slo",
    area: "Observability",
    practice: "Approval queue SLO monitoring",
    validation: "Queue p50 and timeout alerts have a destination",
    owner: "Ops Lead",
    probe: false,
  },
  {
    id: "env-separation",
    area: "Operations",
    practice: "Environment-separated server catalogs",
    validation: "No agent of this environment can reach another environment's server (self-test)",
    owner: "MCP Platform",
    probe: false,
  },
  {
    id: "drill",
    area: "Operations",
    practice: "Incident runbook and revocation drill",
    validation: "A revoke-and-restore drill passed this quarter",
    owner: "Security Operations",
    probe: false,
  },
];

export const CHECK_BY_ID: Record<CheckId, CheckDefinition> = Object.fromEntries(CHECKS.map((c) => [c.id, c])) as Record<
  CheckId,
  CheckDefinition
>;
export const PROBE_CHECKS: CheckId[] = CHECKS.filter((c) => c.probe).map((c) => c.id);

export function isCheckId(value: unknown): value is CheckId {
  return typeof value === "string" && (CHECK_IDS as readonly string[]).includes(value);
}

/** The console page where each check's failure is fixed. */
export function fixUrl(id: CheckId, environment: Environment): string {
  const e = encodeURIComponent(environment);
  switch (id) {
    case "remote-auth":
      return `/servers?env=${e}`;
    case "scoped-tokens":
      return `/agents`;
    case "receipts":
      return `/servers?env=${e}`;
    case "ssrf-guard":
      return `/readiness/report?environment=${e}#ssrf-guard`;
    case "decision-logged":
      return `/audit?environment=${e}`;
    case "no-unapproved-writes":
      return `/runbooks/unapproved-high-risk-writes`;
    case "approval-binding":
      return `/approvals?status=APPROVED`;
    case "output-safety":
      return `/settings/output-safety`;
    case "fn-review":
      return `/outputs/samples`;
    case "metrics":
      return `/settings/gates`;
    case "queue-slo":
      return `/approvals/settings`;
    case "env-separation":
      return `/servers?env=${e}`;
    case "drill":
      return `/operations?environment=${e}#drills`;
  }
}

/** What one check answers (the API's shape, docs/gates-and-readiness.md#readiness-checklist). */
export interface CheckResult {
  id: CheckId;
  status: CheckStatus;
  /** One or two sentences a person can act on, naming what was seen. */
  evidence: string;
  /** The facts behind the evidence: one entry per server, agent, approval… */
  details: Record<string, unknown>[];
  checked_at: string;
  fix_url: string;
}

export interface HistoryPoint {
  at: string;
  status: CheckStatus;
}

/** A check's history as runs of the same status (oldest first): what changed, and when. */
export function statusSpans(
  points: readonly HistoryPoint[],
): { status: CheckStatus; from: string; to: string; runs: number }[] {
  const sorted = [...points].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const spans: { status: CheckStatus; from: string; to: string; runs: number }[] = [];
  for (const p of sorted) {
    const last = spans[spans.length - 1];
    if (last && last.status === p.status) {
      last.to = p.at;
      last.runs += 1;
    } else spans.push({ status: p.status, from: p.at, to: p.at, runs: 1 });
  }
  return spans;
}

/** "3 of 4", "1 server", "2 servers". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

/** "10:42:07 UTC" for evidence sentences (the exact instant is in checked_at and details). */
export function clockTime(at: Date | string): string {
  return `${new Date(at).toISOString().slice(11, 19)} UTC`;
}

/** "The only agent" / "All 3 agents": a sentence start that reads well for one as for many. */
export function allOf(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? `The only ${one}` : `All ${n.toLocaleString("en")} ${many}`;
}

/** "1 of 3 agents holds" / "2 of 3 agents hold". */
export function someOf(k: number, n: number, many: string, verbOne: string, verbMany: string): string {
  return `${k.toLocaleString("en")} of ${n.toLocaleString("en")} ${many} ${k === 1 ? verbOne : verbMany}`;
}

/** "a, b and c" with at most `max` names, then "and N more". */
export function listNames(names: readonly string[], max = 3): string {
  if (names.length === 0) return "";
  const shown = names.slice(0, max);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(", ")} and ${rest} more`;
  if (shown.length === 1) return shown[0];
  return `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}`;
}
