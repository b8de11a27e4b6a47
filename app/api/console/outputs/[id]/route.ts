import { handler } from "@/lib/server/handler";
import { quarantineDetail } from "@/lib/server/output-safety/quarantine";
import { uuidParam } from "@/lib/server/route-params";

export const dynamic = "force-dynamic";

export const GET = handler({ access: { permission: "outputs:review" } }, async ({ prisma, params }) =>
  quarantineDetail(prisma, uuidParam(params.id, "The quarantined output")),
);
