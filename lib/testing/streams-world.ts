import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  type JSONRPCMessage,
} from "@modelcontextprotocol/sdk/types.js";
import { createParser } from "eventsource-parser";
import { afterAll, beforeAll } from "vitest";
import { startConformanceUpstream, type ConformanceUpstream } from "./conformance-upstream";
import { prepareGatewayEnv, startGatewayWorld, type GatewayWorld } from "./gateway-world";

// The gateway (embedded database, at most CAP sessions per agent, an event store for resumption)
// in front of two conformance fixture upstreams: `plain` sends no event ids, `numbered` does.
// Call `serveStreamsWorld()` at the top of a test file, before anything imports lib/env; the
// bindings below are set once its beforeAll has run.
export const TOOLS = [
  "relate_all",
  "test_tool_with_progress",
  "test_tool_with_logging",
  "test_elicitation",
  "test_simple_text",
  "unrelated_sampling",
];
export const CAP = 3;
export let plain: ConformanceUpstream;
export let numbered: ConformanceUpstream;
export let world: GatewayWorld;

export async function serveStreamsWorld(): Promise<void> {
  const at = await prepareGatewayEnv();
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
}

/** What arrived on each POST's SSE answer, by the JSON-RPC id of the request it carried. */
export type Streams = Map<string | number, JSONRPCMessage[]>;

/**
 * An SDK client through the gateway whose fetch records every message per POST answer. With
 * `noGetStream` it opens no standalone stream (its GET is answered 405 without reaching the gateway).
 */
export async function agentClient(
  server: string,
  token: string,
  opts: { noGetStream?: boolean; streams?: Streams } = {},
) {
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
