import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { ENVIRONMENTS, type Environment } from "@/lib/policy";
import { requireUser } from "@/lib/server/current-user";
import { getPrisma } from "@/lib/server/db";
import { ServersView } from "./servers-view";

export const metadata: Metadata = { title: "Servers" };

/** Without ?env=, open the first environment (production first) that has servers, not an empty one. */
async function environmentWithServers(): Promise<Environment> {
  const prisma = await getPrisma();
  const counts = await prisma.server.groupBy({ by: ["environment"], _count: { _all: true } });
  const has = new Set(counts.filter((c) => c._count._all > 0).map((c) => c.environment as Environment));
  return [...ENVIRONMENTS].reverse().find((e) => has.has(e)) ?? "development";
}

export default async function ServersPage({ searchParams }: { searchParams: Promise<{ env?: string }> }) {
  const user = await requireUser("catalog:read");
  const { env } = await searchParams;
  const initialEnvironment = ENVIRONMENTS.includes(env as Environment)
    ? (env as Environment)
    : await environmentWithServers();
  return (
    <>
      <PageHeader
        title="Servers"
        description="The MCP servers and tools each environment may reach. Agents are refused anything not catalogued in their own environment."
      />
      <ServersView
        canWrite={can(user.role, "catalog:write")}
        isAdmin={user.role === "admin"}
        initialEnvironment={initialEnvironment}
      />
    </>
  );
}
