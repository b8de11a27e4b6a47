import { describe, expect, it } from "vitest";
import { metricsSuite } from "@/lib/testing/metrics-world";
import type { DbKind } from "@/lib/testing/test-db";

// The settings page's one save of gates and webhook, and metrics tokens, through the console routes.
const suite = await metricsSuite();
const { basic, getMetric } = suite;
const BASE = suite.base;
const gatesSaveRoute = await import("@/app/api/console/gates/route");
const tokensRoute = await import("@/app/api/console/metrics-tokens/route");
const revokeRoute = await import("@/app/api/console/metrics-tokens/[id]/revoke/route");

describe.each(suite.kinds)("metrics and gates on %s", (kind: DbKind) => {
  const world = suite.onDatabase(kind);

  it("the settings page's one save writes every gate and the webhook, or nothing", async () => {
    const gate = (metric: string, target: number, block: number) => ({
      metric,
      target,
      block,
      window_minutes: 15,
      sustained: false,
      owner: "Ops",
    });
    const save = (token: string, body: unknown) =>
      gatesSaveRoute.PUT(
        new Request(`${BASE}/api/console/gates`, {
          method: "PUT",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        }),
      );
    const written = async () => ({
      settings: await world.db.prisma.gateSetting.count(),
      audits: await world.db.prisma.auditEvent.count({ where: { action: { in: ["gate.update", "gate.webhook"] } } }),
      webhook: await world.db.prisma.setting.count({ where: { key: "gates.webhook_url" } }),
    });
    const before = await written();
    const good = {
      gates: [gate("tool-call-p95-ms", 2000, 4000), gate("unapproved-high-risk-writes", 0, 0)],
      webhook_url: "https://hooks.example.com/gates",
    };
    expect((await save(world.viewerPat, good)).status).toBe(403);
    // One bad gate, a refused webhook, a gate twice, an unknown field: 422 and nothing written.
    const badGate = await save(world.adminPat, {
      gates: [gate("tool-call-p95-ms", 1, 2), gate("unapproved-high-risk-writes", 5, 1)],
    });
    expect(badGate.status).toBe(422);
    expect((await badGate.json()).errors).toEqual([{ path: "gates.1.target", message: "must be ≤ block" }]);
    expect((await save(world.adminPat, { ...good, webhook_url: "https://10.1.2.3/hook" })).status).toBe(422);
    expect((await save(world.adminPat, { gates: [good.gates[0], good.gates[0]] })).status).toBe(422);
    expect((await save(world.adminPat, { gates: [{ ...good.gates[0], extra: 1 }] })).status).toBe(422);
    expect(await written()).toEqual(before);

    // Parallel repeats of the same save all succeed and leave one row per gate.
    const answers = await Promise.all(Array.from({ length: 4 }, () => save(world.adminPat, good)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    const view = await answers[0].json();
    expect(view.webhook_url).toBe("https://hooks.example.com/gates");
    expect(view.gates.find((g: { metric: string }) => g.metric === "tool-call-p95-ms")).toMatchObject({
      target: 2000,
      block: 4000,
      owner: "Ops",
    });
    const after = await written();
    expect(after.settings).toBe(2);
    expect(after.webhook).toBe(1);
    expect(after.audits - before.audits).toBe(4 * 3);
    await world.db.prisma.gateSetting.deleteMany();
    await world.db.prisma.setting.deleteMany({ where: { key: "gates.webhook_url" } });
  });

  it("metrics tokens: admin-only, shown once, stored hashed, revocable", async () => {
    const create = (token: string) =>
      tokensRoute.POST(
        new Request(`${BASE}/api/console/metrics-tokens`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ name: "grafana" }),
        }),
      );
    expect((await create(world.viewerPat)).status).toBe(403);
    const res = await create(world.adminPat);
    expect(res.status).toBe(201);
    const { id, token } = await res.json();
    expect(token).toMatch(/^mgc_met_/);
    const stored = await world.db.prisma.metricsToken.findUniqueOrThrow({ where: { id } });
    expect(stored.tokenHash).not.toContain(token);
    expect(
      JSON.stringify(
        await (
          await tokensRoute.GET(
            new Request(`${BASE}/api/console/metrics-tokens`, {
              headers: { authorization: `Bearer ${world.adminPat}` },
            }),
          )
        ).json(),
      ),
    ).not.toContain(token);
    expect((await getMetric("tool-call-p95-ms", "window=5m", basic(token))).status).toBe(200);
    const revoke = await revokeRoute.POST(
      new Request(`${BASE}/api/console/metrics-tokens/${id}/revoke`, {
        method: "POST",
        headers: { authorization: `Bearer ${world.adminPat}` },
      }),
      { params: Promise.resolve({ id }) },
    );
    expect(revoke.status).toBe(200);
    expect((await getMetric("tool-call-p95-ms", "window=5m", basic(token))).status).toBe(401);
    expect(
      await world.db.prisma.auditEvent.count({
        where: { action: { in: ["metrics_token.create", "metrics_token.revoke"] }, targetId: id },
      }),
    ).toBe(2);
  });
});
