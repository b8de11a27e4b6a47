import "server-only";
import { AUDIT_RANGES, type AuditFilters } from "@/lib/schemas/audit";
import {
  DECISION_ARGS_TSV,
  DECISION_META_TSV,
  EVENT_DATA_TSV,
  EVENT_META_TSV,
  searchWords,
  tsQuery,
} from "./text-search";

/** A parameterised WHERE clause: conditions are ANDed, values travel as $n parameters. */
export class Where {
  readonly conditions: string[] = [];
  readonly params: unknown[] = [];
  /**
   * Decisions' text search, in two halves (migration 0016): rows the projection covers match on
   * its indexed words (decision_search, joined as s); newer rows on words computed at query time.
   */
  text?: { projected: string; live: string };

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  add(condition: string) {
    this.conditions.push(condition);
  }

  sql(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(" AND ")}` : "";
  }
}

/** The time window a search covers: an explicit from/to wins over a relative range. */
export function timeWindow(
  f: Pick<AuditFilters, "range" | "from" | "to">,
  now = new Date(),
): { from?: Date; to?: Date } {
  if (f.from || f.to) return { from: f.from ? new Date(f.from) : undefined, to: f.to ? new Date(f.to) : undefined };
  if (f.range) return { from: new Date(now.getTime() - AUDIT_RANGES[f.range]) };
  return {};
}

function common(w: Where, f: AuditFilters, now: Date) {
  const { from, to } = timeWindow(f, now);
  if (from) w.add(`"at" >= ${w.param(from.toISOString())}::timestamptz`);
  if (to) w.add(`"at" < ${w.param(to.toISOString())}::timestamptz`);
  if (f.environment) w.add(`"environment" = ${w.param(f.environment)}::"Environment"`);
}

/** Decisions: every filter maps onto a column with an index in seq order (migration 0007). */
export function decisionWhere(f: AuditFilters, opts: { payload: boolean; now?: Date }): Where {
  const w = new Where();
  common(w, f, opts.now ?? new Date());
  if (f.agent) w.add(`"clientId" = ${w.param(f.agent)}`);
  if (f.actor) w.add(`"clientId" = ${w.param(f.actor)}`);
  if (f.server) w.add(`"server" = ${w.param(f.server)}`);
  if (f.tool) w.add(`"tool" = ${w.param(f.tool)}`);
  if (f.outcome) w.add(`"outcome" = ${w.param(f.outcome)}`);
  if (f.class) w.add(`"action" = ${w.param(f.class)}`);
  if (f.rule) w.add(`"ruleId" = ${w.param(f.rule)}`);
  if (f.request_hash) w.add(`"requestHash" = ${w.param(f.request_hash)}`);
  if (f.approval_id) w.add(`"approvalId" = ${w.param(f.approval_id)}::uuid`);
  if (f.q) {
    const q = tsQuery(w.param(searchWords(f.q)));
    w.text = opts.payload
      ? {
          projected: `(s."meta" @@ ${q} OR s."args" @@ ${q})`,
          live: `(${DECISION_META_TSV} @@ ${q} OR ${DECISION_ARGS_TSV} @@ ${q})`,
        }
      : { projected: `s."meta" @@ ${q}`, live: `${DECISION_META_TSV} @@ ${q}` };
  }
  return w;
}

const likePrefix = (s: string) => `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Audit events: agent-side filters match the event's actor and the fields its data records. */
export function eventWhere(f: AuditFilters, opts: { payload: boolean; now?: Date }): Where {
  const w = new Where();
  common(w, f, opts.now ?? new Date());
  if (f.agent) w.add(`("actorType" = 'agent' AND "actorLabel" = ${w.param(f.agent)})`);
  if (f.actor) {
    const p = w.param(f.actor);
    w.add(`("actorLabel" = ${p} OR "actorId" = ${p})`);
  }
  if (f.event) w.add(`"action" LIKE ${w.param(likePrefix(f.event))}`);
  if (f.server) w.add(`"data"->>'server' = ${w.param(f.server)}`);
  if (f.tool) w.add(`"data"->>'tool' = ${w.param(f.tool)}`);
  if (f.rule) w.add(`"data"->>'rule_id' = ${w.param(f.rule)}`);
  if (f.request_hash) w.add(`"data"->>'request_hash' = ${w.param(f.request_hash)}`);
  if (f.approval_id) w.add(`("targetType" = 'approval' AND "targetId" = ${w.param(f.approval_id)})`);
  if (f.q) {
    const q = tsQuery(w.param(searchWords(f.q)));
    w.add(opts.payload ? `(${EVENT_META_TSV} @@ ${q} OR ${EVENT_DATA_TSV} @@ ${q})` : `${EVENT_META_TSV} @@ ${q}`);
  }
  return w;
}
