// npm run demo:agent -- --token <personal API token of an admin> [--url http://localhost:3000]
//                      [--environment development] [--yes] [--wait-min 10]
// Shows the whole agent protocol in a terminal with lib/agent-client: a read is allowed, an
// unregistered server is denied, a write waits for a person to approve it in the console,
// then runs once and its output goes through output safety. It works on its own demo-… servers,
// policy and agent (scripts/lib/demo-world.ts) and never replaces a policy a person published.
import { parseArgs } from "node:util";
import { AgentClient } from "../lib/agent-client";
import { consoleCaller, DEMO_ENVIRONMENT, DemoRefusal, demoServer, setUpDemoWorld } from "./lib/demo-world";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: process.env.CONSOLE_URL ?? "http://localhost:3000" },
    token: { type: "string", default: process.env.CONSOLE_API_TOKEN ?? process.env.ADMIN_API_TOKEN },
    environment: { type: "string", default: DEMO_ENVIRONMENT },
    yes: { type: "boolean", default: false },
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
const GITHUB = demoServer("github");
const JIRA = demoServer("jira");
const NOTION = demoServer("notion");

const step = (s: string) => console.log(`\n▶ ${s}`);
const show = (d: { decision: string; outcome: string; rule_id: string | null; reason: string; constraints: object }) =>
  console.log(
    `  ${d.decision} (outcome ${d.outcome}) rule=${d.rule_id ?? "—"} reason=${d.reason} constraints=${JSON.stringify(d.constraints)}`,
  );

step(`Set up the demo world in ${env}: demo-github, demo-jira, demo-notion, … and the seed policy for them`);
const scopes = ["mcp:*:read", "mcp:*:write"];
let world: Awaited<ReturnType<typeof setUpDemoWorld>>;
try {
  world = await setUpDemoWorld(consoleCaller(base, values.token), {
    environment: env,
    yes: values.yes!,
    agentName: "demo-agent",
    agents: 1,
    scopes,
    description: "created by npm run demo:agent",
    log: console.log,
  });
} catch (err) {
  console.error(`demo:agent: ${err instanceof Error ? err.message : err}`);
  process.exit(err instanceof DemoRefusal ? 2 : 1);
}
const [agent] = world.agents;
console.log(`  agent ${agent.name} (${agent.clientId})`);
const client = new AgentClient({ baseUrl: base, clientId: agent.clientId, clientSecret: agent.clientSecret, scopes });

step(`Read a file on ${GITHUB}`);
const read = await client.run(
  { server: GITHUB, tool: "get_file_contents", arguments: { path: "README.md" } },
  async () => ({ content: [{ type: "text", text: "# README\ncontact: ops@example.com" }] }),
);
show(read.decision);
if (read.executed) console.log(`  output safety: ${read.verdict.action} ${JSON.stringify(read.verdict.output)}`);

step(`Search ${NOTION} (catalogued, but not a server the policy allows)`);
show(await client.decide({ server: NOTION, tool: "search", arguments: { q: "roadmap" } }));

step(`Create a ${JIRA} issue (a write: needs a person)`);
const held = await client.decide({
  server: JIRA,
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
      server: JIRA,
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
        server: JIRA,
        tool: "create_issue",
        arguments: { project: "OPS", summary: "Rotate the staging database password" },
        approval_id: status.id,
      }),
    );
  }
}
console.log(`\nDone. See every call in the console's Audit trail (environment ${env}).`);
