// Response shapes of the policy handlers, from the server's own functions (type-only imports,
// erased at build), with Dates as the strings JSON carries.
import type { Wire } from "@/lib/client/wire";
import type { policyOverview } from "@/lib/server/policies/policy-store";
import type { SimulationResult as ServerSimulationResult } from "@/lib/server/policies/simulate";

/** GET /api/console/policies/{environment} */
export type PolicyOverview = Wire<Awaited<ReturnType<typeof policyOverview>>>;
/** One published version, as the overview lists them. */
export type SnapshotSummary = PolicyOverview["versions"][number];
/** One call's answer from POST /api/console/policies/{environment}/simulate */
export type SimulationResult = Wire<ServerSimulationResult>;
