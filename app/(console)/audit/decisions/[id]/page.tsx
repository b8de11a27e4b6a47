import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DecisionDetailView } from "@/components/audit/decision-detail";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { decisionDetail } from "@/lib/server/audit-search/detail";
import { requireUser } from "@/lib/server/current-user";
import { getPrisma } from "@/lib/server/db";
import { HttpProblem } from "@/lib/server/errors";
import { BackLink } from "../../back-link";

export const metadata: Metadata = { title: "Decision · Audit trail" };

export default async function DecisionPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser("audit:read");
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const detail = await decisionDetail(await getPrisma(), id, { payload: can(user.role, "audit:payload") }).catch(
    (err) => {
      if (err instanceof HttpProblem && err.status === 404) notFound();
      throw err;
    },
  );
  return (
    <>
      <BackLink />
      <PageHeader
        title="Decision"
        description={
          <>
            One agent call as the enforcement API decided it, with the policy and approval behind it.{" "}
            <code className="font-mono text-xs">{detail.decision.id}</code>
          </>
        }
      />
      <DecisionDetailView detail={detail} />
    </>
  );
}
