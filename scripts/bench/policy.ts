// Policy engine throughput: decisions per second for the seed policy and a generated
// 1,000-rule policy on a fixed mix of calls, against Cedar (@cedar-policy/cedar-wasm,
// nodejs build) deciding an equivalent Cedar policy set on the same calls in the same run.
//
// Cedar translation (fair: one authorization call per decision, policies preparsed):
// - ALLOW → permit, DENY → forbid, REQUIRE_APPROVAL → permit whose id is marked as an
//   approval rule. Cedar gives forbid > permit and default deny; an "allow" whose
//   determining policies include an approval permit becomes REQUIRE_APPROVAL (this
//   post-processing, the first-winner rule id and the constraint merge are plain JS, the
//   glue any Cedar-based console would need; our engine's figures include the same work).
// - labels → `context.<label> == "v"` or `like "glob*"` (Cedar's `*` has our glob
//   semantics), lists → `||`, absent agent labels → `context has …`,
//   deny_servers_not_in → `![…].contains(context.server)`, argument pointers →
//   `has` chains then `like`/`==`. The generated policy uses no {regex} matchers: Cedar
//   has no regex, so those could not be translated faithfully.
// Decisions of both engines are compared on every call of the mix before timing.
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import {
  compilePolicy,
  evaluate,
  mergeConstraints,
  parsePolicy,
  type Constraints,
  type Decision,
  type DecisionInput,
  type Policy,
  type Rule,
} from "@/lib/policy";
import { SEED_POLICY_YAML } from "@/lib/policy/seed-table";

const OUR_MS = 1500;
const CEDAR_MS = 3000;

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)];

// ---------- the generated 1,000-rule policy and the call mixes ----------

const SERVERS = Array.from({ length: 200 }, (_, i) => `svc-${i}`);
const TOOLS = [
  { tool: "get_item", action: "read", risk: "low" },
  { tool: "list_items", action: "read", risk: "low" },
  { tool: "create_item", action: "write", risk: "medium" },
  { tool: "delete_item", action: "write", risk: "high" },
  { tool: "admin_reset", action: "admin", risk: "high" },
] as const;

function generatedPolicy(): Policy {
  const rules: Rule[] = [];
  for (let i = 0; i < 999; i++) {
    const k = i % 200;
    const server = SERVERS[k];
    const id = `rule-${i}`;
    const kind = (i + Math.floor(i / 200) * 3) % 20; // each server gets rules of several kinds
    if (kind < 8)
      rules.push({
        id,
        match: { labels: { "mcp.server": server, "mcp.action": "read", "mcp.tool": kind % 2 ? "get_*" : "list_*" } },
        decision: "ALLOW",
        ...(kind === 3 && { constraints: { max_calls_per_minute: 60 + k } }),
      });
    else if (kind < 12)
      rules.push({
        id,
        match: { labels: { "mcp.server": server, "mcp.action": "write", "mcp.environment": "production" } },
        decision: "REQUIRE_APPROVAL",
        constraints: { max_runtime_sec: 30 + kind, approvals_required: 1 + (kind % 2) },
      });
    else if (kind < 14)
      rules.push({
        id,
        match: { labels: { "mcp.server": [server, SERVERS[(k + 1) % 200]], "mcp.tool": "*_reset" } },
        decision: "DENY",
      });
    else if (kind === 14)
      rules.push({
        id,
        match: { labels: { "agent.id": `agent-${k % 60}`, "mcp.server": "svc-1*" } },
        decision: "ALLOW",
      });
    else if (kind === 15)
      rules.push({
        id,
        match: { labels: { "mcp.risk": "high", "mcp.tool": "delete_*", "agent.owner": `team-${k % 60}` } },
        decision: "REQUIRE_APPROVAL",
        constraints: { approval_ttl_min: 30 + k },
      });
    else if (kind < 18)
      rules.push({
        id,
        match: { labels: { "mcp.server": server, "mcp.action": "write" }, arguments: { "/repo": `acme-${k % 10}/*` } },
        decision: "ALLOW",
        constraints: { max_runtime_sec: 120 },
      });
    else if (kind === 18)
      rules.push({
        id,
        match: { labels: { "mcp.server": server, "mcp.environment": "development" }, arguments: { "/limit": 1000 } },
        decision: "DENY",
      });
    else
      rules.push({
        id,
        match: { labels: { "mcp.server": server, "mcp.action": ["read", "write"], "mcp.risk": "low" } },
        decision: "ALLOW",
      });
  }
  rules.push({
    id: "deny-unregistered",
    match: { labels: { "mcp.server": "*" }, mcp: { deny_servers_not_in: SERVERS } },
    decision: "DENY",
  });
  return { version: "v1", rules };
}

