import { agentRoute } from "@/lib/server/enforcement/agent-routes";
import { handler } from "@/lib/server/handler";
import { inspectAndRecord, isConsoleCaller } from "@/lib/server/output-safety/inspect-output";
import { agentInspectSchema, consoleInspectSchema, MAX_OUTPUT_BODY } from "@/lib/schemas/output-safety";

export const dynamic = "force-dynamic";

/** Agents: the verdict is counted in the token's environment. */
const forAgent = agentRoute(
  { body: agentInspectSchema, maxBodyBytes: MAX_OUTPUT_BODY },
  async ({ prisma, agent, body }) =>
    inspectAndRecord(
      prisma,
      { type: "agent", agentId: agent.agentId, clientId: agent.clientId },
      { ...body, environment: agent.environment },
    ),
);

/** Console users and automation (personal API token): counted only in an environment they name. */
const forConsole = handler(
  { access: { signedIn: true }, body: consoleInspectSchema, maxBodyBytes: MAX_OUTPUT_BODY },
  async ({ prisma, principal, body }) =>
    inspectAndRecord(
      prisma,
      { type: "user", userId: principal.userId, label: principal.email, via: principal.via },
      { ...body, environment: body.environment ?? null },
    ),
);

export function POST(req: Request, ctx: { params: Promise<Record<string, string>> }) {
  return isConsoleCaller(req) ? forConsole(req, ctx) : forAgent(req, ctx);
}
