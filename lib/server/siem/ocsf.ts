import "server-only";
import type { AuditEvent, DecisionRecord } from "@/lib/generated/prisma/client";
import { withoutPayload } from "../audit-search/rows";

/**
 * Audit events and decisions as OCSF events (docs/siem-export.md#ocsf-mapping): which class each
 * record becomes, and why, is documented there; our own fields travel in `unmapped`.
 */

export const OCSF_VERSION = "1.3.0";
const PRODUCT = { name: "MCP governance console", vendor_name: "MCP governance console" };

export type OcsfRecord = Record<string, unknown> & {
  time: number;
  metadata: { uid: string; sequence: number; log_name: string; [field: string]: unknown };
};

interface ClassInfo {
  class_uid: number;
  class_name: string;
  category_uid: number;
  category_name: string;
}

const API_ACTIVITY: ClassInfo = {
  class_uid: 6003,
  class_name: "API Activity",
  category_uid: 6,
  category_name: "Application Activity",
};
const ACCOUNT_CHANGE: ClassInfo = {
  class_uid: 3001,
  class_name: "Account Change",
  category_uid: 3,
  category_name: "Identity & Access Management",
};
const AUTHENTICATION: ClassInfo = { ...ACCOUNT_CHANGE, class_uid: 3002, class_name: "Authentication" };
const ENTITY_MANAGEMENT: ClassInfo = { ...ACCOUNT_CHANGE, class_uid: 3004, class_name: "Entity Management" };

const ACTIVITY_NAMES: Record<number, string> = { 0: "Unknown", 1: "Create", 2: "Read", 3: "Update", 4: "Delete" };

function base(cls: ClassInfo, activityId: number, activityName: string, severityId: number) {
  return {
    ...cls,
    activity_id: activityId,
    activity_name: activityName,
    type_uid: cls.class_uid * 100 + activityId,
    type_name: `${cls.class_name}: ${activityName}`,
    severity_id: severityId,
    severity: ["Unknown", "Informational", "Low", "Medium", "High"][severityId] ?? "Other",
  };
}

function metadata(uid: string, seq: bigint, logName: string, correlation?: string | null) {
  return {
    uid,
    sequence: Number(seq),
    log_name: logName,
    version: OCSF_VERSION,
    product: PRODUCT,
    ...(correlation ? { correlation_uid: correlation } : {}),
  };
}

/** API Activity per tool action class: read → Read, write → Update, anything else → Other. */
function toolActivity(action: string | null): [number, string] {
  if (action === "read") return [2, "Read"];
  if (action === "write") return [3, "Update"];
  return action ? [99, action] : [0, "Unknown"];
}

/** ALLOW and CONSTRAINTS let the call run; DENY blocks it; APPROVAL holds it (blocked until someone approves). */
function disposition(outcome: string): { disposition_id: number; disposition: string } {
  if (outcome === "ALLOW" || outcome === "CONSTRAINTS") return { disposition_id: 1, disposition: "Allowed" };
  if (outcome === "DENY") return { disposition_id: 2, disposition: "Blocked" };
  return { disposition_id: 99, disposition: "Held for approval" };
}

export function decisionToOcsf(d: DecisionRecord, includePayload: boolean): OcsfRecord {
  const [activityId, activityName] = toolActivity(d.action);
  const allowed = d.outcome === "ALLOW" || d.outcome === "CONSTRAINTS";
  return {
    ...base(API_ACTIVITY, activityId, activityName, d.outcome === "DENY" ? 3 : allowed ? 1 : 2),
    time: d.at.getTime(),
    status_id: allowed ? 1 : 2,
    status: allowed ? "Success" : "Failure",
    ...disposition(d.outcome),
    message: `${d.outcome} ${d.server}/${d.tool}: ${d.reason}`,
    metadata: metadata(d.id, d.seq, "decisions", d.approvalId),
    actor: { user: { uid: d.agentId ?? d.clientId, name: d.clientId, type_id: 99, type: "Agent" } },
    api: { operation: d.tool, service: { name: d.server }, request: { uid: d.requestHash } },
    resources: [{ uid: `${d.server}/${d.tool}`, name: d.tool, type: "mcp.tool", group: { name: d.server } }],
    unmapped: {
      environment: d.environment,
      decision: d.decision,
      outcome: d.outcome,
      rule_id: d.ruleId,
      reason: d.reason,
      policy_hash: d.policyHash,
      policy_version: d.policyVersion,
      request_hash: d.requestHash,
      approval_id: d.approvalId,
      action: d.action,
      risk: d.risk,
      constraints: d.constraints,
      latency_ms: d.latencyMs,
      ...(includePayload ? { arguments: d.arguments } : {}),
      chain: { name: "decisions", seq: String(d.seq), hash: d.hash, prev_hash: d.prevHash },
    },
  };
}

