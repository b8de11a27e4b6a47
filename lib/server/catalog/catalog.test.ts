import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createServerSchema, updateServerSchema } from "@/lib/schemas/catalog";
import { freePort, startServerEverything } from "@/lib/testing/server-everything";
import { openTestDb, testDbKinds, type DbKind } from "@/lib/testing/test-db";

process.env.SSRF_ALLOW_HOSTS = "127.0.0.1";
process.env.ENCRYPTION_KEY = "test-encryption-key-0123456789abcdef";

const { HttpProblem } = await import("../errors");
const { decideChangeRequest } = await import("../change-requests");
const { actorOf } = await import("../change-requests");
const { createServerOp, promoteServerOp, updateServerOp } = await import("./servers");
const { submitCatalogChange } = await import("./submit-change");
const { lookupCatalog } = await import("./catalog-view");
const { resolveCatalogCall } = await import("./resolve");
const { defaultsFromAnnotations, classifyTool } = await import("./tool-defaults");
const { discoverServerTools } = await import("./discover");

const kinds = await testDbKinds();

async function makeUser(prisma: PrismaClient, role: Role) {
  const u = await prisma.user.create({
    data: { email: `${role}-${crypto.randomUUID().slice(0, 8)}@example.com`, role },
  });
  const principal = { userId: u.id, email: u.email, name: "", role, via: "session" as const };
  return { principal, actor: actorOf(principal) };
}

function expectProblem(err: unknown, status: number, slug?: string) {
  expect(err).toBeInstanceOf(HttpProblem);
  expect((err as InstanceType<typeof HttpProblem>).status).toBe(status);
  if (slug) expect((err as InstanceType<typeof HttpProblem>).slug).toBe(slug);
}

describe("tool classification from MCP annotations (docs/README.md#words)", () => {
  it.each([
    [{ readOnlyHint: true }, "read", "low"],
    [{ readOnlyHint: true, destructiveHint: true }, "read", "low"],
    [{ destructiveHint: true }, "write", "high"],
    [{ readOnlyHint: false, destructiveHint: false }, "write", "medium"],
    [{}, "write", "medium"],
    [undefined, "write", "medium"],
  ])("%j → %s/%s", (annotations, action, risk) => {
    expect(defaultsFromAnnotations(annotations)).toEqual({ action, risk });
  });

  it("lets explicit values win and marks them", () => {
    expect(classifyTool({ action: "admin", annotations: { readOnlyHint: true } })).toEqual({
      action: "admin",
      risk: "high",
      explicit: true,
    });
    expect(classifyTool({ risk: "high", annotations: { readOnlyHint: true } })).toEqual({
      action: "read",
      risk: "high",
      explicit: true,
    });
    expect(classifyTool({ action: "read", annotations: { readOnlyHint: true } })).toEqual({
      action: "read",
      risk: "low",
      explicit: false,
    });
  });
});

