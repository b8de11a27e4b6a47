import { describe, expect, it } from "vitest";
import { testDbKinds } from "@/lib/testing/test-db";
import { reportResult } from "../enforcement/report-result";
import { inspectAndRecord } from "./inspect-output";
import { purgeExpiredOutputs } from "./purge";
import { confirmQuarantined, fetchReleased, quarantineDetail, releaseQuarantined } from "./quarantine";
import { getOutputSafetySettings } from "./settings";
import { EXFIL, INJECTION, outputSafetyWorld, PLANTED, problemOf } from "@/lib/testing/output-safety-world";

// Quarantined outputs: sealed at rest, released or confirmed by a reviewer, purged after retention.
const kinds = await testDbKinds();

describe.each(kinds)("output safety on %s", (kind) => {
  const w = outputSafetyWorld(kind);
  const { allowedDecision, setRate } = w;

  it("quarantines an injected instruction from /result, sealed at rest, in the same transaction as the result row", async () => {
    await setRate(0);
    const decisionId = await allowedDecision(w.agent);
    const verdict = await reportResult(w.db.prisma, w.agent, decisionId, {
      status: "ok",
      duration_ms: 12,
      output: { content: [{ type: "text", text: `${INJECTION} ${PLANTED}` }] },
    });
    expect(verdict.action).toBe("QUARANTINE");
    expect(verdict.quarantine_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(verdict.output)).not.toContain(PLANTED);
    expect(verdict.findings.map((f) => f.kind)).toContain("prompt_injection");

    const raw = await w.db.sql.query(`SELECT * FROM quarantined_outputs WHERE id = $1`, [verdict.quarantine_id]);
    expect(raw).toHaveLength(1);
    expect(JSON.stringify(raw[0])).not.toContain(PLANTED);
    expect(JSON.stringify(raw[0])).not.toContain("Ignore all previous");
    expect(String(raw[0].sealedOutput)).toMatch(/^v1\./);
    expect(raw[0]).toMatchObject({
      status: "PENDING",
      decisionId,
      server: "github",
      tool: "get_file_contents",
      source: "result",
    });

    // A second report is refused, and leaves no second quarantined row behind.
    await problemOf(
      reportResult(w.db.prisma, w.agent, decisionId, { status: "ok", duration_ms: 1, output: INJECTION }),
    );
    expect(await w.db.prisma.quarantinedOutput.count({ where: { decisionId } })).toBe(1);
    expect(
      await w.db.prisma.auditEvent.count({ where: { action: "output.quarantine", targetId: verdict.quarantine_id } }),
    ).toBe(1);

    // Reviewers see the finding at its offsets in the opened text.
    const detail = await quarantineDetail(w.db.prisma, verdict.quarantine_id!);
    const ctx = detail.contexts.find((c) => c.path === "/content/0/text")!;
    const mark = ctx.windows[0].marks.find((m) => m.kind === "prompt_injection")!;
    expect(ctx.windows[0].text.slice(mark.start, mark.end).toLowerCase()).toContain("ignore all previous instructions");
    expect(detail.preview?.text).toContain(PLANTED);
  });

  it("release with a reason lets only the calling agent fetch the output; secrets in it stay redacted", async () => {
    const decisionId = await allowedDecision(w.agent);
    const v = await reportResult(w.db.prisma, w.agent, decisionId, {
      status: "ok",
      duration_ms: 3,
      output: `${INJECTION}\npassword: "S3cure!pass-2024"`,
    });
    const id = v.quarantine_id!;
    expect(v.action).toBe("QUARANTINE");
    expect(
      await fetchReleased(w.db.prisma, { type: "agent", agentId: w.agent.agentId, clientId: w.agent.clientId }, id),
    ).toEqual({ quarantine_id: id, status: "PENDING", reviewed_at: null, reason: null });
    expect(
      await problemOf(
        fetchReleased(w.db.prisma, { type: "agent", agentId: w.other.agentId, clientId: w.other.clientId }, id),
      ),
    ).toMatchObject({ status: 404 });

    // The agent's owner may not release its own agent's output; a reason is recorded for the release.
    expect(
      await problemOf(releaseQuarantined(w.db.prisma, id, w.owner.principal, w.owner.actor, "looks fine")),
    ).toMatchObject({ status: 403 });
    expect(
      await releaseQuarantined(
        w.db.prisma,
        id,
        w.reviewer.principal,
        w.reviewer.actor,
        "false alarm: quoted from a security article",
      ),
    ).toEqual({ id, status: "RELEASED" });
    expect(
      await problemOf(releaseQuarantined(w.db.prisma, id, w.reviewer.principal, w.reviewer.actor, "again")),
    ).toMatchObject({ status: 409 });

    const fetched = await fetchReleased(
      w.db.prisma,
      { type: "agent", agentId: w.agent.agentId, clientId: w.agent.clientId },
      id,
    );
    expect(fetched).toMatchObject({
      status: "RELEASED",
      reason: "false alarm: quoted from a security article",
      action: "REDACT",
    });
    const text = String("output" in fetched ? fetched.output : "");
    expect(text).toContain("Ignore all previous instructions");
    expect(text).not.toContain("S3cure!pass-2024");
    const raw = await w.db.sql.query(`SELECT "sealedRelease" FROM quarantined_outputs WHERE id = $1`, [id]);
    expect(String(raw[0].sealedRelease)).not.toContain("Ignore all");
    const audit = await w.db.prisma.auditEvent.findFirst({ where: { action: "output.release", targetId: id } });
    expect(audit).toMatchObject({
      actorId: w.reviewer.principal.userId,
      data: expect.objectContaining({ reason: "false alarm: quoted from a security article" }),
    });
  });

  it("confirm keeps the output withheld for good, audited", async () => {
    const v = await reportResult(w.db.prisma, w.agent, await allowedDecision(w.agent), {
      status: "ok",
      duration_ms: 3,
      output: EXFIL,
    });
    expect(v.action).toBe("QUARANTINE");
    await confirmQuarantined(w.db.prisma, v.quarantine_id!, w.reviewer.principal, w.reviewer.actor, undefined);
    const fetched = await fetchReleased(
      w.db.prisma,
      { type: "agent", agentId: w.agent.agentId, clientId: w.agent.clientId },
      v.quarantine_id!,
    );
    expect(fetched).toMatchObject({ status: "CONFIRMED" });
    expect(fetched).not.toHaveProperty("output");
    expect(
      await problemOf(
        releaseQuarantined(w.db.prisma, v.quarantine_id!, w.reviewer.principal, w.reviewer.actor, "changed my mind"),
      ),
    ).toMatchObject({ status: 409 });
    expect(
      await w.db.prisma.auditEvent.count({ where: { action: "output.confirm", targetId: v.quarantine_id! } }),
    ).toBe(1);
  });

  it("purges sealed text after the retention period and keeps the record", async () => {
    await setRate(1);
    const v = await inspectAndRecord(
      w.db.prisma,
      { type: "agent", agentId: w.agent.agentId, clientId: w.agent.clientId },
      { output: INJECTION, environment: "production" },
    );
    await inspectAndRecord(
      w.db.prisma,
      { type: "agent", agentId: w.agent.agentId, clientId: w.agent.clientId },
      { output: "old sample", environment: "production" },
    );
    await setRate(0);
    const { retentionDays } = await getOutputSafetySettings(w.db.prisma);
    const later = new Date(Date.now() + (retentionDays + 1) * 86_400_000);
    const purged = await purgeExpiredOutputs(w.db.prisma, later);
    expect(purged.quarantined).toBeGreaterThanOrEqual(1);
    expect(purged.samples).toBeGreaterThanOrEqual(1);
    const detail = await quarantineDetail(w.db.prisma, v.quarantine_id!);
    expect(detail).toMatchObject({ purged: true, preview: null, status: "PENDING" });
    expect(
      (
        await problemOf(
          releaseQuarantined(w.db.prisma, v.quarantine_id!, w.reviewer.principal, w.reviewer.actor, "too late"),
        )
      ).status,
    ).toBe(409);
    expect(await w.db.prisma.outputReviewSample.count({ where: { sealedOutput: { not: null } } })).toBe(0);
    expect(await w.db.prisma.auditEvent.count({ where: { action: "output.purge" } })).toBe(1);
    expect(await purgeExpiredOutputs(w.db.prisma, later)).toEqual({ quarantined: 0, samples: 0 });
  });
});
