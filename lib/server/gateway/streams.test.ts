import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  McpError,
  type JSONRPCMessage,
} from "@modelcontextprotocol/sdk/types.js";
import { createParser } from "eventsource-parser";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startConformanceUpstream, type ConformanceUpstream } from "@/lib/testing/conformance-upstream";
import { prepareGatewayEnv, startGatewayWorld, type GatewayWorld } from "@/lib/testing/gateway-world";
import { log } from "../log";

// Related messages, sessions at their cap, and resumption towards the agent, against the
// conformance fixture upstream (lib/testing/conformance-upstream.ts) with and without event ids.
const at = await prepareGatewayEnv();

const TOOLS = [
  "relate_all",
  "test_tool_with_progress",
  "test_tool_with_logging",
  "test_elicitation",
  "test_simple_text",
  "unrelated_sampling",
];
const CAP = 3;
let plain: ConformanceUpstream;
let numbered: ConformanceUpstream;
let world: GatewayWorld;

beforeAll(async () => {
  plain = await startConformanceUpstream({ eventIds: false });
  numbered = await startConformanceUpstream({ eventIds: true });
  world = await startGatewayWorld(
    at,
    "embedded",
    [
      { name: "plain", url: plain.url, tools: TOOLS },
      { name: "numbered", url: numbered.url, tools: TOOLS },
    ],
    { maxSessionsPerAgent: CAP, eventStoreEvents: 50, eventRetentionSec: 60 },
  );
});

afterAll(async () => {
  await world?.stop();
  await plain?.stop();
  await numbered?.stop();
});

/** What arrived on each POST's SSE answer, by the JSON-RPC id of the request it carried. */
type Streams = Map<string | number, JSONRPCMessage[]>;

/**
 * An SDK client through the gateway whose fetch records every message per POST answer. With
 * `noGetStream` it opens no standalone stream (its GET is answered 405 without reaching the gateway).
 */
async function agentClient(server: string, token: string, opts: { noGetStream?: boolean; streams?: Streams } = {}) {
  const streams = opts.streams;
  const recordingFetch: typeof fetch = async (input, init) => {
    if (opts.noGetStream && (init?.method ?? "GET") === "GET") return new Response(null, { status: 405 });
    const res = await fetch(input, init);
    const body = init?.method === "POST" && typeof init.body === "string" ? JSON.parse(init.body) : undefined;
    if (!streams || !res.body || body?.id === undefined || !body.method) return res;
    if (!(res.headers.get("content-type") ?? "").includes("text/event-stream")) {
      const copy = res.clone();
      void copy.json().then((m: JSONRPCMessage) => streams.set(body.id, [m]));
      return res;
    }
    const [mine, theirs] = res.body.tee();
    const seen: JSONRPCMessage[] = [];
    streams.set(body.id, seen);
    void (async () => {
      const parser = createParser({ onEvent: (e) => e.data && seen.push(JSON.parse(e.data)) });
      const decoder = new TextDecoder();
      const reader = mine.getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) parser.feed(decoder.decode(r.value));
    })().catch(() => {}); // the client closed the stream
    return new Response(theirs, { status: res.status, headers: res.headers });
  };
  const client = new Client(
    { name: "streams-test", version: "1.0.0" },
    { capabilities: { sampling: {}, elicitation: { form: {} } } },
  );
  client.setRequestHandler(CreateMessageRequestSchema, async (req) => ({
    model: "m",
    role: "assistant",
    content: { type: "text", text: `sampled:${(req.params.messages[0].content as { text: string }).text}` },
  }));
  client.setRequestHandler(ElicitRequestSchema, async (req) => ({
    action: "accept",
    content: { tag: req.params.message },
  }));
  const transport = new StreamableHTTPClientTransport(new URL(`${world.base}/mcp/development/${server}`), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
    fetch: recordingFetch,
  });
  await client.connect(transport);
  return { client, transport };
}

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
    const initialize = () =>
      fetch(`${world.base}/mcp/development/plain`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
        },
        body: JSON.stringify({
          jsonrpc: "2.0",
          id: 0,
          method: "initialize",
          params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "x", version: "1" } },
        }),
      });
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

