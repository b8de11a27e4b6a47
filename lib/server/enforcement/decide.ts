import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import "../native-hash";
import { evaluate } from "@/lib/policy";
import type { DecisionRequest } from "@/lib/schemas/decisions";
import type { RequestHead } from "../handler";
import { lookupCatalog, type CatalogLookup, type CatalogTool } from "../catalog/catalog-view";
import { scopeProblem, type AgentPrincipal } from "../identity/token-guard";
import { countAuthFailure } from "../metrics/rollups";
import { environmentView, type LoadedPolicy } from "../policies/current-policy";
import { bindApproval } from "./bind-approval";
import { denyWith, type DecisionResult, type Refusal, type Replay, type Verdict } from "./decision";
import { describeCall, decisionRow, recordDecision, replayOf, type CallUnderDecision } from "./decision-row";
import { priorAnswer } from "./decision-writer";
import { SPAN, spanUntil, startSpan, type TraceContext } from "../telemetry/spans";

export interface DecideOptions {
  /** performance.now() when the request arrived. */
  started: number;
  /** The HTTP request, for the request id of a refusal and the failure counts' labels. */
  req?: RequestHead;
  /** An allowed read may be answered before its row is durable (the gateway; see Decision.durable). */
  overlapReads?: boolean;
  /** The decision's span (tracing on): policy evaluation and the durable write are its children. */
  trace?: TraceContext;
}

/**
 * The order of checks for one agent call (docs/order-of-checks.md). Step 1, authenticate, has run already: in
 * decision-http.ts for POST /api/v1/decisions, on the MCP session for the gateway. The answer is a
 * value; only the HTTP edge and the gateway turn it into status codes or JSON-RPC errors. A
 * database failure rejects, and each edge answers it as DENY audit_unavailable (fail closed).
 */
export async function decide(
  prisma: PrismaClient,
  agent: AgentPrincipal,
  request: DecisionRequest,
  opts: DecideOptions,
): Promise<DecisionResult> {
  const call = describeCall(agent, request, opts.started);
  // A repeat of an idempotency key gets the first answer to it.
  const replay = await idempotentReplay(prisma, call);
  if (replay) return replay;
  const catalog = await lookupCatalog(prisma, call.environment, request.server, request.tool);
  // 2. scope: the token holds mcp:<server>:<class> for the catalogued tool's class.
  const refusal = checkScope(prisma, call, catalog, opts.req);
  if (refusal) return refusal;
  const view = await environmentView(prisma, call.environment);
  const checked = { tool: catalog.tool ?? null, policy: view.policy };
  // 3. catalog and environment, 4. kill switch, 5. policy: the first that decides.
  const verdict =
    checkCatalog(catalog) ??
    checkKillSwitch(view.killSwitch, catalog.tool) ??
    evaluatePolicy(view.policy, catalog.tool, call, opts.trace);
  // 6. approval binding, with 7 (the record) in the same transaction as the approval.
  if (verdict.decision === "REQUIRE_APPROVAL" && checked.tool && checked.policy)
    return spanUntil(
      SPAN.write,
      opts.trace,
      bindApproval(prisma, call, { tool: checked.tool, policy: checked.policy }, verdict),
    );
  // 7. audit: the row is durable before the answer; an allowed read through the gateway may overlap
  // its upstream call with the write (without an idempotency key the write can only succeed or fail).
  const overlap =
    opts.overlapReads === true &&
    verdict.decision === "ALLOW" &&
    checked.tool?.action === "read" &&
    !request.idempotency_key;
  return spanUntil(SPAN.write, opts.trace, recordDecision(prisma, decisionRow(call, checked, verdict, null), overlap));
}

async function idempotentReplay(prisma: PrismaClient, call: CallUnderDecision): Promise<Replay | null> {
  const key = call.request.idempotency_key;
  if (!key) return null;
  const prior = await priorAnswer(prisma, call.agent.clientId, key);
  return prior ? replayOf(prior) : null;
}

/** The token must hold mcp:<server>:<class> for a catalogued tool's class (403 otherwise, counted). */
function checkScope(
  prisma: PrismaClient,
  call: CallUnderDecision,
  catalog: CatalogLookup,
  req: RequestHead | undefined,
): Refusal | null {
  if (!catalog.tool) return null;
  const problem = scopeProblem(call.agent, call.request.server, catalog.tool.action);
  if (!problem) return null;
  countAuthFailure(problem, req ?? null, prisma, call.environment);
  return { kind: "refused", problem };
}

/** Server and tool catalogued and active in the token's environment (environment_mismatch, unknown_…, suspended). */
function checkCatalog(catalog: CatalogLookup): Verdict | null {
  return catalog.ok ? null : denyWith(catalog.reason);
}

function checkKillSwitch(killSwitch: string, tool: CatalogTool | undefined): Verdict | null {
  if (killSwitch === "all" || (killSwitch === "writes" && tool?.action !== "read")) return denyWith("kill_switch");
  return null;
}

function evaluatePolicy(
  policy: LoadedPolicy | null,
  tool: CatalogTool | undefined,
  call: CallUnderDecision,
  trace: TraceContext,
): Verdict {
  if (!policy || !tool) return denyWith("no_policy");
  const evaluating = startSpan(SPAN.policy, trace);
  const value = evaluate(
    policy.compiled,
    {
      environment: call.environment,
      server: call.request.server,
      tool: call.request.tool,
      action: tool.action,
      risk: tool.risk,
      agentId: call.agent.clientId,
      agentOwner: call.agent.owner,
      arguments: call.args,
    },
    { trace: call.request.trace === true },
  );
  evaluating?.end();
  return {
    decision: value.decision,
    outcome: value.outcome,
    ruleId: value.ruleId,
    reason: value.reason,
    constraints: value.constraints,
    trace: value.trace,
  };
}
