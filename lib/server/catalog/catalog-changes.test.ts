import { describe, expect, it } from "vitest";
import { createServerSchema, updateServerSchema } from "@/lib/schemas/catalog";
import type { DbKind } from "@/lib/testing/test-db";
import { catalogSuite } from "@/lib/testing/catalog-world";
import { makeUser } from "@/lib/testing/principals";

// Catalog changes: tool classification, creation and its refusals, how calls resolve, promotion,
// review and overrides.
const suite = await catalogSuite();
const { expectProblem } = suite;
const { HttpProblem } = await import("../errors");
const { decideChangeRequest } = await import("../change-requests");
const { createServerOp, promoteServerOp, updateServerOp } = await import("./servers");
const { submitCatalogChange } = await import("./submit-change");
const { lookupCatalog } = await import("./catalog-view");
const { resolveCatalogCall } = await import("./resolve");
const { defaultsFromAnnotations, classifyTool } = await import("./tool-defaults");

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

describe.each(suite.kinds)("catalog on %s", (kind: DbKind) => {
  const w = suite.onDatabase(kind);
  const { create } = w;

  it("creates a server with tools classified by annotations", async () => {
    const result = await create(w.author, {
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
      await w.db.prisma.auditEvent.count({ where: { action: "catalog.server.create", targetId: result.server.id } }),
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
    const dev = await create(w.author, {
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
    await w.db.prisma.server.create({
      data: {
        environment: "production",
        name: "jira",
        transport: "remote_http",
        url: "https://jira.example.com/mcp",
        tools: { create: [{ name: "create_ticket", action: "write", risk: "medium" }] },
      },
    });
    await w.db.prisma.server.create({
      data: {
        environment: "production",
        name: "slack",
        transport: "remote_http",
        url: "https://slack.example.com/mcp",
        status: "suspended",
        tools: { create: [{ name: "post", action: "write", risk: "low" }] },
      },
    });
    await w.db.prisma.server.create({
      data: { environment: "staging", name: "shell", transport: "stdio", command: "sh" },
    });
    const ok = await resolveCatalogCall(w.db.prisma, {
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
      await resolveCatalogCall(w.db.prisma, { environment: "production", server: "github", tool: "get_issue" }),
    ).toEqual({ ok: false, reason: "environment_mismatch" });
    expect(await resolveCatalogCall(w.db.prisma, { environment: "production", server: "notion", tool: "x" })).toEqual({
      ok: false,
      reason: "unknown_server",
    });
    expect(
      await resolveCatalogCall(w.db.prisma, { environment: "production", server: "jira", tool: "delete_everything" }),
    ).toEqual({ ok: false, reason: "unknown_tool" });
    expect(await resolveCatalogCall(w.db.prisma, { environment: "production", server: "slack", tool: "post" })).toEqual(
      {
        ok: false,
        reason: "server_suspended",
      },
    );
    expect(await resolveCatalogCall(w.db.prisma, { environment: "staging", server: "shell", tool: "x" })).toEqual({
      ok: false,
      reason: "stdio_not_allowed",
    });
    expect(
      (await resolveCatalogCall(w.db.prisma, { environment: "development", server: "github", tool: "delete_repo" })).ok,
    ).toBe(true);
  });

  it("promotes development → staging → production; a policy author's production step waits for another reviewer", async () => {
    const dev = await w.db.prisma.server.findUniqueOrThrow({
      where: { environment_name: { environment: "development", name: "github" } },
    });
    const staged = await submitCatalogChange(
      w.db.prisma,
      w.author.principal,
      w.author.actor,
      await promoteServerOp(w.db.prisma, dev.id),
    );
    if (!staged.applied) throw new Error("staging applies at once");
    expect(staged.server).toMatchObject({ environment: "staging", name: "github", promoted_from_id: dev.id });
    expect(staged.server.tools).toHaveLength(4);

    const pending = await submitCatalogChange(
      w.db.prisma,
      w.author.principal,
      w.author.actor,
      await promoteServerOp(w.db.prisma, staged.server.id),
    );
    if (pending.applied) throw new Error("production must wait for review");
    expect(pending.change_request).toMatchObject({
      kind: "catalog_change",
      environment: "production",
      status: "PENDING",
    });
    expect(await w.db.prisma.server.count({ where: { environment: "production", name: "github" } })).toBe(0);

    await expect(
      decideChangeRequest(w.db.prisma, pending.change_request.id, w.author.principal, { approve: true }),
    ).rejects.toMatchObject({ status: 403 });
    const viewer = await makeUser(w.db.prisma, "viewer");
    await expect(
      decideChangeRequest(w.db.prisma, pending.change_request.id, viewer.principal, { approve: true }),
    ).rejects.toMatchObject({ status: 403 });

    const decided = await decideChangeRequest(w.db.prisma, pending.change_request.id, w.author2.principal, {
      approve: true,
      reason: "looks right",
    });
    expect(decided.status).toBe("APPROVED");
    const prod = await w.db.prisma.server.findUniqueOrThrow({
      where: { environment_name: { environment: "production", name: "github" } },
      include: { tools: true },
    });
    expect(prod.promotedFromId).toBe(staged.server.id);
    expect(prod.tools.map((t) => t.name).sort()).toEqual(["create_issue", "delete_repo", "get_issue", "set_admin"]);
    const event = await w.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "catalog.server.promote", environment: "production" },
    });
    expect(event.data).toMatchObject({ reviewed_by: w.author2.principal.email, unreviewed: false });
    await expect(
      decideChangeRequest(w.db.prisma, pending.change_request.id, w.admin.principal, { approve: true }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it("applies an admin's production change at once, marked unreviewed; refuses a request that cannot apply", async () => {
    const out = await create(w.admin, {
      environment: "production",
      name: "confluence",
      transport: "remote_http",
      url: "https://confluence.example.com/mcp",
    });
    if (!out.applied) throw new Error("admin applies at once");
    const event = await w.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "catalog.server.create", targetId: out.server.id },
    });
    expect(event.data).toMatchObject({ unreviewed: true });
    await expect(
      create(w.author, {
        environment: "production",
        name: "confluence",
        transport: "remote_http",
        url: "https://c2.example.com/mcp",
      }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it("overrides a tool's class and risk with a reason, audited; suspension applies at once", async () => {
    const dev = await w.db.prisma.server.findUniqueOrThrow({
      where: { environment_name: { environment: "development", name: "github" } },
    });
    const res = await submitCatalogChange(w.db.prisma, w.author.principal, w.author.actor, {
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
    expect(await w.db.prisma.auditEvent.count({ where: { action: "catalog.tool.override" } })).toBe(1);
    const prod = await w.db.prisma.server.findUniqueOrThrow({
      where: { environment_name: { environment: "production", name: "github" } },
    });
    // The decision path's cached view, warm before the change, sees it at once on this process.
    expect((await lookupCatalog(w.db.prisma, "production", "github", "get_issue")).ok).toBe(true);
    const suspended = await submitCatalogChange(w.db.prisma, w.author.principal, w.author.actor, {
      op: "set_status",
      serverId: prod.id,
      status: "suspended",
      reason: "incident",
    });
    expect(suspended.applied).toBe(true);
    expect(
      await resolveCatalogCall(w.db.prisma, { environment: "production", server: "github", tool: "get_issue" }),
    ).toEqual({ ok: false, reason: "server_suspended" });
    expect(await lookupCatalog(w.db.prisma, "production", "github", "get_issue")).toMatchObject({
      ok: false,
      reason: "server_suspended",
    });
  });

  it("keeps requires_receipt through create, update and promotion, and audits it", async () => {
    const created = await create(w.admin, {
      environment: "development",
      name: "ledger",
      transport: "remote_http",
      url: "https://ledger.example.com/mcp",
      requires_receipt: true,
    });
    if (!created.applied) throw new Error("development applies at once");
    expect(created.server.requires_receipt).toBe(true);
    const staged = await submitCatalogChange(
      w.db.prisma,
      w.admin.principal,
      w.admin.actor,
      await promoteServerOp(w.db.prisma, created.server.id),
    );
    if (!staged.applied) throw new Error("staging applies at once");
    expect(staged.server).toMatchObject({ environment: "staging", requires_receipt: true });
    const off = await submitCatalogChange(
      w.db.prisma,
      w.admin.principal,
      w.admin.actor,
      updateServerOp(staged.server.id, updateServerSchema.parse({ requires_receipt: false })),
    );
    if (!off.applied) throw new Error("staging applies at once");
    expect(off.server.requires_receipt).toBe(false);
    const event = await w.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "catalog.server.update", targetId: staged.server.id },
    });
    expect(event.data).toMatchObject({ changes: { requiresReceipt: { from: true, to: false } } });
    expect(() => updateServerSchema.parse({ requires_receipt: "yes" })).toThrow();
  });
});
