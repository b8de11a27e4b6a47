import "server-only";
import { lockKeyInTx } from "../advisory-locks";
import type { Agent, DrillReport, PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/generated/prisma/enums";
import { ENVIRONMENTS } from "@/lib/schemas/identity";
import { env } from "@/lib/env";
import { setAgentStatus } from "../agents";
import { writeAudit, type Actor } from "../audit";
import { Conflict, HttpProblem } from "../errors";
import { DECISIONS_PATH, postDecision } from "../enforcement/decision-http";
import { REVOCATION_CACHE_MS } from "../identity/agent-state";
import { issueAccessToken } from "../identity/issue-token";
import { resourceUrlFor } from "../identity/metadata";
import { drillScope, drillTarget, ensureDrillAgent, type DrillTarget } from "./drill-agent";
import { drillReportView } from "./drill-reports";

/** A refusal (or a pass again) must show within the revocation cache bound plus room for the call itself. */
export const DRILL_EFFECT_DEADLINE_MS = REVOCATION_CACHE_MS + 1_000;
const POLL_MS = 50;
const DRILL_TOKEN_TTL_SEC = 300;
/** A "running" report older than this belongs to a console that stopped mid-drill. */
const ABANDONED_AFTER_MS = 2 * 60_000;

export type DrillStepKey =
  | "prepare"
  | "issue"
  | "baseline"
  | "revoke"
  | "refused"
  | "restore"
  | "old-token"
  | "reissue"
  | "allowed";

export interface DrillStep {
  key: DrillStepKey;
  title: string;
  ok: boolean;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  detail: string;
  http_status?: number;
  decision?: string | null;
  reason?: string | null;
  time_to_effect_ms?: number;
  calls?: number;
  jti?: string;
}

/** How the drill reaches the decision function: in-process by default (the same code the route runs). */
export type DrillCall = (req: Request) => Promise<Response>;

interface CallResult {
  status: number;
  decision: string | null;
  reason: string | null;
  detail: string | null;
  challenge: string | null;
}

class StepFailed extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The guided revoke-and-restore drill (SPEC §8): on the environment's drill agent, the console
 * obtains a token, proves a call is accepted, revokes the agent, proves the next calls are
 * refused (401), restores it, proves the revoked token stays dead and a new one passes. Every
 * step is timed; the report is stored with its audit event.
 *
 * "Accepted" means the identity layer let the call through (HTTP 200 with a recorded decision):
 * revocation acts before policy, so the drill does not depend on a rule allowing its call, and
 * says so in the report when policy happens to deny it.
 */
export async function runDrill(
  prisma: PrismaClient,
  actor: Actor,
  environment: Environment,
  opts: { call?: DrillCall } = {},
) {
  const call = opts.call ?? ((req: Request) => postDecision(req));
  const current = await prisma.agent.findFirst({ where: { environment, drill: true }, orderBy: { createdAt: "asc" } });
  const target = await drillTarget(prisma, environment, current?.scopes[0]?.split(":")[1]);
  const report = await openReport(prisma, actor, environment, target);
  const steps: DrillStep[] = [];
  let agent: Agent | null = null;
  let revoked = false;
  let restored = false;
  let revokeEffectMs: number | null = null;
  let restoreEffectMs: number | null = null;
  let requestNo = 0;

  const callAs = async (token: string): Promise<CallResult> => {
    requestNo += 1;
    const req = new Request(`${env().PUBLIC_URL}${DECISIONS_PATH}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        "x-request-id": `drill-${report.id.slice(0, 8)}-${requestNo}`,
      },
      body: JSON.stringify({ server: target.server, tool: target.tool, arguments: { drill_id: report.id } }),
    });
    const res = await call(req);
    const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    return {
      status: res.status,
      decision: typeof body?.decision === "string" ? body.decision : null,
      reason: typeof body?.reason === "string" ? body.reason : null,
      detail: typeof body?.detail === "string" ? body.detail : null,
      challenge: res.headers.get("www-authenticate"),
    };
  };

  /** Calls until `want` holds or the deadline passes; the clock starts when the change committed. */
  const pollUntil = async (token: string, committedAt: number, want: (r: CallResult) => boolean) => {
    let calls = 0;
    for (;;) {
      const r = await callAs(token);
      calls += 1;
      const elapsed = Math.round(performance.now() - committedAt);
      if (want(r)) return { ok: true, effectMs: elapsed, calls, last: r };
      if (elapsed >= DRILL_EFFECT_DEADLINE_MS) return { ok: false, effectMs: elapsed, calls, last: r };
      await sleep(POLL_MS);
    }
  };

  const step = async <T>(
    key: DrillStepKey,
    title: string,
    fn: () => Promise<{ value: T; ok: boolean; detail: string; extra?: Partial<DrillStep> }>,
  ): Promise<T> => {
    const startedAt = new Date();
    const t0 = performance.now();
    let outcome: { value: T | undefined; ok: boolean; detail: string; extra?: Partial<DrillStep> };
    try {
      outcome = await fn();
    } catch (err) {
      outcome = { value: undefined, ok: false, detail: failureText(err) };
    }
    steps.push({
      key,
      title,
      ok: outcome.ok,
      started_at: startedAt.toISOString(),
      finished_at: new Date().toISOString(),
      duration_ms: Math.round(performance.now() - t0),
      detail: outcome.detail,
      ...outcome.extra,
    });
    if (!outcome.ok) throw new StepFailed(title);
    return outcome.value as T;
  };

  const reasonText = `Revoke-and-restore drill ${report.id} run by ${actor.label}`;
  try {
    agent = await step("prepare", "Prepare the drill agent", async () => {
      let a = await ensureDrillAgent(prisma, actor, environment, target);
      let note = "";
      if (a.status !== "active") {
        // A drill that stopped half-way (or a person) left it revoked: start from a live agent.
        await setAgentStatus(prisma, actor, a.id, "active", `${reasonText}: reset before the drill`);
        a = await prisma.agent.findUniqueOrThrow({ where: { id: a.id } });
        note = " It was not active and has been restored first.";
      }
      return {
        value: a,
        ok: true,
        detail: `${a.name} (${a.clientId}) holds only ${drillScope(target)}; the drill calls ${target.server} · ${target.tool}.${note}`,
      };
    });

    const first = await step("issue", "Obtain an access token", async () => {
      const t = await issueAccessToken(prisma, agent!, {
        scopes: [drillScope(target)],
        resource: resourceUrlFor(DECISIONS_PATH),
        ttlSec: DRILL_TOKEN_TTL_SEC,
      });
      return {
        value: t,
        ok: true,
        detail: `The built-in issuer signed token ${t.jti}, valid ${t.expires_in} s.`,
        extra: { jti: t.jti },
      };
    });

    await step("baseline", "Prove a call is accepted", async () => {
      const r = await callAs(first.access_token);
      const ok = r.status === 200;
      return {
        value: r,
        ok,
        detail: ok
          ? acceptedText(r, agent!, target)
          : `Expected HTTP 200, got ${r.status}: ${r.detail ?? "no detail"}.`,
        extra: resultFields(r),
      };
    });

    const revokeCommittedAt = await step("revoke", "Revoke the agent", async () => {
      await setAgentStatus(prisma, actor, agent!.id, "revoked", reasonText);
      revoked = true;
      return {
        value: performance.now(),
        ok: true,
        detail: "The agent and every unexpired token it holds are revoked (audited as agent.revoke).",
      };
    });

    await step("refused", "Prove the next calls are refused", async () => {
      const p = await pollUntil(first.access_token, revokeCommittedAt, (r) => r.status === 401);
      revokeEffectMs = p.ok ? p.effectMs : null;
      const detail = p.ok
        ? `Refused with 401 ${p.effectMs} ms after the revocation committed (${p.calls} call${p.calls === 1 ? "" : "s"}): ${p.last.detail ?? "unauthorized"}`
        : `Still not refused ${p.effectMs} ms after the revocation (last answer HTTP ${p.last.status}); the limit is ${DRILL_EFFECT_DEADLINE_MS} ms.`;
      return {
        value: null,
        ok: p.ok,
        detail,
        extra: { ...resultFields(p.last), time_to_effect_ms: p.effectMs, calls: p.calls },
      };
    });

    const restoreCommittedAt = await step("restore", "Restore the agent", async () => {
      await setAgentStatus(prisma, actor, agent!.id, "active", `${reasonText}: restore`);
      restored = true;
      return {
        value: performance.now(),
        ok: true,
        detail: "The agent is active again (audited as agent.restore); tokens revoked with it stay revoked.",
      };
    });

    await step("old-token", "Prove the revoked token stays revoked", async () => {
      const r = await callAs(first.access_token);
      const ok = r.status === 401;
      return {
        value: null,
        ok,
        detail: ok
          ? `The stolen-token case: token ${first.jti} is still refused (401) after the restore.`
          : `Token ${first.jti} was accepted again (HTTP ${r.status}) after the restore.`,
        extra: resultFields(r),
      };
    });

    const second = await step("reissue", "Obtain a new access token", async () => {
      const t = await issueAccessToken(prisma, agent!, {
        scopes: [drillScope(target)],
        resource: resourceUrlFor(DECISIONS_PATH),
        ttlSec: DRILL_TOKEN_TTL_SEC,
      });
      return { value: t, ok: true, detail: `Token ${t.jti} issued to the restored agent.`, extra: { jti: t.jti } };
    });

    await step("allowed", "Prove calls pass again", async () => {
      const p = await pollUntil(second.access_token, restoreCommittedAt, (r) => r.status === 200);
      restoreEffectMs = p.ok ? p.effectMs : null;
      const detail = p.ok
        ? `Accepted ${p.effectMs} ms after the restore committed (${p.calls} call${p.calls === 1 ? "" : "s"}): ${p.last.decision} ${p.last.reason ?? ""}`.trim()
        : `Still refused ${p.effectMs} ms after the restore (HTTP ${p.last.status}: ${p.last.detail ?? "no detail"}).`;
      return {
        value: null,
        ok: p.ok,
        detail,
        extra: { ...resultFields(p.last), time_to_effect_ms: p.effectMs, calls: p.calls },
      };
    });
  } catch (err) {
    if (!(err instanceof StepFailed)) throw err;
  } finally {
    if (agent && revoked && !restored) {
      // Never leave the drill agent revoked because a later step failed.
      await setAgentStatus(prisma, actor, agent.id, "active", `${reasonText}: restore after a failed step`).catch((e) =>
        console.error("drill clean-up restore failed", e),
      );
    }
  }

  const passed = steps.length === 9 && steps.every((s) => s.ok);
  const failedStep = steps.find((s) => !s.ok);
  const summary = passed
    ? `Passed: revocation took effect in ${revokeEffectMs} ms and the restore in ${restoreEffectMs} ms (caches are bounded at ${REVOCATION_CACHE_MS} ms plus the call itself; the drill fails past ${DRILL_EFFECT_DEADLINE_MS} ms).`
    : `Failed at "${failedStep?.title ?? "unknown step"}": ${failedStep?.detail ?? ""}`;
  const finished = await prisma.$transaction(async (tx) => {
    const row = await tx.drillReport.update({
      where: { id: report.id },
      data: {
        status: passed ? "passed" : "failed",
        finishedAt: new Date(),
        agentId: agent?.id ?? null,
        agentClientId: agent?.clientId ?? "",
        revokeEffectMs,
        restoreEffectMs,
        steps: steps as never,
        summary,
      },
    });
    await writeAudit(tx, {
      actor,
      action: passed ? "drill.passed" : "drill.failed",
      target: { type: "drill", id: report.id },
      environment,
      data: {
        client_id: agent?.clientId ?? null,
        server: target.server,
        tool: target.tool,
        revoke_effect_ms: revokeEffectMs,
        restore_effect_ms: restoreEffectMs,
        summary,
      },
    });
    return row;
  });
  return drillReportView(finished);
}

/** One drill per environment at a time; a report left "running" by a stopped console is closed as failed. */
async function openReport(
  prisma: PrismaClient,
  actor: Actor,
  environment: Environment,
  target: DrillTarget,
): Promise<DrillReport> {
  return prisma.$transaction(async (tx) => {
    await lockKeyInTx(tx, "DRILL", ENVIRONMENTS.indexOf(environment));
    const cutoff = new Date(Date.now() - ABANDONED_AFTER_MS);
    await tx.drillReport.updateMany({
      where: { environment, status: "running", startedAt: { lt: cutoff } },
      data: {
        status: "failed",
        finishedAt: new Date(),
        summary: "Abandoned: the console stopped before the drill finished.",
      },
    });
    const running = await tx.drillReport.findFirst({ where: { environment, status: "running" } });
    if (running)
      throw Conflict(`A drill is already running in ${environment} (started by ${running.runBy}).`, "drill-running");
    const row = await tx.drillReport.create({
      data: {
        environment,
        status: "running",
        runById: actor.type === "user" || actor.type === "api_token" ? actor.id : null,
        runBy: actor.label,
        server: target.server,
        tool: target.tool,
      },
    });
    await writeAudit(tx, {
      actor,
      action: "drill.start",
      target: { type: "drill", id: row.id },
      environment,
      data: { server: target.server, tool: target.tool },
    });
    return row;
  });
}

function resultFields(r: CallResult): Partial<DrillStep> {
  return { http_status: r.status, decision: r.decision, reason: r.reason };
}

function acceptedText(r: CallResult, agent: Agent, target: DrillTarget): string {
  if (r.decision === "ALLOW")
    return `HTTP 200: the token was accepted and policy allowed the call (${r.reason ?? "allowed"}).`;
  return (
    `HTTP 200: the token was accepted; policy decided ${r.decision} (${r.reason}). Revocation acts before policy, so the drill holds. ` +
    `To exercise an ALLOW too, add a rule allowing agent.id ${agent.clientId} to read ${target.server}.`
  );
}

function failureText(err: unknown): string {
  if (err instanceof HttpProblem) return err.detail ?? err.title;
  console.error("drill step failed unexpectedly", err);
  return "Unexpected error; the console log has the details.";
}
