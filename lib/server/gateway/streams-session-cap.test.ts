import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it, vi } from "vitest";
import { agentClient, CAP, plain, serveStreamsWorld, world } from "@/lib/testing/streams-world";
import { postInitialize } from "@/lib/testing/gateway-world";
import { log } from "../log";

// Gateway sessions at the per-agent cap.
await serveStreamsWorld();

describe("sessions at the per-agent cap", () => {
  it("never refuses an agent that reconnects 100 times without DELETE; closes its oldest idle session each time, and says so", async () => {
    const { token, agentId } = await world.agent(["plain"]);
    const before = plain.openSessions();
    const logged = vi.spyOn(log, "info").mockImplementation(() => {});
    for (let i = 0; i < 100; i++) {
      const { client } = await agentClient("plain", token);
      expect((await client.callTool({ name: "test_simple_text", arguments: {} })).isError).toBeFalsy();
      // The SDK's close() aborts its streams and sends no DELETE.
      await client.close();
    }
    const { clientId } = await world.prisma.agent.findUniqueOrThrow({ where: { id: agentId } });
    expect([...world.gateway.sessions.values()].filter((s) => s.clientId === clientId)).toHaveLength(CAP);
    const evicted = await world.prisma.auditEvent.findMany({
      where: { action: "gateway.session_evicted", actorId: agentId },
    });
    expect(evicted).toHaveLength(100 - CAP);
    expect(logged).toHaveBeenCalledTimes(100 - CAP);
    const [fields, message] = logged.mock.calls[0] as unknown as [Record<string, unknown>, string];
    expect(message).toMatch(/closed the agent's least recently used idle session/);
    expect(fields).toMatchObject({ agent: clientId, cap: 3, session_server: "development/plain" });
    logged.mockRestore();
    expect(evicted[0].data).toMatchObject({ reason: "per_agent_session_cap", cap: CAP, server: "development/plain" });
    // Each closed session ended its upstream session too.
    await expect.poll(() => plain.openSessions() - before).toBeLessThanOrEqual(CAP);
  });

  it("at the cap closes the least recently used idle session, and the new one works; DELETE ends a session", async () => {
    const { token, clientId } = await world.agent(["plain"]);
    vi.spyOn(log, "info").mockImplementation(() => {});
    const a = await agentClient("plain", token);
    const b = await agentClient("plain", token);
    const c = await agentClient("plain", token);
    // Each client opens its GET stream after connecting: wait for all three before using a and b.
    await expect
      .poll(
        () =>
          [...world.gateway.sessions.values()].filter((s) => s.clientId === clientId && s.transport.listening).length,
      )
      .toBe(3);
    await b.client.callTool({ name: "test_simple_text", arguments: {} });
    await a.client.callTool({ name: "test_simple_text", arguments: {} });
    // c is now the least recently used.
    const d = await agentClient("plain", token);
    expect((await d.client.callTool({ name: "test_simple_text", arguments: {} })).content).toHaveLength(1);
    const gone = await c.client.callTool({ name: "test_simple_text", arguments: {} }).catch((e: unknown) => e);
    expect(String(gone)).toMatch(/404|Session not found/);
    await a.client.callTool({ name: "test_simple_text", arguments: {} });
    await b.client.callTool({ name: "test_simple_text", arguments: {} });

    const sessionsBefore = world.gateway.sessions.size;
    const deletes = plain.requests.filter((r) => r.method === "DELETE").length;
    await a.transport.terminateSession();
    expect(world.gateway.sessions.size).toBe(sessionsBefore - 1);
    await expect.poll(() => plain.requests.filter((r) => r.method === "DELETE").length).toBe(deletes + 1);
    for (const x of [b, d]) await x.client.close();
    vi.restoreAllMocks();
  });

  it("refuses a new session only while every session of the agent is busy, with Retry-After", async () => {
    const { token } = await world.agent(["plain"]);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const busy: Awaited<ReturnType<typeof agentClient>>[] = [];
    for (let i = 0; i < CAP; i++) {
      const x = await agentClient("plain", token);
      x.client.setRequestHandler(ElicitRequestSchema, async () => {
        await held;
        return { action: "accept", content: { response: "ok" } };
      });
      busy.push(x);
    }
    const calls = busy.map((x) => x.client.callTool({ name: "test_elicitation", arguments: { message: "wait" } }));
    const initialize = () => postInitialize(`${world.base}/mcp/development/plain`, token);
    // Wait until all three calls are in flight at the gateway.
    await expect
      .poll(() => [...world.gateway.sessions.values()].filter((s) => s.busy()).length, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(CAP);
    const refused = await initialize();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect((await refused.json()).type).toMatch(/too-many-sessions$/);
    release();
    await Promise.all(calls);
    const admitted = await initialize();
    expect(admitted.status).toBe(200);
    await admitted.text();
    for (const x of busy) await x.client.close();
  });
});
