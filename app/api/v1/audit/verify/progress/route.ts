import { auditVerifyProgressQuery } from "@/lib/schemas/audit";
import { verificationRuns } from "@/lib/server/audit-verify/shared-runs";
import { NotFound } from "@/lib/server/errors";
import { handler } from "@/lib/server/handler";

export const dynamic = "force-dynamic";

/** This process's verification runs under way and the last of each mode: records checked of total, and the report once done. */
export const GET = handler(
  { access: { permission: "audit:verify" }, query: auditVerifyProgressQuery },
  async ({ prisma, query }) => {
    const all = verificationRuns(prisma);
    if (!query.run_id) return all;
    const runs = all.runs.filter((r) => r.run_id === query.run_id);
    if (!runs.length) throw NotFound("The verification run");
    return { ...all, runs };
  },
);
