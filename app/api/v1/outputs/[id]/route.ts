import { agentRoute } from "@/lib/server/enforcement/agent-routes";
import { handler } from "@/lib/server/handler";
import { isConsoleCaller } from "@/lib/server/output-safety/inspect-output";
import { fetchReleased } from "@/lib/server/output-safety/quarantine";
import { uuidParam } from "@/lib/server/route-params";

export const dynamic = "force-dynamic";

/** The caller's own quarantined output: status while it waits, the (still redacted) text once released. */
const forAgent = agentRoute({}, async ({ prisma, agent, params }) =>
  fetchReleased(
    prisma,
    { type: "agent", agentId: agent.agentId, clientId: agent.clientId },
    uuidParam(params.id, "The quarantined output"),
  ),
);

const forConsole = handler({ access: { signedIn: true } }, async ({ prisma, principal, params }) =>
  fetchReleased(
    prisma,
    { type: "user", userId: principal.userId, label: principal.email, via: principal.via },
    uuidParam(params.id, "The quarantined output"),
  ),
);

export function GET(req: Request, ctx: { params: Promise<Record<string, string>> }) {
  return isConsoleCaller(req) ? forConsole(req, ctx) : forAgent(req, ctx);
}
