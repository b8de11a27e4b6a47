import { describe, expect, it } from "vitest";
import { compilePolicy, parsePolicy } from "@/lib/policy";
import type { AgentPrincipal } from "../identity/token-guard";
import { policyCouldAllow } from "./tool-visibility";

function compiled(yaml: string) {
  const parsed = parsePolicy(yaml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return compilePolicy(parsed.policy);
}

const agent = (clientId: string) => ({ clientId, owner: "team-a", environment: "production" }) as AgentPrincipal;
const tool = (name: string, action: "read" | "write" | "admin", risk: "low" | "medium" | "high" = "low") => ({
  id: name,
  name,
  action,
  risk,
});

const POLICY = compiled(`version: v1
rules:
  - id: reads
    match: { labels: { mcp.action: read } }
    decision: ALLOW
  - id: no-dumps
    match: { labels: { mcp.tool: dump } }
    decision: DENY
  - id: repo-writes
    match: { labels: { mcp.action: write }, arguments: { /repo: "acme/*" } }
    decision: ALLOW
  - id: no-prod-deletes
    match: { labels: { mcp.tool: delete }, arguments: { /env: production } }
    decision: DENY
  - id: deletes-need-approval
    match: { labels: { mcp.tool: delete } }
    decision: REQUIRE_APPROVAL
  - id: one-agent-admin
    match: { labels: { mcp.action: admin, agent.id: agt_ops } }
    decision: ALLOW
`);

// (tool, agent, could some call be allowed?) — what tools/list keeps.
const CASES: [string, ReturnType<typeof tool>, string, boolean][] = [
  ["a read allowed by labels", tool("get", "read"), "agt_a", true],
  ["a tool every call of which a label-only DENY refuses", tool("dump", "read"), "agt_a", false],
  ["a write allowed only for some arguments", tool("push", "write"), "agt_a", true],
  ["a tool denied for some arguments and held for approval otherwise", tool("delete", "write", "high"), "agt_a", true],
  ["an admin tool no rule allows", tool("purge", "admin", "high"), "agt_a", false],
  ["an admin tool allowed for one agent, asked by it", tool("purge", "admin", "high"), "agt_ops", true],
];

describe("tools/list visibility: could policy ever allow a call?", () => {
  it.each(CASES)("%s", (_name, t, clientId, expected) => {
    expect(policyCouldAllow(POLICY, agent(clientId), "github", t)).toBe(expected);
  });
});
