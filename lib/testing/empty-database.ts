import { invalidateCatalogView } from "@/lib/server/catalog/catalog-view";
import type { Database } from "@/lib/server/db";
import { invalidateOutputSafetySettings } from "@/lib/server/output-safety/settings";
import { invalidatePolicyCache } from "@/lib/server/policies/current-policy";

/** Empties every table but the migrations' and forgets the process-wide caches of what was in them. */
export async function emptyDatabase(db: Database): Promise<void> {
  const tables = await db.sql.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_console_migrations'`,
  );
  await db.sql.exec(`TRUNCATE ${tables.map((t) => `"${String(t.tablename)}"`).join(", ")} RESTART IDENTITY CASCADE`);
  invalidateCatalogView();
  for (const e of ["development", "staging", "production"] as const) invalidatePolicyCache(e);
  invalidateOutputSafetySettings();
}
