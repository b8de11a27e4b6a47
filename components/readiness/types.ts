// The shape of GET /api/v1/readiness and GET /api/v1/go-no-go as the pages read them: the server's
// own view types (type-only imports, erased at build).
import type { Wire } from "@/lib/client/wire";
import type { Environment as EnvironmentName } from "@/lib/generated/prisma/enums";
import type { CheckStatus as Status } from "@/lib/readiness/checklist";
import type { ReadinessCheckView, ReadinessReport as ServerReport } from "@/lib/server/readiness/report";

export type { GoNoGo, GoNoGoVerdict, VerdictReason } from "@/lib/readiness/verdict";
export type CheckStatus = Status;
export type Environment = EnvironmentName;
export type ReadinessCheck = Wire<ReadinessCheckView>;
export type ReadinessReport = Wire<ServerReport>;

export const AREAS = ["Identity", "Network", "Policy", "Output", "Observability", "Operations"] as const;
export const ENVIRONMENTS: Environment[] = ["production", "staging", "development"];
