import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import { createParser } from "eventsource-parser";
import { describe, expect, it } from "vitest";
import { serveStreamsWorld, world } from "@/lib/testing/streams-world";

// Resumption towards the agent: a dropped stream replayed from Last-Event-ID.
await serveStreamsWorld();

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
