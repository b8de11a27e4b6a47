import "server-only";
import { lockInTx } from "./advisory-locks";
import { env } from "@/lib/env";
import { SYSTEM_ACTOR, writeAudit } from "./audit";
import { startChangeListener } from "./change-listener";
import { getDb } from "./db";
import { generatePassword, hashPassword } from "./password";
import { log, printForOperator } from "./log";
import { postStartupNotice, type StartupNotice } from "@/lib/startup/notice";

/** First start: migrate (getDb does) and create the first admin, printing its password once. */
export async function bootstrap(say: (line: string) => void = printForOperator): Promise<void> {
  const e = env();
  const db = await getDb();
  const users = await db.prisma.user.count();
  let admin: StartupNotice["admin"];
  if (users === 0) {
    const password = e.ADMIN_PASSWORD ?? generatePassword();
    const passwordHash = await hashPassword(password);
    const created = await db.prisma.$transaction(async (tx) => {
      // Two processes starting together: only the one that sees no user creates the admin.
      await lockInTx(tx, "FIRST_ADMIN");
      if ((await tx.user.count()) > 0) return false;
      const admin = await tx.user.create({
        data: { email: e.ADMIN_EMAIL, name: "Administrator", role: "admin", passwordHash },
      });
      await writeAudit(tx, {
        actor: SYSTEM_ACTOR,
        action: "user.create",
        target: { type: "user", id: admin.id },
        data: { email: admin.email, role: "admin", first_admin: true },
      });
      return true;
    });
    if (created) {
      log.info({ email: e.ADMIN_EMAIL }, "first admin created");
      admin = { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD ? null : password };
    }
  }
  startBackgroundJobs();
  // Other console processes on the same database announce revocations and other changes; the embedded one has none.
  if (db.kind === "postgresql" && e.DATABASE_URL) startChangeListener(e.DATABASE_URL);
  log.info({ public_url: e.PUBLIC_URL, database: db.kind }, "console ready");
  postStartupNotice({ admin, url: e.PUBLIC_URL, database: db.kind }, say);
}

/** Start-up must not serve a half-configured console: print why and stop. */
export async function bootstrapOrExit(): Promise<void> {
  try {
    await bootstrap();
  } catch (err) {
    // The whole message: configuration errors list every bad variable on lines of their own.
    log.fatal({ reason: err instanceof Error ? err.message : String(err) }, "the console could not start");
    process.exit(1);
  }
}

/** Expiry, escalation, notifications and the other jobs in lib/server/jobs.ts. */
function startBackgroundJobs(): void {
  void import("./jobs").then(({ startJobs }) => startJobs(async () => (await getDb()).prisma));
}
