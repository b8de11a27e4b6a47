import "server-only";
import { lockKeyInTx } from "../advisory-locks";
import type { DrillReport, PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/generated/prisma/enums";
import { ENVIRONMENTS } from "@/lib/schemas/identity";
import { writeAudit, type Actor } from "../audit";
import { Conflict } from "../errors";
import { postDecision } from "../enforcement/decision-http";
import { REVOCATION_CACHE_MS } from "../identity/agent-state";
import { drillTarget, type DrillTarget } from "./drill-agent";
import { DRILL_EFFECT_DEADLINE_MS, type DrillCall, DrillRun, StepFailed } from "./drill-run";
import { drillReportView } from "./drill-reports";

/** A "running" report older than this belongs to a console that stopped mid-drill. */
const ABANDONED_AFTER_MS = 2 * 60_000;

export { DRILL_EFFECT_DEADLINE_MS, type DrillCall, type DrillStep, type DrillStepKey } from "./drill-run";

/**
 * The guided revoke-and-restore drill (docs/operations.md#drills): on the environment's drill agent, the console
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
  const run = new DrillRun(prisma, actor, environment, target, report.id, call);
  try {
    await run.run();
  } catch (err) {
    if (!(err instanceof StepFailed)) throw err;
  } finally {
    await run.cleanUp();
  }
  return finishReport(prisma, actor, environment, target, report.id, run);
}

/** The report and its audit event, in one transaction. */
async function finishReport(
  prisma: PrismaClient,
  actor: Actor,
  environment: Environment,
  target: DrillTarget,
  reportId: string,
  run: DrillRun,
) {
  const { steps, agent, revokeEffectMs, restoreEffectMs } = run;
  const passed = steps.length === 9 && steps.every((s) => s.ok);
  const failedStep = steps.find((s) => !s.ok);
  const summary = passed
    ? `Passed: revocation took effect in ${revokeEffectMs} ms and the restore in ${restoreEffectMs} ms (caches are bounded at ${REVOCATION_CACHE_MS} ms plus the call itself; the drill fails past ${DRILL_EFFECT_DEADLINE_MS} ms).`
    : `Failed at "${failedStep?.title ?? "unknown step"}": ${failedStep?.detail ?? ""}`;
  const finished = await prisma.$transaction(async (tx) => {
    const row = await tx.drillReport.update({
      where: { id: reportId },
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
      target: { type: "drill", id: reportId },
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
