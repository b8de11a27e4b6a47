import type { Wire } from "@/lib/client/wire";
import type {
  DrillReportView,
  DrillSummary as ServerDrillSummary,
  DrillStep as ServerDrillStep,
  KillSwitchView,
  LastDrill as ServerLastDrill,
} from "@/lib/server/operations";

export type Environment = "development" | "staging" | "production";
export type KillSwitchMode = "off" | "writes" | "all";

// Shapes the operations handlers answer with, from the server's own view types (type-only, erased at build).
export type KillSwitchState = Wire<KillSwitchView>;
export type DrillSummary = Wire<ServerDrillSummary>;
export type LastDrill = Wire<ServerLastDrill>;
export type DrillStep = Wire<ServerDrillStep>;
export type DrillReport = Wire<DrillReportView>;

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
