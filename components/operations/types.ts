export type Environment = "development" | "staging" | "production";
export type KillSwitchMode = "off" | "writes" | "all";

export interface KillSwitchState {
  environment: Environment;
  mode: KillSwitchMode;
  reason: string | null;
  by: string | null;
  at: string | null;
}

export interface DrillSummary {
  id: string;
  status: string;
  run_by: string;
  started_at: string;
  finished_at: string | null;
  revoke_effect_ms: number | null;
  restore_effect_ms: number | null;
  summary: string;
  url: string;
}

export interface LastDrill {
  environment: Environment;
  quarter: { label: string; start: string; end: string };
  state: "PASS" | "FAIL";
  last_passed: DrillSummary | null;
  last_run: DrillSummary | null;
}

export interface DrillStep {
  key: string;
  title: string;
  ok: boolean;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  detail: string;
  http_status?: number;
  decision?: string | null;
  reason?: string | null;
  time_to_effect_ms?: number;
  calls?: number;
  jti?: string;
}

export interface DrillReport {
  id: string;
  environment: Environment;
  status: "running" | "passed" | "failed";
  agent: { id: string | null; client_id: string };
  call: { server: string; tool: string };
  run_by: string;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  revoke_effect_ms: number | null;
  restore_effect_ms: number | null;
  summary: string;
  steps: DrillStep[];
}

export interface Revocations {
  current: {
    kill_switches: KillSwitchState[];
    agents: {
      id: string;
      name: string;
      client_id: string;
      environment: Environment;
      status: string;
      reason: string | null;
      since: string;
      drill: boolean;
    }[];
    servers: { id: string; name: string; environment: Environment; reason: string | null; since: string }[];
    issuers: { id: string; name: string; issuer: string; status: string; since: string }[];
    tokens: { jti: string; client_id: string; revoked_at: string; reason: string | null; expires_at: string }[];
  };
  targets: {
    agents: { id: string; name: string; client_id: string; environment: Environment; drill: boolean }[];
    servers: { id: string; name: string; environment: Environment }[];
    issuers: { id: string; name: string; issuer: string }[];
  };
}

export interface TokenLookup {
  found_via: "jti" | "decision";
  decision: {
    id: string;
    at: string;
    environment: string;
    server: string;
    tool: string;
    outcome: string;
    reason: string;
  } | null;
  token: {
    jti: string;
    client_id: string;
    scope: string;
    issued_at: string;
    expires_at: string;
    expired: boolean;
    revoked_at: string | null;
    revoked_reason: string | null;
    agent: { id: string; name: string; environment: string; status: string; drill: boolean } | null;
  } | null;
  external: { jti: string; client_id: string; note: string } | null;
}

export const ENVIRONMENTS: Environment[] = ["production", "staging", "development"];

export const operationsKeys = {
  environments: ["environments"] as const,
  drills: ["drills"] as const,
  revocations: ["operations-revocations"] as const,
};
