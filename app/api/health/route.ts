import { getDb } from "@/lib/server/db";
import { pendingMigrations } from "@/lib/server/migrate";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const db = await getDb();
    await db.sql.query("SELECT 1");
    const pending = await pendingMigrations(db.sql);
    return Response.json(
      { status: "ok", database: db.kind, migrations: pending.length === 0 ? "current" : "pending" },
      { headers: { "cache-control": "no-store" } },
    );
  } catch {
    return Response.json(
      { status: "unavailable", database: "unreachable" },
      { status: 503, headers: { "cache-control": "no-store" } },
    );
  }
}
