import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/server/current-user";
import { ServersView } from "./servers-view";

export const metadata: Metadata = { title: "Servers" };

export default async function ServersPage() {
  const user = await requireUser("catalog:read");
  return (
    <>
      <PageHeader
        title="Servers"
        description="The MCP servers and tools each environment may reach. Agents are refused anything not catalogued in their own environment."
      />
      <ServersView canWrite={can(user.role, "catalog:write")} isAdmin={user.role === "admin"} />
    </>
  );
}
