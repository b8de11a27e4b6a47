import "server-only";
import { can } from "@/lib/auth/permissions";
import type { AuditFilters, AuditKind } from "@/lib/schemas/audit";
import type { SqlRunner } from "../migrate";
import type { UserPrincipal } from "../principal";
import { decisionColumns, EVENT_COLUMNS, toDecisionItem, toEventItem, type DecisionItem, type EventItem } from "./rows";
import { projectionCursor } from "./projection";
import { decisionWhere, eventWhere, type Where } from "./where";

export type Query = Pick<SqlRunner, "query">;

export interface SearchOptions {
  /** Whether the reader holds audit:payload: arguments and event payloads are read and matched only then. */
  payload: boolean;
  /** Rows strictly older (smaller seq) than this cursor. */
  cursor?: string;
  limit: number;
  /** Fixes "now" for relative ranges, so every page of one export sees the same window. */
  now?: Date;
}

export type AuditItem = DecisionItem | EventItem;

export interface SearchPage<T extends AuditItem = AuditItem> {
  items: T[];
  next_cursor: string | null;
}

export const payloadVisible = (principal: Pick<UserPrincipal, "role">) => can(principal.role, "audit:payload");

/**
 * Keyset paging, newest first: `seq < cursor ORDER BY seq DESC LIMIT n+1`. The cost of a page
 * does not grow with its depth, and rows written while someone pages never shift a page.
 */
export async function searchAudit(
  sql: Query,
  kind: AuditKind,
  filters: AuditFilters,
  opts: SearchOptions,
): Promise<SearchPage> {
  const w = kind === "decisions" ? decisionWhere(filters, opts) : eventWhere(filters, opts);
  if (opts.cursor) w.add(`"seq" < ${w.param(opts.cursor)}::bigint`);
  const table = kind === "decisions" ? `"decisions"` : `"audit_events"`;
  const columns = kind === "decisions" ? decisionColumns(opts.payload) : EVENT_COLUMNS;
  // ORDER BY names the table's column: the bare name would be the text alias of the select list.
  const from = w.text ? await textSearchFrom(sql, w, w.text, opts.limit + 1) : `${table} ${w.sql()}`;
  const rows = await sql.query(
    `SELECT ${columns} FROM ${from} ORDER BY ${table}."seq" DESC LIMIT ${w.param(opts.limit + 1)}`,
    w.params,
  );
  const page = rows.slice(0, opts.limit);
  const items = page.map((r) => (kind === "decisions" ? toDecisionItem(r) : toEventItem(r, opts.payload)));
  return { items, next_cursor: rows.length > opts.limit && items.length ? items[items.length - 1].seq : null };
}

/**
 * Decisions matching words: those the projection covers through its GIN indexes, the few newer ones
 * (seconds' worth) by computing their words now, so a search never misses a decision just written.
 * The cursor travels as a value, so the planner sees how short the live half's seq range is.
 */
async function textSearchFrom(sql: Query, w: Where, text: NonNullable<Where["text"]>, limit: number): Promise<string> {
  const cut = `${w.param(await projectionCursor((text, params) => sql.query(text, params ? [...params] : undefined)))}::bigint`;
  const where = (extra: string) => `WHERE ${[...w.conditions, extra].join(" AND ")}`;
  // Each half is ordered and limited itself: a common word then walks decision_search's primary key
  // backwards and stops at the page instead of joining and sorting every match (bench:audit).
  const top = `ORDER BY "seq" DESC LIMIT ${w.param(limit)}`;
  return `((SELECT "decisions".* FROM "decisions" JOIN "decision_search" s USING ("seq") ${where(`"seq" <= ${cut} AND ${text.projected}`)} ${top})
    UNION ALL (SELECT "decisions".* FROM "decisions" ${where(`"seq" > ${cut} AND ${text.live}`)} ${top})) "decisions"`;
}

/** Every page of a search in turn, up to maxRows rows; used by the streamed export. */
export async function* searchPages(
  sql: Query,
  kind: AuditKind,
  filters: AuditFilters,
  opts: { payload: boolean; maxRows: number; pageSize?: number },
) {
  const now = new Date();
  let cursor: string | undefined;
  let left = opts.maxRows;
  while (left > 0) {
    const page = await searchAudit(sql, kind, filters, {
      payload: opts.payload,
      cursor,
      limit: Math.min(opts.pageSize ?? 1_000, left),
      now,
    });
    if (page.items.length) yield page.items;
    left -= page.items.length;
    if (!page.next_cursor) return;
    cursor = page.next_cursor;
  }
}
