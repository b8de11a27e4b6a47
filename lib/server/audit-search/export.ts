import "server-only";
import type { AuditExportQuery, AuditKind } from "@/lib/schemas/audit";
import { csvLine } from "./csv";
import type { DecisionItem, EventItem } from "./rows";
import { searchPages, type AuditItem, type Query } from "./search";
import { log } from "../log";

const DECISION_COLUMNS: (keyof DecisionItem)[] = [
  "seq",
  "id",
  "at",
  "environment",
  "client_id",
  "server",
  "tool",
  "action",
  "risk",
  "decision",
  "outcome",
  "rule_id",
  "reason",
  "policy_version",
  "policy_hash",
  "request_hash",
  "approval_id",
  "latency_ms",
  "constraints",
  "arguments",
  "prev_hash",
  "hash",
];
const EVENT_COLUMNS: (keyof EventItem)[] = [
  "seq",
  "id",
  "at",
  "environment",
  "actor_type",
  "actor_id",
  "actor_label",
  "action",
  "target_type",
  "target_id",
  "data",
  "prev_hash",
  "hash",
];

/** The columns of an export; without audit:payload the arguments column does not exist at all. */
export function exportColumns(kind: AuditKind, payload: boolean): string[] {
  if (kind === "events") return EVENT_COLUMNS;
  return payload ? DECISION_COLUMNS : DECISION_COLUMNS.filter((c) => c !== "arguments");
}

function ndjsonLine(item: AuditItem, columns: string[]): string {
  const record = item as unknown as Record<string, unknown>;
  return `${JSON.stringify(Object.fromEntries(columns.map((c) => [c, record[c]])))}\n`;
}

/**
 * The export as a stream: each pull reads the next keyset page (1,000 rows) and encodes it, so
 * memory stays flat however many rows are exported and a slow reader slows the database reads.
 */
export function exportStream(
  sql: Query,
  q: AuditExportQuery,
  opts: { payload: boolean; pageSize?: number },
): ReadableStream<Uint8Array> {
  const { format, max_rows: maxRows, ...filters } = q;
  const columns = exportColumns(filters.kind, opts.payload);
  const encoder = new TextEncoder();
  const pages = searchPages(sql, filters.kind, filters, { payload: opts.payload, maxRows, pageSize: opts.pageSize });
  let headerSent = format !== "csv";
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const head = headerSent ? "" : csvLine(columns);
        headerSent = true;
        const next = await pages.next();
        if (next.done) {
          if (head) controller.enqueue(encoder.encode(head));
          controller.close();
          return;
        }
        const record = (item: AuditItem) =>
          format === "csv"
            ? csvLine(columns.map((c) => (item as unknown as Record<string, unknown>)[c]))
            : ndjsonLine(item, columns);
        controller.enqueue(encoder.encode(head + next.value.map(record).join("")));
      } catch (err) {
        log.error({ err }, "audit export failed");
        controller.error(new Error("export failed"));
      }
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}

export function exportFilename(kind: AuditKind, format: "csv" | "ndjson", now = new Date()): string {
  return `audit-${kind}-${now.toISOString().replace(/[:.]/g, "-").slice(0, 19)}.${format}`;
}
