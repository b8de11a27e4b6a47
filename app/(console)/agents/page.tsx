import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/server/current-user";
import { AgentsView } from "./agents-view";

export const metadata: Metadata = { title: "Agents" };

export default async function AgentsPage() {
  const user = await requireUser("agents:read");
  return (
    <>
      <PageHeader
        title="Agents"
        description="Machine identities (OAuth clients). Each is bound to one environment and gets access tokens only for the scopes listed here."
      />
      <AgentsView canWrite={can(user.role, "agents:write")} canRevoke={can(user.role, "agents:revoke")} />
    </>
  );
}
