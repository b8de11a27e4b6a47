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

const gate = (state: string) => ({
  title: "Unapproved high-risk writes",
  state,
  value: state === "BLOCK" ? 1 : 0,
  unit: "count",
  target: { text: "≤ 0" },
  condition: { text: "> 0 in 10 m, immediate stop" },
  owner: "Governance",
  reason: "r",
});

describe("npm run gate", () => {
  it("GO exits 0 and prints the verdict; the token goes as a bearer token to /api/v1/gates", async () => {
    answer = {
      status: 200,
      body: { environment: "staging", verdict: "GO", evaluated_at: "2026-01-01T00:00:00Z", gates: [gate("PASS")] },
    };
    const r = await runGate(["--url", base, "--token", "mgc_met_x", "--environment", "staging"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("GO · staging");
    expect(seen).toEqual({ url: "/api/v1/gates?environment=staging", authorization: "Bearer mgc_met_x" });
  });
  it("NO_GO exits 1 and names the blocking gate", async () => {
    answer = {
      status: 200,
      body: {
        environment: "production",
        verdict: "NO_GO",
        evaluated_at: "2026-01-01T00:00:00Z",
        gates: [gate("BLOCK")],
      },
    };
    const r = await runGate(["--url", base, "--token", "mgc_met_x"]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("NO-GO · production");
    expect(r.out).toMatch(/BLOCK\s+Unapproved high-risk writes/);
  });
  it("a refused token or no token exits 2, never a silent pass", async () => {
    answer = { status: 401, body: { title: "Unauthorized", detail: "The metrics token is unknown or revoked." } };
    const refused = await runGate(["--url", base, "--token", "mgc_met_bad"]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("401");
    expect((await runGate(["--url", base])).code).toBe(2);
  });
});
