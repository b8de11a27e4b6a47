// The shape of GET /api/console/gates/overview as the dashboard reads it: the server function's own
// return type (type-only import, erased at build), with Dates as the strings JSON carries.
import type { Wire } from "@/lib/client/wire";
import type { DashboardData } from "@/lib/server/metrics/dashboard";

export type Overview = Wire<DashboardData>;
export type GateTileData = Overview["gates"][number];
export type GateStateName = GateTileData["state"];
export type Environment = Overview["environment"];
