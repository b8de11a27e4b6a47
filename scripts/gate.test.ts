import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// npm run gate: exit 0 on GO, 1 on NO_GO, 2 when the verdict cannot be read — against a stub of /api/v1/gates.
let answer: { status: number; body: unknown } = { status: 200, body: {} };
let seen: { url?: string; authorization?: string } = {};
const server = http.createServer((req, res) => {
  seen = { url: req.url, authorization: req.headers.authorization };
  res.writeHead(answer.status, { "content-type": "application/json" });
  res.end(JSON.stringify(answer.body));
});
let base = "";

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => void server.close());

function runGate(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/gate.ts", ...args], {
      env: { ...process.env, METRICS_TOKEN: "" },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => resolve({ code, out, err }));
  });
}

const reason = (state: string, sentence: string) => ({
  kind: "gate",
  id: "unapproved-high-risk-writes",
  title: "Unapproved high-risk writes",
  state,
  sentence,
  owner: "Governance",
  since: "2026-01-01T09:14:00.000Z",
  evidence_url: "/?environment=production#gate-unapproved-high-risk-writes",
  runbook_url: "/runbooks/unapproved-high-risk-writes",
});
const verdict = (v: string, environment = "production") => ({
  environment,
  verdict: v,
  since: "2026-01-01T09:14:00.000Z",
  headline: `${v} headline`,
  blockers:
    v === "NO_GO"
      ? [reason("BLOCK", "1 high-risk write ran without an approval in the last 10 min — target ≤ 0.")]
      : [],
  missing:
    v === "GO" ? [] : [reason("NO_DATA", "Unapproved high-risk writes cannot be judged: no tool results reported.")],
  at_risk: [],
  counts: { checks: { PASS: 0, FAIL: 0, NO_DATA: 0 }, gates: { PASS: 0, WARN: 0, BLOCK: 0, NO_DATA: 0 } },
  evaluated_at: "2026-01-01T10:00:00.000Z",
});

describe("npm run gate", () => {
  it("GO exits 0 and prints the verdict; the token goes as a bearer token to /api/v1/go-no-go", async () => {
    answer = { status: 200, body: verdict("GO", "staging") };
    const r = await runGate(["--url", base, "--token", "mgc_met_x", "--environment", "staging"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("GO · staging");
    expect(seen).toEqual({ url: "/api/v1/go-no-go?environment=staging", authorization: "Bearer mgc_met_x" });
  });
  it("NO_GO exits 1 and says what blocks, in words, with owner, since and links", async () => {
    answer = { status: 200, body: verdict("NO_GO") };
    const r = await runGate(["--url", base, "--token", "mgc_met_x"]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("NO-GO · production");
    expect(r.out).toContain("✖ 1 high-risk write ran without an approval in the last 10 min");
    expect(r.out).toContain("owner Governance · since 2026-01-01 09:14 UTC");
    expect(r.out).toContain(`fix ${base}/runbooks/unapproved-high-risk-writes`);
    // --allow-no-data never lets a blocked verdict pass.
    expect((await runGate(["--url", base, "--token", "mgc_met_x", "--allow-no-data"])).code).toBe(1);
  });
  it("NOT_READY exits 2 (missing evidence is not a pass); --allow-no-data makes it exit 0 as the seed script would", async () => {
    answer = { status: 200, body: verdict("NOT_READY") };
    const r = await runGate(["--url", base, "--token", "mgc_met_x"]);
    expect(r.code).toBe(2);
    expect(r.out).toContain("NOT READY · production");
    expect(r.out).not.toMatch(/^\s*GO ·/m);
    expect(r.out).toContain("? Unapproved high-risk writes cannot be judged");
    const allowed = await runGate(["--url", base, "--token", "mgc_met_x", "--allow-no-data"]);
    expect(allowed.code).toBe(0);
    expect(allowed.out).toContain("NOT READY · production");
  });
  it("an unknown verdict, a refused token or no token exits 2, never a silent pass", async () => {
    answer = { status: 200, body: { ...verdict("GO"), verdict: "MAYBE" } };
    expect((await runGate(["--url", base, "--token", "mgc_met_x", "--allow-no-data"])).code).toBe(2);
    answer = { status: 401, body: { title: "Unauthorized", detail: "The metrics token is unknown or revoked." } };
    const refused = await runGate(["--url", base, "--token", "mgc_met_bad"]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("401");
    expect((await runGate(["--url", base])).code).toBe(2);
  });
});
