import "server-only";

/**
 * The shapes the audit search hands out — in the JSON API, the NDJSON export and (flattened)
 * the CSV export. Payload fields are null unless the reader holds audit:payload.
 */
export interface DecisionItem {
  seq: string;
  id: string;
  at: string;
  environment: string;
  client_id: string;
  server: string;
  tool: string;
  action: string | null;
  risk: string | null;
  decision: string;
  outcome: string;
  rule_id: string | null;
  reason: string;
  policy_version: number | null;
  policy_hash: string | null;
  request_hash: string;
  approval_id: string | null;
  latency_ms: number;
  constraints: unknown;
  arguments: unknown;
  prev_hash: string;
  hash: string;
}

export interface EventItem {
  seq: string;
  id: string;
  at: string;
  environment: string | null;
  actor_type: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  data: unknown;
  prev_hash: string;
  hash: string;
}

/** Columns read for a decision row; the arguments column is not even read without audit:payload. */
export function decisionColumns(payload: boolean): string {
  return [
    `"seq"::text AS seq`,
    `"id"::text AS id`,
    `"at"`,
    `"environment"::text AS environment`,
    `"clientId"`,
    `"server"`,
    `"tool"`,
    `"action"`,
    `"risk"`,
    `"decision"`,
    `"outcome"`,
    `"ruleId"`,
    `"reason"`,
    `"policyVersion"`,
    `"policyHash"`,
    `"requestHash"`,
    `"approvalId"::text AS "approvalId"`,
    `"latencyMs"`,
    `"constraints"`,
    payload ? `"arguments"` : `NULL::jsonb AS "arguments"`,
    `"prevHash"`,
    `"hash"`,
  ].join(", ");
}

export const EVENT_COLUMNS = [
  `"seq"::text AS seq`,
  `"id"::text AS id`,
  `"at"`,
  `"environment"::text AS environment`,
  `"actorType"`,
  `"actorId"`,
  `"actorLabel"`,
  `"action"`,
  `"targetType"`,
  `"targetId"`,
  `"data"`,
  `"prevHash"`,
  `"hash"`,
].join(", ");

type Row = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const iso = (v: unknown) => (v instanceof Date ? v : new Date(String(v))).toISOString();
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
/** pg hands back jsonb parsed; be tolerant of a driver that returns text. */
const json = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v);

export function toDecisionItem(r: Row): DecisionItem {
  return {
    seq: String(r.seq),
    id: String(r.id),
    at: iso(r.at),
    environment: String(r.environment),
    client_id: String(r.clientId),
    server: String(r.server),
    tool: String(r.tool),
    action: str(r.action),
    risk: str(r.risk),
    decision: String(r.decision),
    outcome: String(r.outcome),
    rule_id: str(r.ruleId),
    reason: String(r.reason),
    policy_version: num(r.policyVersion),
    policy_hash: str(r.policyHash),
    request_hash: String(r.requestHash),
    approval_id: str(r.approvalId),
    latency_ms: Number(r.latencyMs),
    constraints: json(r.constraints) ?? {},
    arguments: json(r.arguments) ?? null,
    prev_hash: String(r.prevHash),
    hash: String(r.hash),
  };
}

/** Keys whose values are call payloads; hidden inside event data from readers without audit:payload. */
export const PAYLOAD_KEYS = new Set(["arguments", "payload", "output"]);

export function withoutPayload(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPayload);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        PAYLOAD_KEYS.has(k) ? "[hidden: needs audit:payload]" : withoutPayload(v),
      ]),
    );
  }
  return value;
}

export function toEventItem(r: Row, payload: boolean): EventItem {
  const data = json(r.data) ?? {};
  return {
    seq: String(r.seq),
    id: String(r.id),
    at: iso(r.at),
    environment: str(r.environment),
    actor_type: String(r.actorType),
    actor_id: str(r.actorId),
    actor_label: String(r.actorLabel),
    action: String(r.action),
    target_type: str(r.targetType),
    target_id: str(r.targetId),
    data: payload ? data : withoutPayload(data),
    prev_hash: String(r.prevHash),
    hash: String(r.hash),
  };
}
