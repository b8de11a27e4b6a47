import Link from "next/link";
import { Card, PageHeader } from "@/components/ui/card";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/server/current-user";
import { getDb } from "@/lib/server/db";

export default async function OverviewPage() {
  const user = await requireUser("dashboard:read");
  const db = await getDb();
  const [users, events, lastEvent] = await Promise.all([
    db.prisma.user.count({ where: { disabled: false } }),
    db.prisma.auditEvent.count(),
    db.prisma.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { at: true, action: true } }),
  ]);
  return (
    <>
      <PageHeader
        title="Overview"
        description={`Signed in as ${user.email} (${ROLE_LABELS[user.role]}). The readiness dashboard lands here once agents send traffic.`}
      />
      <div className="grid gap-4 md:grid-cols-3">
        <Card title="Database">
          <p className="text-2xl font-semibold">{db.kind === "embedded" ? "Embedded" : "PostgreSQL"}</p>
          <p className="text-sm text-slate-500">Migrations applied at start-up.</p>
        </Card>
        <Card title="Active users">
          <p className="text-2xl font-semibold">{users}</p>
          {can(user.role, "users:read") && (
            <Link href="/users" className="text-sm text-indigo-600 hover:underline">
              Manage users →
            </Link>
          )}
        </Card>
        <Card title="Audit events">
          <p className="text-2xl font-semibold">{events.toLocaleString("en")}</p>
          <p className="text-sm text-slate-500">
            {lastEvent ? (
              <>
                Last: <code className="font-mono text-xs">{lastEvent.action}</code>{" "}
                <time dateTime={lastEvent.at.toISOString()} title={lastEvent.at.toISOString()}>
                  {lastEvent.at.toISOString().replace("T", " ").slice(0, 19)} UTC
                </time>
              </>
            ) : (
              "None yet."
            )}
          </p>
        </Card>
      </div>
    </>
  );
}
