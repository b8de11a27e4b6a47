import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SEED_POLICY_YAML } from "@/lib/policy/seed-table";
import type { Database } from "@/lib/server/db";
import { HttpProblem } from "@/lib/server/errors";
import { enforcementWorld } from "@/lib/testing/enforcement-world";
import { openTestDb, testDbKinds, type DbKind } from "@/lib/testing/test-db";
import { startLoopbackMcpServer, type LoopbackMcpServer } from "./mcp-test-servers";
import { checkContext, evaluateCheck } from "./evaluate";
import { PROBE_STALE_MS, readinessReport } from "./report";
import { RUN_MIN_INTERVAL_SEC, runChecklist, runScheduledChecklists } from "./run";
import { emptyDatabase } from "@/lib/testing/empty-database";

const kinds = await testDbKinds();
const ADMIN = { type: "user" as const, id: null, label: "admin@example.com" };
const OPTS = { allowHosts: ["127.0.0.1"], probeTimeoutMs: 3_000 };

let open: LoopbackMcpServer;
beforeAll(async () => {
  open = await startLoopbackMcpServer({ name: "open" });
});
afterAll(async () => open.stop());

describe.each(kinds)("readiness runs and report on %s", (kind: DbKind) => {
  let db: Database & { dispose: () => Promise<void> };
  beforeAll(async () => {
    db = await openTestDb(kind);
  });
  afterAll(async () => db?.dispose());
  beforeEach(() => emptyDatabase(db));

  it("before any run the remote-auth probe is NO_DATA and the self-tests are evaluated live; the verdict is NOT_READY, never GO", async () => {
    const report = await readinessReport(db.prisma, "production", { ...OPTS, allowHosts: [] });
    expect(report.checks).toHaveLength(13);
    const check = (id: string) => report.checks.find((x) => x.id === id)!;
    expect(check("remote-auth")).toMatchObject({ status: "NO_DATA", stale: false });
    expect(check("remote-auth").evidence).toContain("Not probed yet in production");
    expect(check("ssrf-guard").status).toBe("PASS");
    expect(check("output-safety").status).toBe("PASS");
    expect(check("env-separation").evidence).toContain("No active agent is registered in production");
    expect(report.verdict).toBe("NOT_READY");
    expect(report.blockers).toEqual([]);
    expect(report.missing.map((m) => m.id)).toContain("remote-auth");
    expect(report.missing.filter((m) => m.kind === "gate")).toHaveLength(6);
    expect(report.checks.map((c) => c.area)).toEqual([
      "Identity",
      "Identity",
      "Identity",
      "Network",
      "Policy",
      "Policy",
      "Policy",
      "Output",
      "Output",
      "Observability",
      "Observability",
      "Operations",
      "Operations",
    ]);
    expect(report.last_run).toBeNull();
    expect(report.console_version).toMatch(/^\d+\.\d+\.\d+/);
    expect(report.policy).toBeNull();
    expect(report.gates).toHaveLength(6);
  });

  it("a run stores all thirteen results with one audit event, is refused again within the minute, and the report shows the probes", async () => {
    await enforcementWorld(db, SEED_POLICY_YAML);
    await db.prisma.server.create({
      data: { environment: "development", name: "open", transport: "remote_http", url: open.url },
    });
    const run = await runChecklist(db.prisma, "development", { ...OPTS, trigger: "manual", actor: ADMIN });
    expect(run.results).toHaveLength(13);
    expect(run.results.find((r) => r.id === "remote-auth")!.status).toBe("FAIL");
    expect(await db.prisma.readinessCheckResult.count({ where: { runId: run.run_id } })).toBe(13);
    const audit = await db.prisma.auditEvent.findMany({ where: { action: "readiness.run" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorLabel: "admin@example.com",
      environment: "development",
      targetId: run.run_id,
    });
    expect((audit[0].data as { remote_auth: unknown[] }).remote_auth).toEqual([
      { server: "open", answer: "accepted", http_status: 200 },
    ]);

    const again = await runChecklist(db.prisma, "development", { ...OPTS, trigger: "manual", actor: ADMIN }).catch(
      (e: unknown) => e,
    );
    expect(again).toBeInstanceOf(HttpProblem);
    expect((again as HttpProblem).status).toBe(429);
    expect(Number((again as HttpProblem).extra.headers?.["Retry-After"])).toBeLessThanOrEqual(RUN_MIN_INTERVAL_SEC);
    expect(await db.prisma.auditEvent.count({ where: { action: "readiness.run" } })).toBe(1);
    // Another environment has its own allowance.
    await runChecklist(db.prisma, "production", { ...OPTS, trigger: "manual", actor: ADMIN });

    const report = await readinessReport(db.prisma, "development", OPTS);
    const remote = report.checks.find((c) => c.id === "remote-auth")!;
    expect(remote.status).toBe("FAIL");
    expect(remote.evidence).toMatch(/open answered 200/);
    expect(remote.history).toEqual([{ at: remote.checked_at, status: "FAIL" }]);
    expect(remote.since).toBe(remote.checked_at);
    expect(report.verdict).toBe("NO_GO");
    expect(report.blockers).toContainEqual(
      expect.objectContaining({
        kind: "check",
        id: "remote-auth",
        state: "FAIL",
        sentence: remote.evidence,
        owner: "Platform Security",
        since: remote.checked_at,
        evidence_url: "/readiness?environment=development#remote-auth",
      }),
    );
    expect(report.blocking).toEqual(report.blockers);
    expect(report.next_run_allowed_at).not.toBeNull();
    expect(report.last_run).toMatchObject({ run_id: run.run_id, trigger: "manual", by: "admin@example.com" });
  });

  it("a probe result older than an hour, or older than a change to the servers, is stale: NO_DATA, in words", async () => {
    const stored = (checkedAt: Date) =>
      db.prisma.readinessCheckResult.create({
        data: {
          runId: crypto.randomUUID(),
          environment: "production",
          check: "remote-auth",
          status: "PASS",
          evidence: "All 1 remote servers refused",
          checkedAt,
          trigger: "schedule",
          runBy: "system",
        },
      });
    const remote = async () =>
      (await readinessReport(db.prisma, "production", OPTS)).checks.find((x) => x.id === "remote-auth")!;
    await stored(new Date(Date.now() - PROBE_STALE_MS - 60_000));
    const old = await remote();
    expect(old).toMatchObject({ status: "NO_DATA", stale: true });
    expect(old.evidence).toMatch(
      /^Stale: the last probe, at .* is over 60 min old \(it said PASS: All 1 remote servers refused\)/,
    );

    await stored(new Date(Date.now() - 60_000));
    expect(await remote()).toMatchObject({ status: "PASS", stale: false });
    // A server catalogued after the probe ran was never probed: the result no longer speaks for the catalog.
    await db.prisma.server.create({
      data: { environment: "production", name: "late", transport: "remote_http", url: open.url },
    });
    const changed = await remote();
    expect(changed).toMatchObject({ status: "NO_DATA", stale: true });
    expect(changed.evidence).toMatch(/^Stale: the servers of production changed at .* after the last probe/);
  });

  it("page views verify only the decisions appended since, and still catch a tampered new one", async () => {
    const w = await enforcementWorld(db, SEED_POLICY_YAML);
    const read = () => w.call({ server: "github", tool: "get_file_contents", arguments: { path: "a" } });
    await read();
    await read();
    const view = () =>
      evaluateCheck(
        checkContext(db.prisma, "production", { ...OPTS, chainVerification: "incremental" }),
        "decision-logged",
      );
    expect((await view()).evidence).toContain("the decision chain verifies over 2 rows");
    await read();
    const second = await view();
    expect(second.status).toBe("PASS");
    expect(second.evidence).toMatch(/verifies \(1 new row checked now, the rest up to seq 2 at \d\d:\d\d:\d\d UTC\)/);
    await read();
    await db.sql.exec(`UPDATE decisions SET reason = 'edited' WHERE seq = 4`);
    const third = await view();
    expect(third.status).toBe("FAIL");
    expect(third.evidence).toContain("The decision chain breaks at seq 4 (hash mismatch");
    // A tampered row that was already verified is caught by the next full verification (every run).
    await db.sql.exec(`UPDATE decisions SET reason = 'edited' WHERE seq = 1`);
    const full = await evaluateCheck(checkContext(db.prisma, "production", OPTS), "decision-logged");
    expect(full.evidence).toContain("breaks at seq 1");
  });

  it("the schedule runs each environment once per period and skips a fresh one", async () => {
    expect(await runScheduledChecklists(db.prisma)).toBe(3);
    expect(await db.prisma.auditEvent.count({ where: { action: "readiness.run", actorType: "system" } })).toBe(3);
    expect(await runScheduledChecklists(db.prisma)).toBe(0);
    expect(await db.prisma.readinessCheckResult.count()).toBe(39);
  });
});
