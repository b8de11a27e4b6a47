import { describe, expect, it } from "vitest";
import { operationsSuite } from "@/lib/testing/operations-world";
import type { DbKind } from "@/lib/testing/test-db";

// Revoking tokens, agents and issuers, suspending servers and the kill switch, each seen on the next call.
const suite = await operationsSuite();
const { revokeIssuedToken, setAgentStatus } = await import("../agents");
const { submitCatalogChange } = await import("../catalog/submit-change");
const { activeIssuers } = await import("../identity/verify-external");
const ops = await import("./index");

describe.each(suite.kinds)("operations on %s", (kind: DbKind) => {
  const w = suite.onDatabase(kind);
  const { tokenFor } = w;
  const { call, pastCacheBound } = suite;

  it("a revoked token is refused on the next call after the cache bound; the agent's other tokens still pass", async () => {
    const stolen = await tokenFor(w.agent.id);
    const other = await tokenFor(w.agent.id);
    expect(await call(stolen.access_token, "github", "get_file_contents")).toMatchObject({
      status: 200,
      body: { decision: "ALLOW" },
    });
    await revokeIssuedToken(w.db.prisma, w.admin.actor, stolen.jti, "leaked in a CI log");
    await pastCacheBound();
    const refused = await call(stolen.access_token, "github", "get_file_contents");
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toMatch(/revoked/);
    expect(await call(other.access_token, "github", "get_file_contents")).toMatchObject({
      status: 200,
      body: { decision: "ALLOW" },
    });
    const event = await w.db.prisma.auditEvent.findFirst({ where: { action: "token.revoke", targetId: stolen.jti } });
    expect(event?.data).toMatchObject({ reason: "leaked in a CI log" });
  });

  it("a revoked agent is refused (old and new tokens) until restored; restore lets new tokens pass, the old stay revoked", async () => {
    const before = await tokenFor(w.agent.id);
    expect((await call(before.access_token, "github", "get_file_contents")).status).toBe(200);
    await setAgentStatus(w.db.prisma, w.admin.actor, w.agent.id, "revoked", "rogue behaviour");
    await pastCacheBound();
    expect((await call(before.access_token, "github", "get_file_contents")).status).toBe(401);
    const during = await tokenFor(w.agent.id);
    const refused = await call(during.access_token, "github", "get_file_contents");
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toMatch(/revoked/);

    await setAgentStatus(w.db.prisma, w.admin.actor, w.agent.id, "active", "owner fixed the prompt");
    const after = await tokenFor(w.agent.id);
    expect(await call(after.access_token, "github", "get_file_contents")).toMatchObject({
      status: 200,
      body: { decision: "ALLOW" },
    });
    await pastCacheBound();
    expect((await call(before.access_token, "github", "get_file_contents")).status).toBe(401);
    const actions = (
      await w.db.prisma.auditEvent.findMany({
        where: { targetId: w.agent.id, action: { in: ["agent.revoke", "agent.restore"] } },
        orderBy: { seq: "asc" },
      })
    ).map((e) => e.action);
    expect(actions).toEqual(["agent.revoke", "agent.restore"]);
  });

  it("a suspended server is denied server_suspended on the next call after the cache bound, and allowed again once reactivated", async () => {
    const t = await tokenFor(w.agent.id);
    expect(await call(t.access_token, "github", "get_file_contents")).toMatchObject({
      status: 200,
      body: { decision: "ALLOW" },
    });
    const server = await w.db.prisma.server.findFirstOrThrow({ where: { environment: "production", name: "github" } });
    await submitCatalogChange(w.db.prisma, w.admin.principal, w.admin.actor, {
      op: "set_status",
      serverId: server.id,
      status: "suspended",
      reason: "upstream compromise",
    });
    await pastCacheBound();
    expect(await call(t.access_token, "github", "get_file_contents")).toMatchObject({
      status: 200,
      body: { decision: "DENY", reason: "server_suspended" },
    });
    await submitCatalogChange(w.db.prisma, w.admin.principal, w.admin.actor, {
      op: "set_status",
      serverId: server.id,
      status: "active",
      reason: "owner confirmed clean",
    });
    await pastCacheBound();
    expect(await call(t.access_token, "github", "get_file_contents")).toMatchObject({
      status: 200,
      body: { decision: "ALLOW" },
    });
  });

  it("the kill switch denies writes only, then everything, then nothing — at once on this process, each with an audited reason", async () => {
    const t = await tokenFor(w.agent.id);
    expect(await call(t.access_token, "github", "create_issue")).toMatchObject({
      body: { decision: "REQUIRE_APPROVAL" },
    });

    const on = await ops.setKillSwitch(w.db.prisma, w.admin.actor, "production", "writes", "unapproved write detected");
    expect(on).toMatchObject({
      mode: "writes",
      previous: "off",
      reason: "unapproved write detected",
      by: w.admin.actor.label,
    });
    expect(await call(t.access_token, "github", "create_issue")).toMatchObject({
      body: { decision: "DENY", reason: "kill_switch" },
    });
    expect(await call(t.access_token, "github", "get_file_contents")).toMatchObject({ body: { decision: "ALLOW" } });

    await ops.setKillSwitch(w.db.prisma, w.admin.actor, "production", "all", "escalating");
    expect(await call(t.access_token, "github", "get_file_contents")).toMatchObject({
      body: { decision: "DENY", reason: "kill_switch" },
    });
    expect((await ops.killSwitches(w.db.prisma)).find((s) => s.environment === "production")).toMatchObject({
      mode: "all",
      reason: "escalating",
    });

    await ops.setKillSwitch(w.db.prisma, w.admin.actor, "production", "off", "contained");
    expect(await call(t.access_token, "github", "get_file_contents")).toMatchObject({ body: { decision: "ALLOW" } });
    expect(await call(t.access_token, "github", "create_issue")).toMatchObject({
      body: { decision: "REQUIRE_APPROVAL" },
    });

    const events = await w.db.prisma.auditEvent.findMany({
      where: { action: { startsWith: "environment.kill_switch" } },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => [e.action, (e.data as { to: string }).to, (e.data as { reason: string }).reason])).toEqual(
      [
        ["environment.kill_switch_on", "writes", "unapproved write detected"],
        ["environment.kill_switch_on", "all", "escalating"],
        ["environment.kill_switch_off", "off", "contained"],
      ],
    );
  });

  it("the kill switch works in an environment with no policy published yet (no state row)", async () => {
    const res = await ops.setKillSwitch(w.db.prisma, w.admin.actor, "development", "all", "freeze");
    expect(res).toMatchObject({ environment: "development", mode: "all", previous: "off" });
    await ops.setKillSwitch(w.db.prisma, w.admin.actor, "development", "off", "thaw");
    expect((await ops.killSwitches(w.db.prisma)).map((s) => s.mode)).toEqual(["off", "off", "off"]);
  });

  it("finds a token from a decision id and revokes it from there", async () => {
    const t = await tokenFor(w.agent.id);
    const d = await call(t.access_token, "github", "get_file_contents");
    const found = await ops.lookupToken(w.db.prisma, d.body.decision_id as string);
    expect(found).toMatchObject({
      found_via: "decision",
      token: { jti: t.jti, client_id: w.agent.client_id, revoked_at: null, agent: { id: w.agent.id } },
      decision: { server: "github", outcome: "ALLOW" },
    });
    expect((await ops.lookupToken(w.db.prisma, t.jti)).found_via).toBe("jti");
    await expect(ops.lookupToken(w.db.prisma, crypto.randomUUID())).rejects.toMatchObject({ status: 404 });
  });

  it("revoking an external issuer removes it from the trusted set (re-read within a second) until restored", async () => {
    const issuer = await w.db.prisma.trustedIssuer.create({
      data: {
        name: "Corp IdP",
        issuer: "https://idp.example.com",
        jwksUri: "https://idp.example.com/jwks",
        audience: "mcp-server",
        algorithms: ["ES256"],
      },
    });
    await pastCacheBound();
    expect((await activeIssuers(w.db.prisma)).map((i) => i.id)).toContain(issuer.id);
    await ops.revokeIssuer(w.db.prisma, w.admin.actor, issuer.id, "IdP signing key leaked");
    await pastCacheBound();
    expect((await activeIssuers(w.db.prisma)).map((i) => i.id)).not.toContain(issuer.id);
    await expect(ops.revokeIssuer(w.db.prisma, w.admin.actor, issuer.id, "again")).rejects.toMatchObject({
      status: 409,
    });
    expect((await ops.currentRevocations(w.db.prisma)).issuers.map((i) => i.id)).toContain(issuer.id);
    await ops.restoreIssuer(w.db.prisma, w.admin.actor, issuer.id, "key rotated at the IdP");
    await pastCacheBound();
    expect((await activeIssuers(w.db.prisma)).map((i) => i.id)).toContain(issuer.id);
    const events = await w.db.prisma.auditEvent.findMany({ where: { targetId: issuer.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.action, (e.data as { reason: string }).reason])).toEqual([
      ["trusted_issuer.revoke", "IdP signing key leaked"],
      ["trusted_issuer.restore", "key rotated at the IdP"],
    ]);
  });
});
