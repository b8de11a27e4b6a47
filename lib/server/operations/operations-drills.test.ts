import { describe, expect, it } from "vitest";
import { operationsSuite } from "@/lib/testing/operations-world";
import type { DbKind } from "@/lib/testing/test-db";

// Revoke-and-restore drills on the real decision path, and the quarters they are counted in.
const suite = await operationsSuite();
const ops = await import("./index");
const { quarterOf } = await import("./last-drill");

describe("quarters", () => {
  it.each([
    ["2026-01-01T00:00:00Z", "2026-Q1", "2026-01-01T00:00:00.000Z", "2026-04-01T00:00:00.000Z"],
    ["2026-03-31T23:59:59Z", "2026-Q1", "2026-01-01T00:00:00.000Z", "2026-04-01T00:00:00.000Z"],
    ["2026-04-01T00:00:00Z", "2026-Q2", "2026-04-01T00:00:00.000Z", "2026-07-01T00:00:00.000Z"],
    ["2026-12-31T12:00:00Z", "2026-Q4", "2026-10-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z"],
  ])("%s is in %s", (at, label, start, end) => {
    expect(quarterOf(new Date(at))).toEqual({ label, start, end });
  });
});

describe.each(suite.kinds)("operations on %s", (kind: DbKind) => {
  const w = suite.onDatabase(kind);

  describe("drills", () => {
    it("explains what it needs when the environment has no active server with a read tool", async () => {
      await expect(ops.runDrill(w.db.prisma, w.admin.actor, "development")).rejects.toMatchObject({
        status: 422,
        slug: "drill-needs-read-tool",
      });
      expect(await w.db.prisma.drillReport.count({ where: { environment: "development" } })).toBe(0);
    });

    it("records a failed drill and restores the drill agent when revocation never shows", async () => {
      const alwaysAccepted = async () => Response.json({ decision: "ALLOW", reason: "fake" });
      const report = await ops.runDrill(w.db.prisma, w.admin.actor, "staging", { call: alwaysAccepted });
      expect(report.status).toBe("failed");
      expect(report.steps.map((s) => [s.key, s.ok])).toEqual([
        ["prepare", true],
        ["issue", true],
        ["baseline", true],
        ["revoke", true],
        ["refused", false],
      ]);
      expect(report.summary).toMatch(/Prove the next calls are refused/);
      const drillAgent = await w.db.prisma.agent.findFirstOrThrow({ where: { environment: "staging", drill: true } });
      expect(drillAgent.status).toBe("active");
      expect((await ops.lastDrill(w.db.prisma, "staging")).state).toBe("FAIL");
    });

    it("runs revoke-and-restore end to end on the real decision path, even where no policy allows the call", async () => {
      const report = await ops.runDrill(w.db.prisma, w.admin.actor, "staging");
      expect(report.status, report.summary).toBe("passed");
      expect(report.steps.map((s) => s.key)).toEqual([
        "prepare",
        "issue",
        "baseline",
        "revoke",
        "refused",
        "restore",
        "old-token",
        "reissue",
        "allowed",
      ]);
      expect(report.steps.every((s) => s.ok && s.started_at <= s.finished_at)).toBe(true);
      const byKey = Object.fromEntries(report.steps.map((s) => [s.key, s]));
      expect(byKey.baseline).toMatchObject({ http_status: 200, decision: "DENY", reason: "no_policy" });
      expect(byKey.baseline.detail).toMatch(/Revocation acts before policy/);
      expect(byKey.refused).toMatchObject({ http_status: 401 });
      expect(byKey["old-token"]).toMatchObject({ http_status: 401 });
      expect(byKey.allowed).toMatchObject({ http_status: 200 });
      expect(report.revoke_effect_ms).toBe(byKey.refused.time_to_effect_ms);
      expect(report.restore_effect_ms).toBe(byKey.allowed.time_to_effect_ms);
      console.log(
        `[${kind}] drill: revoke → refused in ${report.revoke_effect_ms} ms (${byKey.refused.calls} calls), restore → allowed in ${report.restore_effect_ms} ms`,
      );

      const stored = await ops.getDrillReport(w.db.prisma, report.id);
      expect(stored).toMatchObject({ status: "passed", run_by: w.admin.actor.label, environment: "staging" });
      const last = await ops.lastDrill(w.db.prisma, "staging");
      expect(last).toMatchObject({ state: "PASS", last_passed: { id: report.id }, last_run: { id: report.id } });
      expect(
        (await w.db.prisma.auditEvent.findFirst({ where: { action: "drill.passed", targetId: report.id } }))?.actorId,
      ).toBe(w.admin.actor.id);

      // The drill's calls are real decisions in the audit trail, told apart by the drill agent and the drill id.
      const drillAgent = await w.db.prisma.agent.findFirstOrThrow({ where: { environment: "staging", drill: true } });
      expect(drillAgent).toMatchObject({ status: "active", scopes: ["mcp:github:read"], name: "revocation-drill" });
      const decisions = await w.db.prisma.decisionRecord.findMany({
        where: { clientId: drillAgent.clientId, arguments: { path: ["drill_id"], equals: report.id } },
      });
      expect(decisions.length).toBeGreaterThanOrEqual(2);
    });

    it("refuses a second drill in the same environment while one is running", async () => {
      await w.db.prisma.drillReport.create({
        data: { environment: "staging", status: "running", runBy: "someone@example.com" },
      });
      await expect(ops.runDrill(w.db.prisma, w.admin.actor, "staging")).rejects.toMatchObject({
        status: 409,
        slug: "drill-running",
      });
      await w.db.prisma.drillReport.updateMany({ where: { status: "running" }, data: { status: "failed" } });
    });

    it("turns the quarter red when the last passed drill is from an earlier quarter", async () => {
      const lastQuarter = new Date(new Date(quarterOf(new Date()).start).getTime() - 86_400_000);
      await w.db.prisma.drillReport.create({
        data: {
          environment: "production",
          status: "passed",
          runBy: "x@example.com",
          startedAt: lastQuarter,
          finishedAt: lastQuarter,
        },
      });
      const last = await ops.lastDrill(w.db.prisma, "production");
      expect(last.state).toBe("FAIL");
      expect(last.last_passed?.finished_at).toBe(lastQuarter.toISOString());
      expect((await ops.lastDrill(w.db.prisma, "production", lastQuarter)).state).toBe("PASS");
    });
  });
});