/** Raw Streamable HTTP towards the gateway: SSE read event by event, so a test can drop the connection mid-stream. */
function rawAgent(server: string, token: string) {
  let sessionId = "";
  const headers = () => ({
    authorization: `Bearer ${token}`,
    "content-type": "application/json",
    accept: "application/json, text/event-stream",
    "mcp-protocol-version": "2025-11-25",
    ...(sessionId ? { "mcp-session-id": sessionId } : {}),
  });
  const url = `${world.base}/mcp/development/${server}`;
  /** Reads events until `until` says stop (then drops the connection) or the stream ends. */
  async function read(res: Response, until?: (e: { id?: string; message?: JSONRPCMessage }) => boolean) {
    const events: { id?: string; message?: JSONRPCMessage }[] = [];
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let stop = false;
    const parser = createParser({
      onEvent: (e) => {
        const ev = { id: e.id, message: e.data ? (JSON.parse(e.data) as JSONRPCMessage) : undefined };
        events.push(ev);
        if (until?.(ev)) stop = true;
      },
    });
    while (!stop) {
      const r = await reader.read();
      if (r.done) break;
      parser.feed(decoder.decode(r.value, { stream: true }));
    }
    if (stop) await reader.cancel();
    return events;
  }
  return {
    async post(body: unknown) {
      const res = await fetch(url, { method: "POST", headers: headers(), body: JSON.stringify(body) });
      sessionId ||= res.headers.get("mcp-session-id") ?? "";
      return res;
    },
    get(lastEventId: string) {
      return fetch(url, { method: "GET", headers: { ...headers(), "last-event-id": lastEventId } });
    },
    read,
    sessionId: () => sessionId,
  };
}

describe("resumption towards the agent", () => {
  it("replays what a dropped stream missed, once and in order, when the agent reconnects with Last-Event-ID", async () => {
    const { token } = await world.agent(["numbered"]);
    const agent = rawAgent("numbered", token);
    const init = await agent.post({
      jsonrpc: "2.0",
      id: 0,
      method: "initialize",
      params: {
        protocolVersion: "2025-11-25",
        capabilities: { sampling: {}, elicitation: {} },
        clientInfo: { name: "raw", version: "1" },
      },
    });
    expect(init.status).toBe(200);
    await init.text();
    expect((await agent.post({ jsonrpc: "2.0", method: "notifications/initialized" })).status).toBe(202);

    const call = await agent.post({
      jsonrpc: "2.0",
      id: 7,
      method: "tools/call",
      params: { name: "relate_all", arguments: { tag: "resume" }, _meta: { progressToken: "p" } },
    });
    // Read up to the sampling request, then drop the connection.
    const before = await agent.read(
      call,
      (e) => (e.message as { method?: string } | undefined)?.method === "sampling/createMessage",
    );
    expect(before.every((e) => e.id)).toBe(true);
    expect(before.map((e) => (e.message as { method?: string } | undefined)?.method)).toEqual([
      undefined, // the priming event
      "notifications/progress",
      "notifications/message",
      "sampling/createMessage",
    ]);
    const sampling = before.at(-1)!;
    const samplingId = (sampling.message as { id: number }).id;
    // Answer the sampling request while no stream is open: the elicitation that follows waits in the log.
    const answered = await agent.post({
      jsonrpc: "2.0",
      id: samplingId,
      result: { model: "m", role: "assistant", content: { type: "text", text: "offline" } },
    });
    expect(answered.status).toBe(202);
    const session = world.gateway.sessions.get(agent.sessionId())!;
    await expect.poll(() => session.transport.eventLog!.size).toBe(before.length + 1);

    const resumed = await agent.get(sampling.id!);
    expect(resumed.status).toBe(200);
    const replay = await agent.read(
      resumed,
      (e) => (e.message as { method?: string } | undefined)?.method === "elicitation/create",
    );
    expect(replay.map((e) => (e.message as { method: string }).method)).toEqual(["elicitation/create"]);
    const elicitation = replay[0];

    // Dropped again before answering: this time the stream resumes from the elicitation on.
    const elicitationId = (elicitation.message as { id: number }).id;
    expect(
      (await agent.post({ jsonrpc: "2.0", id: elicitationId, result: { action: "accept", content: { tag: "back" } } }))
        .status,
    ).toBe(202);
    const rest = await agent.read(await agent.get(elicitation.id!));
    expect(rest.map((e) => (e.message as { method?: string }).method ?? "result")).toEqual([
      "notifications/progress",
      "result",
    ]);
    expect(JSON.stringify(rest.at(-1)!.message)).toContain("resume|offline|back");
    const ids = [...before, ...replay, ...rest].map((e) => Number(e.id!.split("_")[1]));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(new Set(ids).size).toBe(ids.length);

    // A stream that is over replays nothing more after its last event and ends.
    expect(await agent.read(await agent.get(rest.at(-1)!.id!))).toEqual([]);
    // An id the session does not keep cannot be resumed exactly.
    expect((await agent.get("1_999999")).status).toBe(400);
    // The log stays within its bound.
    expect(session.transport.eventLog!.size).toBeLessThanOrEqual(50);
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
