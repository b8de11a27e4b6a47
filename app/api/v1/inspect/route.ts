import { agentRoute } from "@/lib/server/enforcement/agent-routes";
import { handler, parseWith, readLimited } from "@/lib/server/handler";
import { BadRequest, UnsupportedMediaType } from "@/lib/server/errors";
import { inspectAndRecord, isConsoleCaller } from "@/lib/server/output-safety/inspect-output";
import { agentInspectSchema, consoleInspectSchema, MAX_OUTPUT_BODY } from "@/lib/schemas/output-safety";

export const dynamic = "force-dynamic";

/** Agents: the verdict is counted in the token's environment. */
const forAgent = agentRoute(async ({ req, prisma, agent }) => {
  if ((req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase() !== "application/json")
    throw UnsupportedMediaType("application/json");
  let value: unknown;
  try {
    value = JSON.parse(await readLimited(req, MAX_OUTPUT_BODY));
  } catch (err) {
    if (err instanceof SyntaxError) throw BadRequest("The body is not valid JSON.", "invalid-json");
    throw err;
  }
  const body = parseWith(agentInspectSchema, value, "body");
  const answer = await inspectAndRecord(
    prisma,
    { type: "agent", agentId: agent.agentId, clientId: agent.clientId },
    { ...body, environment: agent.environment },
  );
  return Response.json(answer, { headers: { "cache-control": "no-store" } });
});

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
