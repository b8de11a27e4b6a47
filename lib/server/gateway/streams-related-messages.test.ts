import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { McpError } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { agentClient, plain, serveStreamsWorld, type Streams, world } from "@/lib/testing/streams-world";

// Related messages through the gateway: each call's own stream, the GET stream, relayed errors.
await serveStreamsWorld();

describe.each(["plain", "numbered"])("related messages through the gateway, upstream %s", (server) => {
  for (const noGetStream of [true, false]) {
    it(`delivers each concurrent call's progress, log, sampling and elicitation on that call's own stream${noGetStream ? ", with no GET stream open" : ""}`, async () => {
      const { token } = await world.agent([server]);
      const streams: Streams = new Map();
      const { client } = await agentClient(server, token, { noGetStream, streams });
      const N = 4;
      const progress = new Map<string, number[]>();
      const results = await Promise.all(
        Array.from({ length: N }, (_, i) => {
          const tag = `call-${i}`;
          progress.set(tag, []);
          return client.callTool({ name: "relate_all", arguments: { tag } }, undefined, {
            onprogress: (p) => progress.get(tag)!.push(p.progress),
            timeout: 15_000,
          });
        }),
      );
      results.forEach((r, i) => {
        expect(r.content).toEqual([{ type: "text", text: `call-${i}|sampled:call-${i}|call-${i}` }]);
      });
      for (const [tag, steps] of progress) expect(steps, tag).toEqual([1, 2]);
      // Each call's own POST answer carried its log line, its sampling and elicitation requests, and its result.
      const calls = [...streams.entries()].filter(([, ms]) =>
        ms.some((m) => "result" in m && JSON.stringify(m).includes("sampled:")),
      );
      expect(calls).toHaveLength(N);
      for (const [, ms] of calls) {
        const result = ms.find((m) => "result" in m)!;
        const tag = /"(call-\d)\|/.exec(JSON.stringify(result))![1];
        const methods = ms.filter((m) => "method" in m).map((m) => (m as { method: string }).method);
        expect(methods).toEqual([
          "notifications/progress",
          "notifications/message",
          "sampling/createMessage",
          "elicitation/create",
          "notifications/progress",
        ]);
        const text = JSON.stringify(ms.filter((m) => "method" in m));
        expect(text).toContain(`log:${tag}`);
        expect(text).not.toMatch(new RegExp(`call-(?!${tag.slice(5)})\\d`));
      }
      await client.close();
    });
  }
});

describe("a request the upstream relates to no call", () => {
  it("reaches the agent on its GET stream, or without one on its lone call in flight", async () => {
    for (const noGetStream of [false, true]) {
      const { token, clientId } = await world.agent(["plain"]);
      const streams: Streams = new Map();
      const { client } = await agentClient("plain", token, { noGetStream, streams });
      if (!noGetStream)
        await expect
          .poll(() =>
            [...world.gateway.sessions.values()].some((s) => s.clientId === clientId && s.transport.listening),
          )
          .toBe(true);
      const r = await client.callTool({ name: "unrelated_sampling", arguments: { tag: "u" } });
      expect(r.content).toEqual([{ type: "text", text: "unrelated|sampled:u" }]);
      const onCall = [...streams.values()].some((ms) =>
        ms.some((m) => "method" in m && m.method === "sampling/createMessage"),
      );
      expect(onCall).toBe(noGetStream);
      await client.close();
    }
  });
});

describe("errors relayed from the upstream", () => {
  it("reach the agent with the message they have directly (no doubled MCP error prefix)", async () => {
    const { token } = await world.agent(["plain"]);
    const { client } = await agentClient("plain", token);
    const direct = new Client({ name: "direct", version: "1.0.0" });
    await direct.connect(new StreamableHTTPClientTransport(new URL(plain.url)));
    for (const run of [
      (c: Client) => c.readResource({ uri: "test://no-such-resource" }),
      (c: Client) => c.getPrompt({ name: "no_such_prompt" }),
    ]) {
      const [viaGateway, itself] = await Promise.all([run(client).catch((e) => e), run(direct).catch((e) => e)]);
      expect(viaGateway).toBeInstanceOf(McpError);
      expect(itself).toBeInstanceOf(McpError);
      expect(viaGateway.code).toBe(itself.code);
      expect(viaGateway.message).toBe(itself.message);
    }
    await direct.close();
    await client.close();
  });
});