/** The CRUD verb an event's action ends with (`agent.create` → Create), else Other with the verb as name. */
function verbActivity(action: string): [number, string] {
  const verb = action.slice(action.lastIndexOf(".") + 1);
  if (verb === "create") return [1, "Create"];
  if (["update", "override", "sync", "draft_saved", "published", "promote", "reset", "rotate"].includes(verb))
    return [3, "Update"];
  if (verb === "delete" || verb === "purge") return [4, "Delete"];
  return [99, verb];
}

/** Account Change activities for identities: create 1, password change 3, delete 6, lock 9. */
function accountActivity(action: string): [number, string] {
  if (action.endsWith(".create")) return [1, "Create"];
  if (action.endsWith(".rotate_secret")) return [3, "Password Change"];
  if (action.endsWith(".revoke")) return [6, "Delete"];
  if (action === "auth.locked") return [9, "Lock"];
  return [99, action.slice(action.lastIndexOf(".") + 1)];
}

const IDENTITY_PREFIXES = ["user.", "agent.", "api_token.", "metrics_token.", "token."];
const TOOL_CALL_PREFIXES = ["approval.", "output.", "gateway.", "change_request."];

function eventClass(action: string): { cls: ClassInfo; activity: [number, string] } {
  if (action === "auth.login" || action === "auth.login_failed" || action === "auth.login_refused_locked")
    return { cls: AUTHENTICATION, activity: [1, "Logon"] };
  if (action === "auth.locked" || IDENTITY_PREFIXES.some((p) => action.startsWith(p)))
    return { cls: ACCOUNT_CHANGE, activity: accountActivity(action) };
  if (TOOL_CALL_PREFIXES.some((p) => action.startsWith(p)))
    return { cls: API_ACTIVITY, activity: [99, action.slice(action.lastIndexOf(".") + 1)] };
  return { cls: ENTITY_MANAGEMENT, activity: verbActivity(action) };
}

export function eventToOcsf(e: AuditEvent, includePayload: boolean): OcsfRecord {
  const { cls, activity } = eventClass(e.action);
  const failed = e.action === "auth.login_failed" || e.action === "auth.login_refused_locked";
  const target = e.targetType ? { uid: e.targetId, type: e.targetType, name: e.targetId } : null;
  return {
    ...base(cls, activity[0], activity[1] ?? ACTIVITY_NAMES[activity[0]], failed ? 3 : 1),
    time: e.at.getTime(),
    status_id: failed ? 2 : 1,
    status: failed ? "Failure" : "Success",
    message: e.action,
    metadata: metadata(e.id, e.seq, "audit_events"),
    actor: { user: { uid: e.actorId ?? e.actorType, name: e.actorLabel, type_id: 99, type: e.actorType } },
    api: { operation: e.action },
    ...(target ? { resources: [target] } : {}),
    ...(cls === ENTITY_MANAGEMENT && target ? { entity: target } : {}),
    ...(cls === ACCOUNT_CHANGE || cls === AUTHENTICATION
      ? { user: target ? { uid: e.targetId, name: e.targetId, type: e.targetType } : { name: e.actorLabel } }
      : {}),
    unmapped: {
      action: e.action,
      environment: e.environment,
      target_type: e.targetType,
      target_id: e.targetId,
      data: includePayload ? e.data : withoutPayload(e.data),
      chain: { name: "audit_events", seq: String(e.seq), hash: e.hash, prev_hash: e.prevHash },
    },
  };
}
