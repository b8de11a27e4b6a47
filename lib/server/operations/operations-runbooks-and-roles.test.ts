import { describe, expect, it } from "vitest";
import { makeUser } from "@/lib/testing/principals";
import { operationsSuite } from "@/lib/testing/operations-world";
import type { DbKind } from "@/lib/testing/test-db";

// Runbooks, and who may change operations state through the route handlers.
const suite = await operationsSuite();
const { createApiToken } = await import("../api-tokens");
const ops = await import("./index");

describe.each(suite.kinds)("operations on %s", (kind: DbKind) => {
  const w = suite.onDatabase(kind);

  describe("runbooks", () => {
    it("seeds one runbook per gate and per incident type with the seed article's owners", async () => {
      const list = await ops.listRunbooks(w.db.prisma);
      expect(list.map((r) => [r.slug, r.kind, r.owner])).toEqual([
        ["auth-failure-rate", "gate", "Platform Security"],
        ["unapproved-high-risk-writes", "gate", "Governance"],
        ["approval-queue-p50", "gate", "Ops Lead"],
        ["tool-call-p95", "gate", "MCP Platform"],
        ["output-quarantine-ratio", "gate", "Safety Team"],
        ["deny-anomaly", "gate", "Security Operations"],
        ["token-theft", "incident", "Platform Security"],
        ["rogue-agent", "incident", "Security Operations"],
        ["upstream-compromise", "incident", "MCP Platform"],
      ]);
      expect(list.every((r) => r.review_state === "never" && r.version === 1)).toBe(true);
    });

    it("saves a new version as a review, keeps the old one, and refuses a save over an edit the editor never saw", async () => {
      const before = await ops.getRunbook(w.db.prisma, "token-theft");
      const saved = await ops.saveRunbook(w.db.prisma, w.admin.actor, "token-theft", {
        title: before.title,
        owner: "Identity team",
        body: `${before.body}\n\n## Contacts\n\nidentity-oncall`,
        base_version: 1,
      });
      expect(saved).toMatchObject({
        version: 2,
        owner: "Identity team",
        review_state: "current",
        reviewed_by: w.admin.actor.label,
      });
      await expect(
        ops.saveRunbook(w.db.prisma, w.admin.actor, "token-theft", {
          title: "x",
          owner: "y",
          body: "z",
          base_version: 1,
        }),
      ).rejects.toMatchObject({ status: 409, slug: "edit-conflict" });
      const after = await ops.getRunbook(w.db.prisma, "token-theft");
      expect(after.revisions.map((r) => r.version)).toEqual([2, 1]);
      expect(after.body).toContain("identity-oncall");
      const event = await w.db.prisma.auditEvent.findFirst({
        where: { action: "runbook.update", targetId: "token-theft" },
      });
      expect(event?.data).toMatchObject({ version: 2, changed: ["owner", "body"] });
      const reviewed = await ops.markRunbookReviewed(w.db.prisma, w.admin.actor, "deny-anomaly");
      expect(reviewed).toMatchObject({ version: 1, review_state: "current" });
      await expect(ops.getRunbook(w.db.prisma, "no-such-runbook")).rejects.toMatchObject({ status: 404 });
    });
  });

  describe("who may do what, through the route handlers", () => {
    async function bearer(role: "admin" | "viewer") {
      const u = await makeUser(w.db.prisma, role);
      return (await createApiToken(w.db.prisma, u.principal, u.actor, "t")).token as string;
    }
    const json = (method: string, token: string, body: unknown) => ({
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const ctx = (params: Record<string, string>) => ({ params: Promise.resolve(params) });

    it("a viewer reads operations state but cannot pull the kill switch, run a drill, revoke or edit runbooks (403, nothing stored)", async () => {
      const viewer = await bearer("viewer");
      const killSwitch = await import("@/app/api/console/environments/[environment]/kill-switch/route");
      const drills = await import("@/app/api/console/drills/route");
      const issuerRevoke = await import("@/app/api/console/operations/issuers/[id]/revoke/route");
      const runbook = await import("@/app/api/console/runbooks/[slug]/route");
      const environments = await import("@/app/api/console/environments/route");
      const eventsBefore = await w.db.prisma.auditEvent.count();
      const reportsBefore = await w.db.prisma.drillReport.count();

      expect(
        (
          await killSwitch.PUT(
            new Request("http://console.test/x", json("PUT", viewer, { mode: "all", reason: "x" })),
            ctx({ environment: "production" }),
          )
        ).status,
      ).toBe(403);
      expect(
        (await drills.POST(new Request("http://console.test/x", json("POST", viewer, { environment: "staging" }))))
          .status,
      ).toBe(403);
      expect(
        (
          await issuerRevoke.POST(
            new Request("http://console.test/x", json("POST", viewer, { reason: "x" })),
            ctx({ id: crypto.randomUUID() }),
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await runbook.PUT(
            new Request(
              "http://console.test/x",
              json("PUT", viewer, { title: "t", owner: "o", body: "b", base_version: 1 }),
            ),
            ctx({ slug: "token-theft" }),
          )
        ).status,
      ).toBe(403);
      expect(await w.db.prisma.auditEvent.count()).toBe(eventsBefore);
      expect(await w.db.prisma.drillReport.count()).toBe(reportsBefore);

      const read = await environments.GET(
        new Request("http://console.test/x", { headers: { authorization: `Bearer ${viewer}` } }),
      );
      expect(read.status).toBe(200);
      expect((await read.json()).environments).toHaveLength(3);
    });

    it("an admin's kill switch needs a known mode and a reason (422, nothing stored), and an unknown environment is 404", async () => {
      const adminToken = await bearer("admin");
      const killSwitch = await import("@/app/api/console/environments/[environment]/kill-switch/route");
      const eventsBefore = await w.db.prisma.auditEvent.count();
      expect(
        (
          await killSwitch.PUT(
            new Request("http://console.test/x", json("PUT", adminToken, { mode: "all" })),
            ctx({ environment: "production" }),
          )
        ).status,
      ).toBe(422);
      expect(
        (
          await killSwitch.PUT(
            new Request("http://console.test/x", json("PUT", adminToken, { mode: "half", reason: "x" })),
            ctx({ environment: "production" }),
          )
        ).status,
      ).toBe(422);
      expect(
        (
          await killSwitch.PUT(
            new Request("http://console.test/x", json("PUT", adminToken, { mode: "all", reason: "x" })),
            ctx({ environment: "prod" }),
          )
        ).status,
      ).toBe(404);
      expect(await w.db.prisma.auditEvent.count()).toBe(eventsBefore);
      const ok = await killSwitch.PUT(
        new Request("http://console.test/x", json("PUT", adminToken, { mode: "writes", reason: "through the API" })),
        ctx({ environment: "staging" }),
      );
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ environment: "staging", mode: "writes" });
      await ops.setKillSwitch(w.db.prisma, w.admin.actor, "staging", "off", "test over");
    });
  });
});
