import type { Wire } from "@/lib/client/wire";
import type { EnvironmentName } from "@/lib/schemas/identity";
import type {
  DrillReportView,
  DrillSummary as ServerDrillSummary,
  DrillStep as ServerDrillStep,
  KillSwitchView,
  LastDrill as ServerLastDrill,
  currentRevocations,
  lookupToken,
  revocationTargets,
} from "@/lib/server/operations";

export type { EnvironmentName as Environment } from "@/lib/schemas/identity";
export type { KillSwitchMode } from "@/lib/schemas/operations";

// Shapes the operations handlers answer with, from the server's own view types (type-only, erased at build).
export type KillSwitchState = Wire<KillSwitchView>;
export type DrillSummary = Wire<ServerDrillSummary>;
export type LastDrill = Wire<ServerLastDrill>;
export type DrillStep = Wire<ServerDrillStep>;
export type DrillReport = Wire<DrillReportView>;

/** GET /api/console/operations/revocations */
export type Revocations = {
  current: Wire<Awaited<ReturnType<typeof currentRevocations>>>;
  targets: Wire<Awaited<ReturnType<typeof revocationTargets>>>;
};
/** GET /api/console/operations/tokens?q= */
export type TokenLookup = Wire<Awaited<ReturnType<typeof lookupToken>>>;

export const ENVIRONMENTS: EnvironmentName[] = ["production", "staging", "development"];

export const operationsKeys = {
  environments: ["environments"] as const,
  drills: ["drills"] as const,
  revocations: ["operations-revocations"] as const,
};
