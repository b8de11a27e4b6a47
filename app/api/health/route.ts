import { getDb } from "@/lib/server/db";
import { probeDatabase } from "@/lib/server/db-probe";
import { pendingMigrations } from "@/lib/server/migrate";

export const dynamic = "force-dynamic";

/** Liveness and readiness: answers within half the answer bound even when the database stalls. */
export async function GET() {
  const health = await probeDatabase();
  if (!health.ok) {
    return Response.json(
      { status: "degraded", database: health.reason === "not-answering" ? "not answering" : "unreachable" },
      { status: 503, headers: { "cache-control": "no-store", "retry-after": "1" } },
    );
  }
  const pending = await pendingMigrations((await getDb()).sql).catch(() => null);
  return Response.json(
    {
      status: pending === null ? "degraded" : "ok",
      database: health.kind,
      migrations: pending === null ? "unknown" : pending.length === 0 ? "current" : "pending",
    },
    { status: pending === null ? 503 : 200, headers: { "cache-control": "no-store" } },
  );
}
