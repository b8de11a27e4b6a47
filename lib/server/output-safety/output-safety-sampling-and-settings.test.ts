import { describe, expect, it } from "vitest";
import { testDbKinds } from "@/lib/testing/test-db";
import { reportResult } from "../enforcement/report-result";
import { fnReviewStatus, listSamples, reviewSample, sampleDetail, weeklyFnStats } from "./fn-review";
import { inspectAndRecord } from "./inspect-output";
import { isoWeekOf } from "./iso-week";
import { fetchReleased, releaseQuarantined } from "./quarantine";
import { outputSafetyCheck } from "./readiness";
import { SETTINGS_KEY, updateOutputSafetySettings } from "./settings";
import { testPattern } from "./pattern-test";
import { verdictCounts } from "./verdict-counts";
import { EXFIL, INJECTION, outputSafetyWorld, PLANTED, problemOf } from "@/lib/testing/output-safety-world";

// False-negative samples, the admin's patterns and allowlist, and verdict counts.
const kinds = await testDbKinds();

describe.each(kinds)("output safety on %s", (kind) => {
  const w = outputSafetyWorld(kind);
  const { allowedDecision, setRate } = w;

  it("samples every ALLOWed output at rate 1.0 and none at 0.0, sealed; reviewers mark them and the week's miss rate follows", async () => {
    const week = isoWeekOf(new Date());
    const before = (await fnReviewStatus(w.db.prisma, week)).sampled;
    await setRate(0);
    for (let i = 0; i < 3; i++)
      expect(
        (
          await reportResult(w.db.prisma, w.agent, await allowedDecision(w.agent), {
            status: "ok",
            duration_ms: 1,
            output: `plain text ${i}`,
          })
        ).action,
      ).toBe("ALLOW");
    expect(
      (
        await inspectAndRecord(
          w.db.prisma,
          { type: "agent", agentId: w.agent.agentId, clientId: w.agent.clientId },
          { output: "nothing here", environment: "production" },
        )
      ).action,
    ).toBe("ALLOW");
    expect((await fnReviewStatus(w.db.prisma, week)).sampled).toBe(before);

    await setRate(1);
    for (let i = 0; i < 3; i++)
      await reportResult(w.db.prisma, w.agent, await allowedDecision(w.agent), {
        status: "ok",
        duration_ms: 1,
        output: { rows: [`${PLANTED} row ${i}`] },
      });
    // REDACT and QUARANTINE verdicts are never sampled, and a result without output has nothing to sample.
    await reportResult(w.db.prisma, w.agent, await allowedDecision(w.agent), {
      status: "ok",
      duration_ms: 1,
      output: INJECTION,
    });
    await reportResult(w.db.prisma, w.agent, await allowedDecision(w.agent), { status: "error", duration_ms: 1 });
    const status = await fnReviewStatus(w.db.prisma, week);
    expect(status.sampled).toBe(before + 3);
    expect(status.complete).toBe(false);

    const raw = await w.db.sql.query(`SELECT * FROM output_review_samples WHERE week = $1`, [week]);
    expect(JSON.stringify(raw)).not.toContain(PLANTED);

    const list = await listSamples(w.db.prisma, week);
    expect(list.items).toHaveLength(status.sampled);
    const mine = list.items.filter((s) => s.decisionId);
    const detail = await sampleDetail(w.db.prisma, mine[0].id);
    expect(detail.preview?.text).toContain(PLANTED);

    expect(
      await problemOf(
        reviewSample(w.db.prisma, w.reviewer.actor, mine[0].id, { verdict: "missed", missed_kind: "no_such_kind" }),
      ),
    ).toMatchObject({ status: 422 });
    for (const [i, s] of list.items.entries()) {
      await reviewSample(
        w.db.prisma,
        w.reviewer.actor,
        s.id,
        i === 0 ? { verdict: "missed", missed_kind: "email", note: "an address in a footer" } : { verdict: "ok" },
      );
    }
    const done = await fnReviewStatus(w.db.prisma, week);
    expect(done).toEqual({ week, sampled: status.sampled, reviewed: status.sampled, missed: 1, complete: true });
    const stats = await weeklyFnStats(w.db.prisma, 4);
    expect(stats).toHaveLength(4);
    expect(stats[3]).toMatchObject({ week, missed: 1, missRate: 1 / status.sampled });
    expect(stats[0]).toMatchObject({ sampled: 0, missRate: null });
    expect(await w.db.prisma.auditEvent.count({ where: { action: "output.fn_review" } })).toBe(status.sampled + 0);
    await setRate(0);
  });

  it("refuses a pattern RE2 cannot run with 422 and stores nothing", async () => {
    const auditBefore = await w.db.prisma.auditEvent.count({ where: { action: "settings.output_safety.update" } });
    const stored = await w.db.prisma.setting.findUnique({ where: { key: SETTINGS_KEY } });
    const p = await problemOf(
      updateOutputSafetySettings(w.db.prisma, w.admin.actor, {
        customPatterns: [{ kind: "acme_id", pattern: "(a)\\1", category: "secret", description: "" }],
      }),
    );
    expect(p.status).toBe(422);
    expect(p.slug).toBe("unsafe-pattern");
    expect(p.extra.errors).toEqual([
      { path: "customPatterns.0.pattern", message: expect.stringMatching(/backreferences/) },
    ]);
    expect(await w.db.prisma.setting.findUnique({ where: { key: SETTINGS_KEY } })).toEqual(stored);
    expect(await w.db.prisma.auditEvent.count({ where: { action: "settings.output_safety.update" } })).toBe(
      auditBefore,
    );
    expect(
      (await problemOf(testPattern(w.db.prisma, { sample: "aaaa", pattern: "a(?!b)", category: "secret" }))).status,
    ).toBe(422);
    // Unknown kinds and built-in names for custom kinds are refused too.
    expect(
      (await problemOf(updateOutputSafetySettings(w.db.prisma, w.admin.actor, { disabledKinds: ["not_a_kind"] })))
        .status,
    ).toBe(422);
    expect(
      (
        await problemOf(
          updateOutputSafetySettings(w.db.prisma, w.admin.actor, {
            customPatterns: [{ kind: "email", pattern: "ACME-\\d{6}", category: "pii", description: "" }],
          }),
        )
      ).status,
    ).toBe(422);
  });

  it("uses the admin's custom patterns, disabled kinds and allowlist of hosts for every verdict", async () => {
    const caller = { type: "agent" as const, agentId: w.agent.agentId, clientId: w.agent.clientId };
    expect(
      (await inspectAndRecord(w.db.prisma, caller, { output: "employee EMP-123456 joined", environment: "production" }))
        .action,
    ).toBe("ALLOW");
    expect(
      (await testPattern(w.db.prisma, { sample: "employee EMP-123456 joined", pattern: "EMP-\\d{6}", category: "pii" }))
        .candidateMatches,
    ).toBe(1);
    await updateOutputSafetySettings(w.db.prisma, w.admin.actor, {
      customPatterns: [{ kind: "employee_id", pattern: "EMP-\\d{6}", category: "pii", description: "HR ids" }],
      allowHosts: ["evil.test"],
    });
    const redacted = await inspectAndRecord(w.db.prisma, caller, {
      output: { note: "employee EMP-123456 joined" },
      environment: "production",
    });
    expect(redacted).toMatchObject({
      action: "REDACT",
      output: { note: "employee [REDACTED:employee_id] joined" },
      findings: [{ kind: "employee_id", path: "/note" }],
    });
    expect((await inspectAndRecord(w.db.prisma, caller, { output: EXFIL, environment: "production" })).action).toBe(
      "ALLOW",
    );

    await updateOutputSafetySettings(w.db.prisma, w.admin.actor, { disabledKinds: ["employee_id"], allowHosts: [] });
    expect(
      (await inspectAndRecord(w.db.prisma, caller, { output: "employee EMP-123456 joined", environment: "production" }))
        .action,
    ).toBe("ALLOW");
    expect((await inspectAndRecord(w.db.prisma, caller, { output: EXFIL, environment: "production" })).action).toBe(
      "QUARANTINE",
    );
    const audit = await w.db.prisma.auditEvent.findFirst({
      where: { action: "settings.output_safety.update" },
      orderBy: { seq: "desc" },
    });
    expect(audit?.data).toMatchObject({ changed: ["disabledKinds", "allowHosts"] });
    expect((await outputSafetyCheck(w.db.prisma)).pass).toBe(true);
  });

  it("counts verdicts per environment, server and tool; a console caller naming no environment is not counted", async () => {
    const from = new Date(Date.now() - 120_000);
    const caller = { type: "agent" as const, agentId: w.other.agentId, clientId: w.other.clientId };
    await inspectAndRecord(w.db.prisma, caller, {
      output: "fine",
      server: "jira",
      tool: "search",
      environment: "production",
    });
    await inspectAndRecord(w.db.prisma, caller, {
      output: INJECTION,
      server: "jira",
      tool: "search",
      environment: "production",
    });
    await inspectAndRecord(w.db.prisma, caller, {
      output: "contact jane.doe@acme-corp.io",
      server: "jira",
      tool: "search",
      environment: "production",
    });
    const user = {
      type: "user" as const,
      userId: w.reviewer.principal.userId,
      label: w.reviewer.principal.email,
      via: "api_token" as const,
    };
    const q = await inspectAndRecord(w.db.prisma, user, {
      output: INJECTION,
      server: "jira",
      tool: "search",
      environment: null,
    });
    expect(q.quarantine_id).toBeTruthy();
    const rows = await verdictCounts(w.db.prisma, { from, environment: "production" });
    expect(rows.find((r) => r.server === "jira" && r.tool === "search")).toEqual({
      environment: "production",
      server: "jira",
      tool: "search",
      allowed: 1,
      redacted: 1,
      quarantined: 1,
    });
    // The console caller fetches its own quarantined output; an agent cannot.
    expect(await fetchReleased(w.db.prisma, user, q.quarantine_id!)).toMatchObject({ status: "PENDING" });
    expect((await problemOf(fetchReleased(w.db.prisma, caller, q.quarantine_id!))).status).toBe(404);
    expect(
      (
        await problemOf(
          releaseQuarantined(w.db.prisma, q.quarantine_id!, w.reviewer.principal, w.reviewer.actor, "my own"),
        )
      ).status,
    ).toBe(403);
  });
});
