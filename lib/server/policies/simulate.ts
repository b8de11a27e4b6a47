import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import {
  compilePolicy,
  evaluate,
  type ActionClass,
  type CompiledPolicy,
  type Environment,
  type Risk,
  type Decision,
  type TraceEntry,
} from "@/lib/policy";
import type { SimulateBody } from "@/lib/schemas/policies";
import { getCurrentPolicy } from "./current-policy";
import { parseOrRefuse } from "./policy-store";

export interface SimulationResult {
  decision: Decision;
  outcome: string;
  rule_id: string | null;
  reason: string;
  constraints: Record<string, unknown>;
  trace: TraceEntry[];
  action: ActionClass | null;
  risk: Risk | null;
  policy: { version: number | null; hash: string } | null;
}

/** Runs calls through a draft (when given) or the current snapshot, with the full trace. */
export async function simulate(
  prisma: PrismaClient,
  environment: Environment,
  body: SimulateBody,
): Promise<{ results: SimulationResult[] }> {
  let compiled: CompiledPolicy | null;
  let policyRef: SimulationResult["policy"];
  if (body.policy !== undefined) {
    const parsed = parseOrRefuse(body.policy);
    compiled = compilePolicy(parsed.policy);
    policyRef = { version: null, hash: parsed.hash };
  } else {
    const current = await getCurrentPolicy(prisma, environment);
    compiled = current?.compiled ?? null;
    policyRef = current ? { version: current.version, hash: current.hash } : null;
  }
  const needCatalog = body.calls.filter((c) => !c.action || !c.risk);
  const tools = needCatalog.length
    ? await prisma.tool.findMany({
        where: { server: { environment, name: { in: [...new Set(needCatalog.map((c) => c.server))] } } },
        select: { name: true, action: true, risk: true, server: { select: { name: true } } },
      })
    : [];
  const byKey = new Map(tools.map((t) => [`${t.server.name}\u0000${t.name}`, t]));
  const agentIds = [...new Set(body.calls.filter((c) => c.agent && c.agent_owner === undefined).map((c) => c.agent!))];
  const owners = new Map(
    agentIds.length
      ? (
          await prisma.agent.findMany({
            where: { clientId: { in: agentIds } },
            select: { clientId: true, owner: true },
          })
        ).map((a) => [a.clientId, a.owner])
      : [],
  );

  const results = body.calls.map((call): SimulationResult => {
    const known = call.tool ? byKey.get(`${call.server}\u0000${call.tool}`) : undefined;
    const action = (call.action ?? known?.action ?? null) as ActionClass | null;
    // Without a catalog entry, risk defaults as MCP annotations do: read → low, otherwise medium.
    const risk = (call.risk ??
      known?.risk ??
      (call.action ? (call.action === "read" ? "low" : "medium") : null)) as Risk | null;
    if (!action || !risk) {
      return deny(call.tool ? "unknown_tool" : "unknown_server_or_tool", action, risk, policyRef);
    }
    if (!compiled) return deny("no_policy_published", action, risk, policyRef);
    const value = evaluate(
      compiled,
      {
        environment,
        server: call.server,
        tool: call.tool ?? "*",
        action,
        risk,
        agentId: call.agent,
        agentOwner: call.agent_owner ?? (call.agent ? owners.get(call.agent) : undefined),
        arguments: call.arguments ?? {},
      },
      { trace: true },
    );
    return {
      decision: value.decision,
      outcome: value.outcome,
      rule_id: value.ruleId,
      reason: value.reason,
      constraints: value.constraints as Record<string, unknown>,
      trace: value.trace ?? [],
      action,
      risk,
      policy: policyRef,
    };
  });
  return { results };
}

function deny(
  reason: string,
  action: ActionClass | null,
  risk: Risk | null,
  policy: SimulationResult["policy"],
): SimulationResult {
  return { decision: "DENY", outcome: "DENY", rule_id: null, reason, constraints: {}, trace: [], action, risk, policy };
}
