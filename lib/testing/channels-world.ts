import { createApiToken } from "@/lib/server/api-tokens";
import { createGroup, updateGroup } from "@/lib/server/approval-admin";
import { enforcementWorld } from "./enforcement-world";
import { makeUser } from "./principals";
import { openTestDb, type DbKind } from "./test-db";

export const CHANNELS_POLICY = `version: v1
rules:
  - id: github-writes
    match: {labels: {mcp.server: github, mcp.action: write}}
    decision: REQUIRE_APPROVAL
    constraints: {approver_group: sre, approval_ttl_min: 30}
  - id: jira-four-eyes
    match: {labels: {mcp.server: jira}}
    decision: REQUIRE_APPROVAL
    constraints: {approvals_required: 2}
`;

type Person = Awaited<ReturnType<typeof makeUser>>;

/**
 * A migrated database serving the console's route handlers (getDb() answers with it), an agent
 * under a policy that holds GitHub writes for the `sre` group, and people: two SRE approvers,
 * the agent's owner (an SRE approver too, so only the owner rule stops them), an approver
 * outside the group, a viewer and an admin.
 */
export async function channelsWorld(kind: DbKind) {
  const db = await openTestDb(kind);
  const holder = globalThis as unknown as { __consoleDb?: Promise<unknown> };
  holder.__consoleDb = Promise.resolve(db);
  const world = await enforcementWorld(db, CHANNELS_POLICY);
  const people = {
    sre1: await makeUser(db.prisma, "approver"),
    sre2: await makeUser(db.prisma, "approver"),
    owner: await makeUser(db.prisma, "approver"),
    outsider: await makeUser(db.prisma, "approver"),
    viewer: await makeUser(db.prisma, "viewer"),
    admin: await makeUser(db.prisma, "admin"),
  } satisfies Record<string, Person>;
  const sre = await createGroup(db.prisma, people.admin.actor, { name: "sre", description: "", fallback: false });
  await updateGroup(db.prisma, people.admin.actor, sre.id, {
    members: [people.sre1, people.sre2, people.owner].map((p) => p.principal.userId),
  });
  await db.prisma.agent.update({
    where: { id: world.agent.agentId },
    data: { ownerUserId: people.owner.principal.userId },
  });
  let n = 0;
  return {
    db,
    world,
    people,
    /** A new GitHub write held for approval; its approval id. */
    async hold(server = "github"): Promise<string> {
      n += 1;
      const res = await world.call({
        server,
        tool: "create_issue",
        arguments: { repo: "acme/api", title: `issue ${n}`, token: "ghp_x" },
      });
      if (res.body.decision !== "REQUIRE_APPROVAL")
        throw new Error(`expected REQUIRE_APPROVAL, got ${res.body.decision}`);
      return res.body.approval.id as string;
    },
    async token(p: Person): Promise<string> {
      return (await createApiToken(db.prisma, p.principal, p.actor, "assistant")).token;
    },
    async dispose() {
      holder.__consoleDb = undefined;
      await db.dispose();
    },
  };
}

/** A node:http server in front of Web route handlers (method → handler), as Next would call them. */
export async function serveRoutes(
  routes: Record<string, (req: Request) => Promise<Response>>,
): Promise<{ url: string; close: () => Promise<void> }> {
  const http = await import("node:http");
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const handler = routes[req.method ?? "GET"];
    if (!handler) return void res.writeHead(405, { allow: Object.keys(routes).join(", ") }).end();
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const response = await handler(new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body }));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as import("node:net").AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