function generatedCalls(count: number): DecisionInput[] {
  const random = prng(1000);
  return Array.from({ length: count }, () => {
    const { tool, action, risk } = pick(random, TOOLS);
    const r = random();
    return {
      environment: r < 0.7 ? "production" : r < 0.85 ? "staging" : "development",
      server: `svc-${Math.floor(random() * 220)}`,
      tool,
      action,
      risk,
      agentId: `agent-${Math.floor(random() * 80)}`,
      agentOwner: `team-${Math.floor(random() * 80)}`,
      arguments: pick(random, [{}, { repo: `acme-${Math.floor(random() * 12)}/web` }, { limit: 1000 }, { repo: 7 }]),
    };
  });
}

function seedCalls(count: number): DecisionInput[] {
  const random = prng(7);
  const servers = ["github", "jira", "snowflake", "slack", "notion", "confluence"];
  return Array.from({ length: count }, () => {
    const { tool, action, risk } = pick(random, TOOLS);
    return {
      environment: "production",
      server: pick(random, servers),
      tool,
      action,
      risk,
      agentId: `agent-${Math.floor(random() * 20)}`,
      agentOwner: "team-1",
      arguments: {},
    };
  });
}

// ---------- Cedar translation and decision ----------

const CONTEXT_KEY: Record<string, string> = {
  "mcp.server": "server",
  "mcp.tool": "tool",
  "mcp.action": "action",
  "mcp.risk": "risk",
  "mcp.environment": "environment",
  "agent.id": "agent_id",
  "agent.owner": "agent_owner",
};
const str = (s: string) => JSON.stringify(s);
const test = (expr: string, pattern: string) =>
  pattern.includes("*") ? `${expr} like ${str(pattern)}` : `${expr} == ${str(pattern)}`;
const anyOf = (expr: string, value: string | string[]) =>
  `(${(typeof value === "string" ? [value] : value).map((p) => test(expr, p)).join(" || ")})`;

function cedarCondition(rule: Rule): string {
  const parts: string[] = [];
  for (const [label, value] of Object.entries(rule.match.labels ?? {})) {
    const key = CONTEXT_KEY[label];
    parts.push(
      label.startsWith("agent.")
        ? `(context has ${key} && ${anyOf(`context.${key}`, value)})`
        : anyOf(`context.${key}`, value),
    );
  }
  const notIn = rule.match.mcp?.deny_servers_not_in;
  if (notIn) parts.push(`!([${notIn.map(str).join(", ")}].contains(context.server))`);
  for (const [pointer, expected] of Object.entries(rule.match.arguments ?? {})) {
    let expr = "context.arguments";
    for (const token of pointer.split("/").slice(1)) {
      parts.push(`${expr} has ${str(token)}`);
      expr = `${expr}[${str(token)}]`;
    }
    parts.push(typeof expected === "string" ? test(expr, expected) : `${expr} == ${JSON.stringify(expected)}`);
  }
  return parts.length === 0 ? "true" : parts.join(" && ");
}

interface CedarMeta {
  index: number;
  decision: Decision;
  constraints: Constraints;
}

function cedarPolicySet(policy: Policy): { policies: Record<string, string>; meta: Map<string, CedarMeta> } {
  const policies: Record<string, string> = {};
  const meta = new Map<string, CedarMeta>();
  policy.rules.forEach((rule, index) => {
    const effect = rule.decision === "DENY" ? "forbid" : "permit";
    policies[rule.id] = `${effect}(principal, action, resource) when { ${cedarCondition(rule)} };`;
    meta.set(rule.id, { index, decision: rule.decision, constraints: rule.constraints ?? {} });
  });
  return { policies, meta };
}

