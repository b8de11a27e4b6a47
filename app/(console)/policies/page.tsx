import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { PolicyWorkspace } from "@/components/policies/policy-workspace";
import { can } from "@/lib/auth/permissions";
import { ENVIRONMENTS, type Environment } from "@/lib/policy";
import { requireUser } from "@/lib/server/current-user";

export const metadata: Metadata = { title: "Policies" };

export default async function PoliciesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const user = await requireUser("policies:read");
  const sp = await searchParams;
  const environment: Environment = ENVIRONMENTS.includes(sp.env as Environment)
    ? (sp.env as Environment)
    : "production";
  return (
    <>
      <PageHeader
        title="Policies"
        description="Rules decide every agent tool call: DENY beats REQUIRE_APPROVAL beats ALLOW, and no matching rule means DENY. Edit the draft, simulate it, see its impact, then publish."
      />
      <PolicyWorkspace
        key={environment}
        environment={environment}
        canWrite={can(user.role, "policies:write")}
        isAdmin={user.role === "admin"}
        initialTab={sp.tab}
      />
    </>
  );
}
