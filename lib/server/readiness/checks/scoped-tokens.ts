import "server-only";
import { allOf, listNames, plural, someOf } from "@/lib/readiness/checklist";
import { SCOPE } from "@/lib/schemas/identity";
import { checkResult, type Check } from "../context";

/**
 * scoped-tokens: every active agent's scopes have the form mcp:<server|*>:<class>, name a server
 * catalogued in the agent's environment, and a class that server (or, for *, some server) has a
 * tool of. A scope for a class the catalog lacks is a token broader than any job needs.
 */
export const scopedTokensCheck: Check = async (ctx) => {
  const [agents, servers] = await Promise.all([
    ctx.prisma.agent.findMany({
      where: { environment: ctx.environment, status: "active" },
      select: { id: true, clientId: true, name: true, scopes: true },
      orderBy: { name: "asc" },
    }),
    ctx.prisma.server.findMany({
      where: { environment: ctx.environment },
      select: { name: true, tools: { select: { action: true } } },
    }),
  ]);
  if (agents.length === 0)
    return checkResult(ctx, "scoped-tokens", "NO_DATA", `No active agent is registered in ${ctx.environment}.`);
  const classesOf = new Map(servers.map((s) => [s.name, new Set(s.tools.map((t) => t.action))]));
  const anyClass = new Set(servers.flatMap((s) => s.tools.map((t) => t.action)));

  const problemsOf = (scope: string): string | null => {
    const m = SCOPE.exec(scope);
    if (!m) return "is not mcp:<server>:<class>";
    const [, server, cls] = m;
    if (server === "*") return anyClass.has(cls) ? null : `no server in ${ctx.environment} has a ${cls} tool`;
    const classes = classesOf.get(server);
    if (!classes) return `${server} is not catalogued in ${ctx.environment}`;
    return classes.has(cls) ? null : `${server} has no ${cls} tool`;
  };
  const details = agents.map((a) => {
    const problems = a.scopes.map((scope) => ({ scope, problem: problemsOf(scope) })).filter((p) => p.problem !== null);
    return { agent: a.name, client_id: a.clientId, agent_id: a.id, scopes: a.scopes, problems };
  });
  const bad = details.filter((d) => d.problems.length > 0);
  const scopeCount = agents.reduce((n, a) => n + a.scopes.length, 0);
  if (bad.length) {
    const named = bad.map((d) => `${d.agent} holds ${d.problems.map((p) => `${p.scope} (${p.problem})`).join(", ")}`);
    return checkResult(
      ctx,
      "scoped-tokens",
      "FAIL",
      `${someOf(bad.length, agents.length, "agents", "holds", "hold")} scopes that map to no catalogued tool class: ${listNames(named, 2)}.`,
      details,
    );
  }
  return checkResult(
    ctx,
    "scoped-tokens",
    "PASS",
    `${allOf(scopeCount, "scope")} of ${plural(agents.length, "active agent")} name${scopeCount === 1 ? "s" : ""} a server and a tool class catalogued in ${ctx.environment}.`,
    details,
  );
};
