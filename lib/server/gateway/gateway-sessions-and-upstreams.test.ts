import http from "node:http";
import type { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { McpError } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { postInitialize } from "@/lib/testing/gateway-world";
import { mcpGatewaySuite } from "@/lib/testing/mcp-gateway-suite";
import type { DbKind } from "@/lib/testing/test-db";

// How the gateway treats its upstreams (credentials, cancellation, retries, stdio) and binds agent sessions.
const suite = await mcpGatewaySuite();
const BASE = suite.base;
const { recorded, events: upstreamEvents, failuresLeft } = suite.recorder;
const { GatewayErrorCode } = await import("./errors");

describe.each(suite.kinds)("MCP gateway on %s", (kind: DbKind) => {
  const g = suite.onDatabase(kind);
  const { agentToken, connect } = g;

  it("calls the upstream with its own credentials, never with the agent's token", async () => {
    const { token } = await agentToken("development", ["mcp:recorder:read"]);
    recorded.length = 0;
    const client = await connect("/mcp/development/recorder", token);
    await client.callTool({ name: "whoami", arguments: {} });
    expect(recorded.length).toBeGreaterThan(0);
    for (const h of recorded) {
      expect(h.authorization).toBe("Bearer upstream-own-secret");
      expect(JSON.stringify(h)).not.toContain(token);
    }
  });

  it("cancels the upstream call itself when max_runtime_sec runs out", async () => {
    const { token } = await agentToken("development", ["mcp:recorder:read"]);
    const client = await connect("/mcp/development/recorder", token);
    upstreamEvents.length = 0;
    const err = await client.callTool({ name: "slow", arguments: {} }).catch((e) => e);
    expect(err.data).toMatchObject({ reason: "max_runtime_exceeded" });
    await expect.poll(() => upstreamEvents, { timeout: 3_000 }).toEqual(["slow:started", "slow:cancelled"]);
  });

  it("retries a call whose upstream failed without answering, up to max_retries", async () => {
    const { token } = await agentToken("development", ["mcp:recorder:read"]);
    const client = await connect("/mcp/development/recorder", token);
    upstreamEvents.length = 0;
    failuresLeft.set("flaky", 1);
    expect((await client.callTool({ name: "flaky", arguments: {} })).content).toEqual([
      { type: "text", text: "finally" },
    ]);
    expect(upstreamEvents).toEqual(["flaky:503"]);
    failuresLeft.set("flaky", 2);
    const err = await client.callTool({ name: "flaky", arguments: {} }).catch((e) => e);
    expect(err).toBeInstanceOf(McpError);
    expect(err.code).toBe(GatewayErrorCode.UpstreamUnavailable);
    expect(upstreamEvents).toEqual(["flaky:503", "flaky:503", "flaky:503"]);
  });

  it("binds a session to its agent, checks Origin and Host, and answers 401 with this path's resource metadata", async () => {
    const { token } = await agentToken("development", ["mcp:everything:read"]);
    const { token: otherToken } = await agentToken("development", ["mcp:everything:read"]);
    const client = await connect("/mcp/development/everything", token);
    const sessionId = (client.transport as StreamableHTTPClientTransport).sessionId!;
    const post = (headers: Record<string, string>) =>
      fetch(`${BASE}/mcp/development/everything`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          "mcp-protocol-version": "2025-06-18",
          ...headers,
        },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
      });
    expect((await post({ authorization: `Bearer ${token}`, "mcp-session-id": sessionId })).status).toBe(200);
    expect((await post({ authorization: `Bearer ${otherToken}`, "mcp-session-id": sessionId })).status).toBe(404);
    expect(
      (await post({ authorization: `Bearer ${token}`, "mcp-session-id": sessionId, origin: "http://evil.example" }))
        .status,
    ).toBe(403);
    expect((await post({ authorization: `Bearer ${token}`, "mcp-session-id": sessionId, origin: BASE })).status).toBe(
      200,
    );
    const raw = (contentType: string, body: string) =>
      fetch(`${BASE}/mcp/development/everything`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          "mcp-session-id": sessionId,
          accept: "application/json, text/event-stream",
          "content-type": contentType,
        },
        body,
      });
    expect((await raw("text/plain", "{}")).status).toBe(415);
    expect(await (await raw("application/json", "{not json")).json()).toMatchObject({ error: { code: -32700 } });
    expect((await raw("application/json", `"${"x".repeat(4 * 1024 * 1024 + 1)}"`)).status).toBe(413);
    const rebound = await new Promise<number>((resolve, reject) => {
      const r = http.request(
        `${BASE}/mcp/development/everything`,
        {
          method: "POST",
          headers: { host: "attacker.example", authorization: `Bearer ${token}`, "content-type": "application/json" },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      r.on("error", reject);
      r.end("{}");
    });
    expect(rebound).toBe(403);
    const anonymous = await post({});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toContain(
      `resource_metadata="${BASE}/.well-known/oauth-protected-resource/mcp/development/everything"`,
    );
    const { token: prodToken } = await agentToken("production", ["mcp:everything:read"]);
    expect((await post({ authorization: `Bearer ${prodToken}` })).status).toBe(403);
    // DELETE ends the session (and its upstream session); its id is then unknown.
    await (client.transport as StreamableHTTPClientTransport).terminateSession();
    expect((await post({ authorization: `Bearer ${token}`, "mcp-session-id": sessionId })).status).toBe(404);
  });

  it("runs an allowlisted stdio upstream in development, without the console's environment", async () => {
    const { token } = await agentToken("development", ["mcp:everything-stdio:read"]);
    const client = await connect("/mcp/development/everything-stdio", token);
    expect((await client.listTools()).tools.map((t) => t.name)).toContain("echo");
    expect((await client.callTool({ name: "echo", arguments: { message: "over stdio" } })).content).toEqual([
      { type: "text", text: "Echo: over stdio" },
    ]);
    const envDump = await client.callTool({ name: "get-env", arguments: {} });
    expect(JSON.stringify(envDump.content)).not.toContain("gateway-test-encryption-key");

    const { token: other } = await agentToken("development", ["mcp:not-allowed:read"]);
    const refused = await postInitialize(`${BASE}/mcp/development/not-allowed`, other);
    expect(refused.status).toBe(403);
    expect((await refused.json()).type).toMatch(/stdio-command-not-allowed$/);
  });
});
