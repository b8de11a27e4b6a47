import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hasScope } from "@/lib/auth/scopes";
import { compilePolicy, evaluate, type CompiledPolicy, type Environment, type Policy } from "@/lib/policy";
import { lookupCatalog, type CatalogTool } from "../catalog/catalog-view";
import type { AgentPrincipal } from "../identity/token-guard";
import { environmentView } from "../policies/current-policy";

/**
 * The policy with argument matchers relaxed: rules that ALLOW or REQUIRE_APPROVAL on some
 * arguments match whatever the arguments are, and DENY rules that depend on arguments are
 * dropped. If even this policy denies a tool, every possible call of it is DENY.
 */
export function relaxArguments(policy: Policy): Policy {
  const hasArgs = (r: Policy["rules"][number]) =>
    r.match.arguments !== undefined && Object.keys(r.match.arguments).length > 0;
  return {
    version: policy.version,
    rules: policy.rules
      .filter((r) => !(r.decision === "DENY" && hasArgs(r)))
      .map((r) => {
        if (!hasArgs(r)) return r;
        const { arguments: _dropped, ...match } = r.match;
        return { ...r, match };
      }),
  };
}

const relaxedByPolicy = new WeakMap<CompiledPolicy, CompiledPolicy>();

function relaxed(compiled: CompiledPolicy): CompiledPolicy {
  let r = relaxedByPolicy.get(compiled);
  if (!r) relaxedByPolicy.set(compiled, (r = compilePolicy(relaxArguments(compiled.policy))));
  return r;
}

/** Whether some call of this tool by this agent could be ALLOWed (at once or after approval) under `compiled`. */
export function policyCouldAllow(
  compiled: CompiledPolicy,
  agent: AgentPrincipal,
  server: string,
  tool: CatalogTool,
): boolean {
  const value = evaluate(relaxed(compiled), {
    environment: agent.environment as Environment,
    server,
    tool: tool.name,
    action: tool.action,
    risk: tool.risk,
    agentId: agent.clientId,
    agentOwner: agent.owner,
    arguments: {},
  });
  return value.decision !== "DENY";
}

/**
 * tools/list keeps a tool only when the agent could ever be allowed to call it: catalogued and
 * active in the agent's environment, in the token's scopes, and not DENY for every call under
 * the current policy (the kill switch is an incident measure and does not hide tools).
 */
export async function visibleTools(
  prisma: PrismaClient,
  agent: AgentPrincipal,
  server: string,
  toolNames: string[],
): Promise<Map<string, CatalogTool>> {
  const environment = agent.environment as Environment;
  const { policy } = await environmentView(prisma, environment);
  const out = new Map<string, CatalogTool>();
  if (!policy) return out;
  for (const name of toolNames) {
    const found = await lookupCatalog(prisma, environment, server, name);
    if (!found.ok) continue;
    if (!hasScope(agent.scopes, server, found.tool.action)) continue;
    if (!policyCouldAllow(policy.compiled, agent, server, found.tool)) continue;
    out.set(name, found.tool);
  }
  return out;
}

/**
 * Resources, prompts and completions are reads of the server: they pass through when the token
 * holds `mcp:<server>:read` and policy could allow the agent at least one of the server's tools.
 */
export async function serverAllowedForReads(
  prisma: PrismaClient,
  agent: AgentPrincipal,
  server: string,
): Promise<boolean> {
  if (!hasScope(agent.scopes, server, "read")) return false;
  const environment = agent.environment as Environment;
  const { policy } = await environmentView(prisma, environment);
  if (!policy) return false;
  const found = await lookupCatalog(prisma, environment, server, "");
  if (found.ok || found.reason !== "unknown_tool" || !found.server) return false;
  for (const tool of found.server.tools.values()) {
    if (hasScope(agent.scopes, server, tool.action) && policyCouldAllow(policy.compiled, agent, server, tool))
      return true;
  }
  return false;
}