function cedarDecide(
  setId: string,
  meta: Map<string, CedarMeta>,
  call: DecisionInput,
): { decision: Decision; ruleId: string | null; constraints: Constraints } {
  const answer = cedar.statefulIsAuthorized({
    principal: { type: "Agent", id: call.agentId ?? "anonymous" },
    action: { type: "Action", id: "call" },
    resource: { type: "Tool", id: `${call.server}/${call.tool}` },
    context: {
      server: call.server,
      tool: call.tool,
      action: call.action,
      risk: call.risk,
      environment: call.environment,
      ...(call.agentId !== undefined && { agent_id: call.agentId }),
      ...(call.agentOwner !== undefined && { agent_owner: call.agentOwner }),
      arguments: call.arguments as cedar.CedarValueJson,
    },
    preparsedPolicySetId: setId,
    entities: [],
  });
  if (answer.type !== "success") throw new Error(JSON.stringify(answer.errors));
  const reasons = answer.response.diagnostics.reason.map((id) => meta.get(id) as CedarMeta & { id?: string });
  if (reasons.length === 0) return { decision: "DENY", ruleId: null, constraints: {} };
  const decision: Decision =
    answer.response.decision === "deny"
      ? "DENY"
      : reasons.some((r) => r.decision === "REQUIRE_APPROVAL")
        ? "REQUIRE_APPROVAL"
        : "ALLOW";
  const ids = answer.response.diagnostics.reason;
  let first = -1;
  const winners: Constraints[] = [];
  reasons.forEach((r, k) => {
    if (r.decision !== decision) return;
    winners.push(r.constraints);
    if (first < 0 || r.index < (meta.get(ids[first]) as CedarMeta).index) first = k;
  });
  return { decision, ruleId: ids[first], constraints: mergeConstraints(winners) };
}

// ---------- timing ----------

function perSecond(
  calls: readonly DecisionInput[],
  decide: (call: DecisionInput) => { decision: Decision },
  ms: number,
): number {
  let sink = 0;
  const warmUntil = performance.now() + Math.min(300, ms / 5);
  for (let i = 0; performance.now() < warmUntil; i++) sink += decide(calls[i % calls.length]).decision.length;
  let done = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (const call of calls) sink += decide(call).decision.length;
    done += calls.length;
    elapsed = performance.now() - start;
  }
  if (sink < 0) console.log(sink);
  return Math.round(done / (elapsed / 1000));
}

const sorted = (c: Constraints) => JSON.stringify(Object.entries(c).sort());

function scenario(name: string, policy: Policy, calls: DecisionInput[]): { ours: number; cedar: number } {
  const compiled = compilePolicy(policy);
  const { policies, meta } = cedarPolicySet(policy);
  const prepared = cedar.preparsePolicySet(name, { staticPolicies: policies });
  if (prepared.type !== "success")
    throw new Error(`Cedar refused the ${name} translation: ${JSON.stringify(prepared.errors)}`);
  let disagreements = 0;
  const tally: Record<string, number> = {};
  for (const call of calls) {
    const a = evaluate(compiled, call);
    const b = cedarDecide(name, meta, call);
    tally[a.decision] = (tally[a.decision] ?? 0) + 1;
    if (a.decision !== b.decision || a.ruleId !== b.ruleId || sorted(a.constraints) !== sorted(b.constraints))
      disagreements++;
  }
  if (disagreements > 0)
    throw new Error(`${name}: Cedar and the engine disagree on ${disagreements} of ${calls.length} calls`);
  const ours = perSecond(calls, (call) => evaluate(compiled, call), OUR_MS);
  const cedarRate = perSecond(calls, (call) => cedarDecide(name, meta, call), CEDAR_MS);
  console.log(
    `${name.padEnd(10)} ${policy.rules.length} rules, ${calls.length} calls (${Object.entries(tally)
      .map(([d, n]) => `${d} ${n}`)
      .join(", ")}), Cedar agrees on all`,
  );
  console.log(
    `           engine ${ours.toLocaleString("en")} decisions/s · Cedar ${cedarRate.toLocaleString("en")} decisions/s · ratio ${(ours / cedarRate).toFixed(1)}×`,
  );
  return { ours, cedar: cedarRate };
}

function main(): void {
  const seed = parsePolicy(SEED_POLICY_YAML);
  if (!seed.ok) throw new Error("the seed policy must parse");
  console.log(`policy engine bench · node ${process.version} · Cedar ${cedar.getCedarVersion()}`);
  const s = scenario("seed", seed.policy, seedCalls(1024));
  const g = scenario("rules1000", generatedPolicy(), generatedCalls(4096));
  const ratio = (a: number, b: number) => Math.round((a / b) * 10) / 10;
  console.log(
    JSON.stringify({
      seed_per_s: s.ours,
      rules1000_per_s: g.ours,
      cedar_seed_per_s: s.cedar,
      cedar_1000_per_s: g.cedar,
      cedar_ratio_seed: ratio(s.ours, s.cedar),
      cedar_ratio_1000: ratio(g.ours, g.cedar),
    }),
  );
}

main();
