import { describe, expect, it, vi } from "vitest";
import { mcpGatewaySuite } from "@/lib/testing/mcp-gateway-suite";
import type { DbKind } from "@/lib/testing/test-db";
import { log } from "../log";

// What the gateway decides for each call and what it records of it (docs/mcp-gateway.md).
const suite = await mcpGatewaySuite();
const { GatewayErrorCode } = await import("./errors");
// Result rows of allowed, clean outputs are written behind the gateway's answer: tests wait for them.
const { drainResultWrites } = await import("../enforcement/result-writer");

describe.each(suite.kinds)("MCP gateway on %s", (kind: DbKind) => {
  const g = suite.onDatabase(kind);
  const { agentToken, connect, callError } = g;

  it("lists only the tools policy and scopes could ever allow, with the catalog's classification", async () => {
    const { token } = await agentToken("development", [
      "mcp:everything:read",
      "mcp:everything:write",
      "mcp:everything:admin",
    ]);
    const client = await connect("/mcp/development/everything", token);
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name).sort();
    // get-env: a DENY rule; get-tiny-image: no rule for admin; uncatalogued tools: unknown.
    expect(names).toEqual([
      "echo",
      "get-annotated-message",
      "get-sum",
      "toggle-simulated-logging",
      "trigger-long-running-operation",
    ]);
    const sum = tools.find((t) => t.name === "get-sum")!;
    expect(sum.annotations?.readOnlyHint).toBe(false);
    expect(sum._meta?.["governance-console/classification"]).toEqual({ action: "write", risk: "medium" });
    expect(tools.find((t) => t.name === "echo")!.inputSchema.properties).toHaveProperty("message");

    const { token: readOnly } = await agentToken("development", ["mcp:everything:read"]);
    const reader = await connect("/mcp/development/everything", readOnly);
    expect((await reader.listTools()).tools.map((t) => t.name).sort()).toEqual([
      "echo",
      "toggle-simulated-logging",
      "trigger-long-running-operation",
    ]);
  });

  it("forwards an allowed read with the decision recorded as /api/v1/decisions records it, and the result inspected", async () => {
    const { agent, token } = await agentToken("development", ["mcp:everything:read"]);
    const client = await connect("/mcp/development/everything", token);
    const result = await client.callTool({ name: "echo", arguments: { message: "hello gateway" } });
    expect(result.content).toEqual([{ type: "text", text: "Echo: hello gateway" }]);
    const stamp = result._meta?.["governance-console/decision"] as { decision_id: string; output_safety: string };
    expect(stamp.output_safety).toBe("ALLOW");
    const row = await g.db.prisma.decisionRecord.findUniqueOrThrow({ where: { id: stamp.decision_id } });
    expect(row).toMatchObject({
      clientId: agent.clientId,
      server: "everything",
      tool: "echo",
      decision: "ALLOW",
      outcome: "ALLOW",
      ruleId: "allow-reads",
      action: "read",
    });
    await drainResultWrites();

    expect(await g.db.prisma.toolResult.findUniqueOrThrow({ where: { decisionId: stamp.decision_id } })).toMatchObject({
      status: "ok",
      safetyAction: "ALLOW",
      unapproved: false,
    });
  });

  it("withholds an allowed read whose decision cannot be recorded (it runs meanwhile), and records nothing of it", async () => {
    // The database itself refuses this one decision row (a trigger), as a full disk or a lost connection would.
    await g.db.prisma.$executeRawUnsafe(
      `CREATE FUNCTION test_refuse_decision() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.arguments->>'message' = 'cannot-record' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`,
    );
    await g.db.prisma.$executeRawUnsafe(
      `CREATE TRIGGER test_refuse_decision BEFORE INSERT ON decisions FOR EACH ROW EXECUTE FUNCTION test_refuse_decision()`,
    );
    try {
      const { token } = await agentToken("development", ["mcp:everything:read"]);
      const client = await connect("/mcp/development/everything", token);
      const err = await callError(client, "echo", { message: "cannot-record" });
      expect(err.code).toBe(GatewayErrorCode.AuditUnavailable);
      expect(err.data).toMatchObject({ decision: "DENY", reason: "audit_unavailable" });
      expect(JSON.stringify(err)).not.toContain("Echo: cannot-record");
      const rows = await g.db.prisma.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM decisions WHERE arguments->>'message' = 'cannot-record'`,
      );
      expect(rows[0].n).toBe(0);
      // The same session goes on: the next read is recorded and answered.
      const ok = await client.callTool({ name: "echo", arguments: { message: "recorded" } });
      expect(ok.content).toEqual([{ type: "text", text: "Echo: recorded" }]);
      const stamp = ok._meta!["governance-console/decision"] as { decision_id: string };
      await drainResultWrites();

      expect(
        await g.db.prisma.toolResult.findUniqueOrThrow({ where: { decisionId: stamp.decision_id } }),
      ).toMatchObject({
        status: "ok",
        safetyAction: "ALLOW",
      });
    } finally {
      await g.db.prisma.$executeRawUnsafe(`DROP TRIGGER test_refuse_decision ON decisions`);
      await g.db.prisma.$executeRawUnsafe(`DROP FUNCTION test_refuse_decision()`);
    }
  });

  it("answers an allowed read before its result row is written; a row the database refuses leaves the decision standing and is reported", async () => {
    await g.db.prisma.$executeRawUnsafe(
      `CREATE FUNCTION test_refuse_result() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$`,
    );
    await g.db.prisma.$executeRawUnsafe(
      `CREATE TRIGGER test_refuse_result BEFORE INSERT ON tool_results FOR EACH ROW EXECUTE FUNCTION test_refuse_result()`,
    );
    const errors = vi.spyOn(log, "error").mockImplementation(() => {});
    try {
      const { token } = await agentToken("development", ["mcp:everything:read"]);
      const client = await connect("/mcp/development/everything", token);
      const ok = await client.callTool({ name: "echo", arguments: { message: "result refused" } });
      expect(ok.content).toEqual([{ type: "text", text: "Echo: result refused" }]);
      const { decision_id } = ok._meta!["governance-console/decision"] as { decision_id: string };
      // The decision was durable before the output left; only the latency and verdict count are missing.
      expect(await g.db.prisma.decisionRecord.findUniqueOrThrow({ where: { id: decision_id } })).toMatchObject({
        decision: "ALLOW",
        tool: "echo",
      });
      await drainResultWrites();
      expect(await g.db.prisma.toolResult.count({ where: { decisionId: decision_id } })).toBe(0);
      const fields = errors.mock.calls.map((c) => c[0] as unknown as { decision_id?: string });
      expect(fields.filter((f) => f.decision_id === decision_id)).toHaveLength(1);
    } finally {
      errors.mockRestore();
      await g.db.prisma.$executeRawUnsafe(`DROP TRIGGER test_refuse_result ON tool_results`);
      await g.db.prisma.$executeRawUnsafe(`DROP FUNCTION test_refuse_result()`);
    }
  });

  it("denies a denied tool and an uncatalogued one with a JSON-RPC error carrying the reason, and records both", async () => {
    const { token } = await agentToken("development", ["mcp:everything:read", "mcp:everything:admin"]);
    const client = await connect("/mcp/development/everything", token);
    const env = await callError(client, "get-env", {});
    expect(env.code).toBe(GatewayErrorCode.Denied);
    expect(env.data).toMatchObject({ decision: "DENY", rule_id: "no-env-dumps", reason: "rule_matched" });
    const image = await callError(client, "get-tiny-image", {});
    expect(image.data).toMatchObject({ decision: "DENY", rule_id: null, reason: "no_rule_matched" });
    const unknown = await callError(client, "gzip-file-as-resource", { name: "x", data: "data:text/plain,hi" });
    expect(unknown.data).toMatchObject({ decision: "DENY", reason: "unknown_tool" });
    const ids = [env, image, unknown].map((e) => (e.data as { decision_id: string }).decision_id);
    expect(await g.db.prisma.decisionRecord.count({ where: { id: { in: ids }, decision: "DENY" } })).toBe(3);
    await drainResultWrites();

    expect(await g.db.prisma.toolResult.count({ where: { decisionId: { in: ids } } })).toBe(0);
  });

  it("answers a missing scope with insufficient_scope naming it", async () => {
    const { token } = await agentToken("development", ["mcp:everything:read"]);
    const client = await connect("/mcp/development/everything", token);
    const err = await callError(client, "get-sum", { a: 1, b: 2 });
    expect(err.code).toBe(GatewayErrorCode.InsufficientScope);
    expect(err.data).toMatchObject({ scope: "mcp:everything:write" });
  });

  it("keeps a tool whose rule uses argument matchers and decides each call on its arguments", async () => {
    const { token } = await agentToken("development", ["mcp:everything:write"]);
    const client = await connect("/mcp/development/everything", token);
    const ok = await client.callTool({ name: "get-annotated-message", arguments: { messageType: "debug" } });
    expect(ok.isError).toBeFalsy();
    const no = await callError(client, "get-annotated-message", { messageType: "error" });
    expect(no.data).toMatchObject({ decision: "DENY", reason: "no_rule_matched" });
  });
});
