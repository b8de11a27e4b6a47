// npm run demo:agent -- --url http://localhost:3000 --token <personal API token of an admin>
// Shows the whole agent protocol in a terminal with lib/agent-client: a read is allowed, an
// unregistered server is denied, a write waits for a person to approve it in the console,
// then runs once and its output goes through output safety.
import { parseArgs } from "node:util";
import { AgentClient } from "../lib/agent-client";
import { createAgent, seedWorld } from "./lib/seed-world";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: "http://localhost:3000" },
    token: { type: "string", default: process.env.CONSOLE_API_TOKEN },
    environment: { type: "string", default: "production" },
    "wait-min": { type: "string", default: "10" },
  },
});
if (!values.token) {
  console.error(
    "Give a personal API token of an admin: --token mgc_pat_… (Account & API tokens page), or CONSOLE_API_TOKEN.",
  );
  process.exit(2);
}
const base = values.url!.replace(/\/$/, "");
const env = values.environment!;

async function api(method: string, path: string, body?: unknown, contentType = "application/json") {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${values.token}`, "content-type": contentType },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  if (!res.ok && res.status !== 409) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return res.json();
}

const step = (s: string) => console.log(`\n▶ ${s}`);
const show = (d: { decision: string; outcome: string; rule_id: string | null; reason: string; constraints: object }) =>
  console.log(
    `  ${d.decision} (outcome ${d.outcome}) rule=${d.rule_id ?? "—"} reason=${d.reason} constraints=${JSON.stringify(d.constraints)}`,
  );

step(`Set up the seed world in ${env}: github, jira, notion, slack and the seed policy`);
await seedWorld(api, env);
const scopes = ["mcp:*:read", "mcp:*:write"];
const agent = await createAgent(api, `demo-agent-${Date.now().toString(36)}`, scopes, env);
console.log(`  agent ${agent.client_id}`);
const client = new AgentClient({ baseUrl: base, clientId: agent.client_id, clientSecret: agent.client_secret, scopes });

step("Read a file on github");
const read = await client.run(
  { server: "github", tool: "get_file_contents", arguments: { path: "README.md" } },
  async () => ({ content: [{ type: "text", text: "# README\ncontact: ops@example.com" }] }),
);
show(read.decision);
if (read.executed) console.log(`  output safety: ${read.verdict.action} ${JSON.stringify(read.verdict.output)}`);

step("Search notion (not a registered server)");
show(await client.decide({ server: "notion", tool: "search", arguments: { q: "roadmap" } }));

step("Create a jira issue (a write: needs a person)");
const held = await client.decide({
  server: "jira",
  tool: "create_issue",
  arguments: { project: "OPS", summary: "Rotate the staging database password" },
});
show(held);
if (held.approval) {
  console.log(`  waiting for approval: open ${held.approval.url} and approve (up to ${values["wait-min"]} min)…`);
  const status = await client.waitForApproval(held.approval.id, Number(values["wait-min"]) * 60);
  console.log(
    `  approval ${status.status}${status.decided_by ? ` by ${status.decided_by}` : ""}${status.reason ? ` — ${status.reason}` : ""}`,
  );
  if (status.status === "APPROVED") {
    const run = await client.decide({
      server: "jira",
      tool: "create_issue",
      arguments: { project: "OPS", summary: "Rotate the staging database password" },
      approval_id: status.id,
    });
    show(run);
    const verdict = await client.reportResult(run.decision_id, {
      status: "ok",
      duration_ms: 840,
      output: { key: "OPS-42", note: "db password was hunter2-SuperSecret-99 — AKIAZ4X7QWERTYUIOP12" },
    });
    console.log(`  output safety: ${verdict.action} ${JSON.stringify(verdict.output)}`);
    step("Re-submit the same approval (a grant is used once)");
    show(
      await client.decide({
        server: "jira",
        tool: "create_issue",
        arguments: { project: "OPS", summary: "Rotate the staging database password" },
        approval_id: status.id,
      }),
    );
  }
}
console.log("\nDone. See every call in the console's Audit trail.");
