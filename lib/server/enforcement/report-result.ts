import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { inspectOutput } from "@/lib/output-safety";
import type { ToolResultInput } from "@/lib/schemas/decisions";
import { writeAudit } from "../audit";
import { Conflict, NotFound } from "../errors";
import type { AgentPrincipal } from "../identity/token-guard";
import { upsertResultRollup } from "../metrics/rollups";
import { prepareVerdict, verdictAnswer, writeVerdict } from "../output-safety/record-verdict";
import { getOutputSafetySettings, inspectOptionsOf } from "../output-safety/settings";

export function isHighRiskWrite(action: string | null, risk: string | null): boolean {
  return (action === "write" || action === "admin") && risk === "high";
}

/**
 * POST /api/v1/decisions/{id}/result: records how the call went (latency metrics) and runs
 * output safety on what the tool returned. A result for a call that was not allowed is an
 * unapproved execution, and so is a high-risk write that ran without a consumed approval;
 * either trips the unapproved-writes gate when the tool is a high-risk write.
 */
export async function reportResult(prisma: PrismaClient, agent: AgentPrincipal, decisionId: string, input: ToolResultInput) {
  const decision = await prisma.decisionRecord.findUnique({ where: { id: decisionId } });
  if (!decision || decision.clientId !== agent.clientId) throw NotFound("The decision");
  const settings = await getOutputSafetySettings(prisma);
  const verdict = input.output === undefined ? { action: "ALLOW" as const, output: undefined, findings: [] } : inspectOutput(input.output, inspectOptionsOf(settings));
  const highRiskWrite = isHighRiskWrite(decision.action, decision.risk);
  // SPEC §7: a high-risk write is approved only through a consumed approval, even where policy allows it outright.
  const unapproved = decision.decision !== "ALLOW" || (highRiskWrite && decision.approvalId === null);
  const prepared = prepareVerdict(
    { source: "result", environment: decision.environment, caller: { type: "agent", agentId: agent.agentId, clientId: agent.clientId }, decisionId, server: decision.server, tool: decision.tool },
    input.output,
    verdict,
    settings,
  );
  const { quarantineId } = await prisma.$transaction(async (tx) => {
    if (await tx.toolResult.findUnique({ where: { decisionId } })) throw Conflict("A result was already reported for this decision.", "result-exists");
    await tx.toolResult.create({
      data: {
        decisionId,
        environment: decision.environment,
        clientId: decision.clientId,
        server: decision.server,
        tool: decision.tool,
        action: decision.action,
        risk: decision.risk,
        status: input.status,
        durationMs: input.duration_ms,
        safetyAction: verdict.action,
        findings: verdict.findings.map((f) => ({ kind: f.kind, path: f.path })) as Prisma.InputJsonValue,
        unapproved,
        highRiskWrite,
      },
    });
    await upsertResultRollup(tx, { environment: decision.environment, server: decision.server, action: decision.action, status: input.status, durationMs: input.duration_ms, safetyAction: verdict.action, unapproved, highRiskWrite });
    if (unapproved) {
      await writeAudit(tx, {
        actor: { type: "agent", id: agent.agentId, label: agent.clientId },
        action: highRiskWrite ? "execution.unapproved_high_risk_write" : "execution.unapproved",
        environment: decision.environment,
        target: { type: "decision", id: decisionId },
        data: { server: decision.server, tool: decision.tool, decision: decision.decision, reason: decision.reason },
      });
    }
    // The quarantined output or false-negative sample commits with the result row, or neither does.
    return writeVerdict(tx, prepared);
  });
  return { ...verdictAnswer(verdict, quarantineId), unapproved_execution: unapproved };
}
