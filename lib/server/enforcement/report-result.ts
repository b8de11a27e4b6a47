import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { inspectOutput } from "@/lib/output-safety";
import type { Environment } from "@/lib/policy";
import type { ToolResultInput } from "@/lib/schemas/decisions";
import { writeAudit } from "../audit";
import { Conflict, NotFound } from "../errors";
import type { AgentPrincipal } from "../identity/token-guard";
import { hotSqlOf } from "../db";
import { insertResultWithRollups, type ResultFacts } from "../metrics/rollups";
import { onlyCounts, prepareVerdict, verdictAnswer, writeVerdict } from "../output-safety/record-verdict";
import { prismaQuery } from "./decision-writer";
import { writeResultBehind } from "./result-writer";
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
export async function reportResult(
  prisma: PrismaClient,
  agent: AgentPrincipal,
  decisionId: string,
  input: ToolResultInput,
  known?: DecisionFacts,
  opts: { writeBehind?: boolean } = {},
) {
  const hot = hotSqlOf(prisma);
  // The gateway hands over the facts of the decision it has just written (one read fewer); the API reads them.
  const decision = known ?? (await decisionFacts(prisma, decisionId));
  if (!decision || decision.clientId !== agent.clientId) throw NotFound("The decision");
  const settings = await getOutputSafetySettings(prisma);
  const verdict =
    input.output === undefined
      ? { action: "ALLOW" as const, output: undefined, findings: [] }
      : inspectOutput(input.output, inspectOptionsOf(settings));
  const highRiskWrite = isHighRiskWrite(decision.action, decision.risk);
  // docs/gates-and-readiness.md#gates: a high-risk write is approved only through a consumed approval, even where policy allows it outright.
  const unapproved = decision.decision !== "ALLOW" || (highRiskWrite && decision.approvalId === null);
  const prepared = prepareVerdict(
    {
      source: "result",
      environment: decision.environment,
      caller: { type: "agent", agentId: agent.agentId, clientId: agent.clientId },
      decisionId,
      server: decision.server,
      tool: decision.tool,
    },
    input.output,
    verdict,
    settings,
  );
  const facts: ResultFacts = {
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
    findings: verdict.findings.map((f) => ({ kind: f.kind, path: f.path })),
    unapproved,
    highRiskWrite,
  };
  const answer = (quarantineId?: string) => ({
    ...verdictAnswer(verdict, quarantineId),
    unapproved_execution: unapproved,
  });
  const conflict = () => Conflict("A result was already reported for this decision.", "result-exists");
  // The common case — an allowed call whose output needs nothing stored — is one statement,
  // committed without waiting for the WAL flush: what a database crash could lose of it is a
  // latency and a verdict count. The decision it belongs to is durable already, and unapproved
  // executions, quarantined outputs and samples (below) are always flushed before the answer.
  // The gateway, which reports each of its decisions exactly once, writes it behind its answer.
  if (hot && !unapproved && onlyCounts(prepared)) {
    if (opts.writeBehind) writeResultBehind(hot.asyncCommit, facts);
    else if (!(await insertResultWithRollups(hot.asyncCommit, facts))) throw conflict();
    return answer();
  }
  const { quarantineId } = await prisma.$transaction(async (tx) => {
    if (!(await insertResultWithRollups(prismaQuery(tx), facts))) throw conflict();
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
    return writeVerdict(tx, prepared, { counted: true });
  });
  return answer(quarantineId);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a result needs of its decision (the stored row's values). */
export interface DecisionFacts {
  clientId: string;
  environment: Environment;
  server: string;
  tool: string;
  action: string | null;
  risk: string | null;
  decision: string;
  reason: string;
  approvalId: string | null;
}

/** The facts of a decision row as decideCall writes it: the same values the read below returns. */
export function decisionFactsOf(row: {
  clientId: string;
  environment: string;
  server: string;
  tool: string;
  action?: string | null;
  risk?: string | null;
  decision: string;
  reason: string;
  approvalId?: string | null;
}): DecisionFacts {
  return {
    clientId: row.clientId,
    environment: row.environment as Environment,
    server: row.server,
    tool: row.tool,
    action: row.action ?? null,
    risk: row.risk ?? null,
    decision: row.decision,
    reason: row.reason,
    approvalId: row.approvalId ?? null,
  };
}

/** What a result needs of its decision, read through the driver when there is one. */
export async function decisionFacts(prisma: PrismaClient, decisionId: string): Promise<DecisionFacts | null> {
  if (!UUID.test(decisionId)) return null;
  const hot = hotSqlOf(prisma);
  if (!hot) {
    return prisma.decisionRecord.findUnique({
      where: { id: decisionId },
      select: {
        clientId: true,
        environment: true,
        server: true,
        tool: true,
        action: true,
        risk: true,
        decision: true,
        reason: true,
        approvalId: true,
      },
    });
  }
  const [row] = await hot.query(
    `SELECT "clientId", environment::text AS environment, server, tool, action, risk, decision, reason, "approvalId"::text AS "approvalId" FROM decisions WHERE id = $1::uuid`,
    [decisionId],
  );
  return (row as unknown as DecisionFacts | undefined) ?? null;
}