describe.each(kinds)("catalog on %s", (kind: DbKind) => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  let admin: Awaited<ReturnType<typeof makeUser>>;
  let author: Awaited<ReturnType<typeof makeUser>>;
  let author2: Awaited<ReturnType<typeof makeUser>>;

  const create = (who: typeof admin, body: unknown) =>
    submitCatalogChange(db.prisma, who.principal, who.actor, createServerOp(createServerSchema.parse(body)));

  beforeAll(async () => {
    db = await openTestDb(kind);
    admin = await makeUser(db.prisma, "admin");
    author = await makeUser(db.prisma, "policy_author");
    author2 = await makeUser(db.prisma, "policy_author");
  });
  afterAll(async () => db?.dispose());

  it("creates a server with tools classified by annotations", async () => {
    const result = await create(author, {
      environment: "development",
      name: "github",
      transport: "remote_http",
      url: "https://github-mcp.example.com/mcp",
      tools: [
        { name: "get_issue", annotations: { readOnlyHint: true } },
        { name: "delete_repo", annotations: { destructiveHint: true } },
        { name: "create_issue" },
        { name: "set_admin", action: "admin" },
      ],
    });
    if (!result.applied) throw new Error("expected the change to apply");
    const tools = Object.fromEntries(result.server.tools.map((t) => [t.name, [t.action, t.risk]]));
    expect(tools).toEqual({
      get_issue: ["read", "low"],
      delete_repo: ["write", "high"],
      create_issue: ["write", "medium"],
      set_admin: ["admin", "high"],
    });
    expect(
      await db.prisma.auditEvent.count({ where: { action: "catalog.server.create", targetId: result.server.id } }),
    ).toBe(1);
  });

  it("refuses stdio outside development and URLs the SSRF guard refuses", async () => {
    expect(() =>
      createServerOp(
        createServerSchema.parse({ environment: "staging", name: "local", transport: "stdio", command: "npx x" }),
      ),
    ).toThrow(HttpProblem);
    try {
      createServerOp(
        createServerSchema.parse({ environment: "production", name: "local", transport: "stdio", command: "npx x" }),
      );
    } catch (e) {
      expectProblem(e, 422, "stdio-not-allowed");
    }
    const dev = await create(author, {
      environment: "development",
      name: "local-fs",
      transport: "stdio",
      command: "npx fs",
    });
    expect(dev.applied).toBe(true);
    for (const url of [
      "http://github.example.com/mcp",
      "https://10.0.0.5/mcp",
      "https://user:pw@example.com/mcp",
      "https://169.254.169.254/latest",
    ]) {
      try {
        createServerOp(
          createServerSchema.parse({ environment: "production", name: "x", transport: "remote_http", url }),
        );
        throw new Error(`accepted ${url}`);
      } catch (e) {
        expectProblem(e, 422, "ssrf-blocked");
      }
    }
  });

  it("resolves calls, with the reason when refused (docs/order-of-checks.md#3-catalog-and-environment)", async () => {
    await db.prisma.server.create({
      data: {
        environment: "production",
        name: "jira",
        transport: "remote_http",
        url: "https://jira.example.com/mcp",
        tools: { create: [{ name: "create_ticket", action: "write", risk: "medium" }] },
      },
    });
    await db.prisma.server.create({
      data: {
        environment: "production",
        name: "slack",
        transport: "remote_http",
        url: "https://slack.example.com/mcp",
        status: "suspended",
        tools: { create: [{ name: "post", action: "write", risk: "low" }] },
      },
    });
    await db.prisma.server.create({
      data: { environment: "staging", name: "shell", transport: "stdio", command: "sh" },
    });
    const ok = await resolveCatalogCall(db.prisma, {
      environment: "production",
      server: "jira",
      tool: "create_ticket",
    });
    expect(ok).toMatchObject({
      ok: true,
      server: { name: "jira", environment: "production", transport: "remote_http", status: "active" },
      tool: { name: "create_ticket", action: "write", risk: "medium" },
    });
    expect(
      await resolveCatalogCall(db.prisma, { environment: "production", server: "github", tool: "get_issue" }),
    ).toEqual({ ok: false, reason: "environment_mismatch" });
    expect(await resolveCatalogCall(db.prisma, { environment: "production", server: "notion", tool: "x" })).toEqual({
      ok: false,
      reason: "unknown_server",
    });
    expect(
      await resolveCatalogCall(db.prisma, { environment: "production", server: "jira", tool: "delete_everything" }),
    ).toEqual({ ok: false, reason: "unknown_tool" });
    expect(await resolveCatalogCall(db.prisma, { environment: "production", server: "slack", tool: "post" })).toEqual({
      ok: false,
      reason: "server_suspended",
    });
    expect(await resolveCatalogCall(db.prisma, { environment: "staging", server: "shell", tool: "x" })).toEqual({
      ok: false,
      reason: "stdio_not_allowed",
    });
    expect(
      (await resolveCatalogCall(db.prisma, { environment: "development", server: "github", tool: "delete_repo" })).ok,
    ).toBe(true);
  });

  it("promotes development → staging → production; a policy author's production step waits for another reviewer", async () => {
    const dev = await db.prisma.server.findUniqueOrThrow({
      where: { environment_name: { environment: "development", name: "github" } },
    });
    const staged = await submitCatalogChange(
      db.prisma,
      author.principal,
      author.actor,
      await promoteServerOp(db.prisma, dev.id),
    );
    if (!staged.applied) throw new Error("staging applies at once");
    expect(staged.server).toMatchObject({ environment: "staging", name: "github", promoted_from_id: dev.id });
    expect(staged.server.tools).toHaveLength(4);

    const pending = await submitCatalogChange(
      db.prisma,
      author.principal,
      author.actor,
      await promoteServerOp(db.prisma, staged.server.id),
    );
    if (pending.applied) throw new Error("production must wait for review");
    expect(pending.change_request).toMatchObject({
      kind: "catalog_change",
      environment: "production",
      status: "PENDING",
    });
    expect(await db.prisma.server.count({ where: { environment: "production", name: "github" } })).toBe(0);

    await expect(
      decideChangeRequest(db.prisma, pending.change_request.id, author.principal, { approve: true }),
    ).rejects.toMatchObject({ status: 403 });
    const viewer = await makeUser(db.prisma, "viewer");
    await expect(
      decideChangeRequest(db.prisma, pending.change_request.id, viewer.principal, { approve: true }),
    ).rejects.toMatchObject({ status: 403 });

    const decided = await decideChangeRequest(db.prisma, pending.change_request.id, author2.principal, {
      approve: true,
      reason: "looks right",
    });
    expect(decided.status).toBe("APPROVED");
    const prod = await db.prisma.server.findUniqueOrThrow({
      where: { environment_name: { environment: "production", name: "github" } },
      include: { tools: true },
    });
    expect(prod.promotedFromId).toBe(staged.server.id);
    expect(prod.tools.map((t) => t.name).sort()).toEqual(["create_issue", "delete_repo", "get_issue", "set_admin"]);
    const event = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "catalog.server.promote", environment: "production" },
    });
    expect(event.data).toMatchObject({ reviewed_by: author2.principal.email, unreviewed: false });
    await expect(
      decideChangeRequest(db.prisma, pending.change_request.id, admin.principal, { approve: true }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it("applies an admin's production change at once, marked unreviewed; refuses a request that cannot apply", async () => {
    const out = await create(admin, {
      environment: "production",
      name: "confluence",
      transport: "remote_http",
      url: "https://confluence.example.com/mcp",
    });
    if (!out.applied) throw new Error("admin applies at once");
    const event = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "catalog.server.create", targetId: out.server.id },
    });
    expect(event.data).toMatchObject({ unreviewed: true });
    await expect(
      create(author, {
        environment: "production",
        name: "confluence",
        transport: "remote_http",
        url: "https://c2.example.com/mcp",
      }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it("overrides a tool's class and risk with a reason, audited; suspension applies at once", async () => {
    const dev = await db.prisma.server.findUniqueOrThrow({
      where: { environment_name: { environment: "development", name: "github" } },
    });
    const res = await submitCatalogChange(db.prisma, author.principal, author.actor, {
      op: "override_tool",
      serverId: dev.id,
      toolName: "create_issue",
      action: "write",
      risk: "high",
      reason: "creates public issues",
    });
    if (!res.applied) throw new Error("development applies at once");
    expect(res.server.tools.find((t) => t.name === "create_issue")).toMatchObject({
      risk: "high",
      overridden: true,
      override_reason: "creates public issues",
    });
    expect(await db.prisma.auditEvent.count({ where: { action: "catalog.tool.override" } })).toBe(1);
    const prod = await db.prisma.server.findUniqueOrThrow({
      where: { environment_name: { environment: "production", name: "github" } },
    });
    // The decision path's cached view, warm before the change, sees it at once on this process.
    expect((await lookupCatalog(db.prisma, "production", "github", "get_issue")).ok).toBe(true);
    const suspended = await submitCatalogChange(db.prisma, author.principal, author.actor, {
      op: "set_status",
      serverId: prod.id,
      status: "suspended",
      reason: "incident",
    });
    expect(suspended.applied).toBe(true);
    expect(
      await resolveCatalogCall(db.prisma, { environment: "production", server: "github", tool: "get_issue" }),
    ).toEqual({ ok: false, reason: "server_suspended" });
    expect(await lookupCatalog(db.prisma, "production", "github", "get_issue")).toMatchObject({
      ok: false,
      reason: "server_suspended",
    });
  });

  describe("discovery", () => {
    let everything: Awaited<ReturnType<typeof startServerEverything>>;
    let redirector: http.Server;
    beforeAll(async () => {
      everything = await startServerEverything();
      redirector = http.createServer((_req, res) => {
        res.writeHead(307, { location: "http://169.254.169.254/latest/meta-data" });
        res.end();
      });
      await new Promise<void>((r) => redirector.listen(0, "127.0.0.1", r));
    }, 30_000);
    afterAll(async () => {
      await everything?.stop();
      redirector?.closeAllConnections();
      await new Promise((r) => redirector?.close(r));
    });

    it("lists server-everything's tools with annotation defaults and the changes, then saves them", async () => {
      const made = await create(author, {
        environment: "development",
        name: "everything",
        transport: "remote_http",
        url: everything.url,
        tools: [{ name: "obsolete" }],
      });
      if (!made.applied) throw new Error("expected apply");
      const found = await discoverServerTools(db.prisma, made.server.id);
      const echo = found.tools.find((t) => t.name === "echo");
      expect(echo).toMatchObject({ action: "read", risk: "low", annotations: { readOnlyHint: true } });
      expect(found.tools.length).toBeGreaterThan(5);
      expect(found.changes).toContainEqual(expect.objectContaining({ type: "removed", tool: "obsolete" }));
      expect(found.changes).toContainEqual(expect.objectContaining({ type: "added", tool: "echo" }));
      const saved = await submitCatalogChange(db.prisma, author.principal, author.actor, {
        op: "sync_tools",
        serverId: made.server.id,
        tools: found.toolInputs,
      });
      if (!saved.applied) throw new Error("expected apply");
      expect(saved.server.tools.map((t) => t.name)).toContain("echo");
      expect(saved.server.tools.map((t) => t.name)).not.toContain("obsolete");
      expect((await discoverServerTools(db.prisma, made.server.id)).changes).toEqual([]);
    });

    it("answers 422 ssrf-blocked for a refused address, by URL and after DNS resolution at connection", async () => {
      const meta = await db.prisma.server.create({
        data: {
          environment: "development",
          name: "metadata",
          transport: "remote_http",
          url: "http://169.254.169.254/mcp",
        },
      });
      await expect(discoverServerTools(db.prisma, meta.id)).rejects.toMatchObject({
        status: 422,
        slug: "ssrf-blocked",
      });
      // A public-looking name that resolves to a private address when the connection is made.
      const rebound = await db.prisma.server.create({
        data: {
          environment: "development",
          name: "rebound",
          transport: "remote_http",
          url: "http://mcp.rebound.example/mcp",
        },
      });
      await expect(
        discoverServerTools(db.prisma, rebound.id, { resolve: async () => ["10.0.0.7"] }),
      ).rejects.toMatchObject({ status: 422, slug: "ssrf-blocked" });
    });

    it("never follows a redirect to a metadata address", async () => {
      const port = (redirector.address() as AddressInfo).port;
      const hop = await db.prisma.server.create({
        data: {
          environment: "development",
          name: "redirector",
          transport: "remote_http",
          url: `http://127.0.0.1:${port}/mcp`,
        },
      });
      const err = await discoverServerTools(db.prisma, hop.id).catch((e: unknown) => e);
      expect([422, 502]).toContain((err as { status: number }).status);
    });

    it("answers 502 for an upstream that cannot be reached", async () => {
      const closed = await db.prisma.server.create({
        data: {
          environment: "development",
          name: "closed",
          transport: "remote_http",
          url: `http://127.0.0.1:${await freePort()}/mcp`,
        },
      });
      await expect(discoverServerTools(db.prisma, closed.id)).rejects.toMatchObject({
        status: 502,
        slug: "upstream-unreachable",
      });
    });
  });

  it("keeps requires_receipt through create, update and promotion, and audits it", async () => {
    const created = await create(admin, {
      environment: "development",
      name: "ledger",
      transport: "remote_http",
      url: "https://ledger.example.com/mcp",
      requires_receipt: true,
    });
    if (!created.applied) throw new Error("development applies at once");
    expect(created.server.requires_receipt).toBe(true);
    const staged = await submitCatalogChange(
      db.prisma,
      admin.principal,
      admin.actor,
      await promoteServerOp(db.prisma, created.server.id),
    );
    if (!staged.applied) throw new Error("staging applies at once");
    expect(staged.server).toMatchObject({ environment: "staging", requires_receipt: true });
    const off = await submitCatalogChange(
      db.prisma,
      admin.principal,
      admin.actor,
      updateServerOp(staged.server.id, updateServerSchema.parse({ requires_receipt: false })),
    );
    if (!off.applied) throw new Error("staging applies at once");
    expect(off.server.requires_receipt).toBe(false);
    const event = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "catalog.server.update", targetId: staged.server.id },
    });
    expect(event.data).toMatchObject({ changes: { requiresReceipt: { from: true, to: false } } });
    expect(() => updateServerSchema.parse({ requires_receipt: "yes" })).toThrow();
  });
});
