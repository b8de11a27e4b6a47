export type { DecisionItem, EventItem } from "@/lib/server/audit-search/rows";
export type { DecisionDetail, EventDetail } from "@/lib/server/audit-search/detail";
export type { ChainsReport } from "@/lib/server/audit-search/verify";
export type { RunView } from "@/lib/server/audit-verify/shared-runs";
