import "server-only";

// Operations (docs/operations.md): revocation, kill switch, revoke-and-restore drills, runbooks.
export { lastDrill, quarterOf, type LastDrill, type Quarter, type DrillSummary } from "./last-drill";
export { killSwitches, setKillSwitch, type KillSwitchView } from "./kill-switch";
export { runDrill, DRILL_EFFECT_DEADLINE_MS, type DrillStep } from "./drill";
export { getDrillReport, listDrillReports, type DrillReportView } from "./drill-reports";
export { currentRevocations, lookupToken, restoreIssuer, revokeIssuer, revocationTargets } from "./revocations";
export { getRunbook, listRunbooks, markRunbookReviewed, saveRunbook } from "./runbooks";
export { GATE_RUNBOOK_SLUGS, INCIDENT_RUNBOOK_SLUGS, runbookPath, type RunbookSlug } from "./runbook-defaults";
