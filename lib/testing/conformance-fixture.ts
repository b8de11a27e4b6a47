import type { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import {
  CompleteRequestSchema,
  CreateMessageResultSchema,
  ElicitResultSchema,
  ListToolsRequestSchema,
  SetLevelRequestSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
  type ServerNotification,
  type ServerRequest,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";
import { z } from "zod";

// The MCP server behind lib/testing/conformance-upstream.ts: what the official conformance suite
// calls by name, and the gateway's own relate_all and unrelated_sampling.
const PNG_1PX = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
const WAV_EMPTY = "UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YQAAAAA=";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const text = (t: string) => ({ content: [{ type: "text" as const, text: t }] });

/** An elicitation/create request related to the call, with a form of the given schema. */
const elicit = (extra: RequestHandlerExtra<ServerRequest, ServerNotification>, message: string, schema: object) =>
  extra.sendRequest(
    { method: "elicitation/create", params: { mode: "form", message, requestedSchema: schema } } as never,
    ElicitResultSchema,
  );

export function fixtureServer(sessions: Map<string, StreamableHTTPServerTransport>): McpServer {
  const mcp = new McpServer(
    { name: "conformance-fixture", version: "1.0.0" },
    {
      capabilities: {
        tools: { listChanged: true },
        resources: { subscribe: true, listChanged: true },
        prompts: { listChanged: true },
        logging: {},
        completions: {},
      },
    },
  );

  registerContentTools(mcp);
  registerBehaviourTools(mcp, sessions);
  registerElicitationTools(mcp);
  registerGatewayTools(mcp);
  registerResourcesAndPrompts(mcp);
  mcp.server.setRequestHandler(SetLevelRequestSchema, async () => ({}));
  mcp.server.setRequestHandler(CompleteRequestSchema, async () => ({
    completion: { values: [], total: 0, hasMore: false },
  }));
  keepSchema2020InToolsList(mcp);
  return mcp;
}

/** The conformance suite's resources (static, binary, templated, watched) and prompts. */
function registerResourcesAndPrompts(mcp: McpServer): void {
  mcp.registerResource("static-text", "test://static-text", { mimeType: "text/plain" }, async () => ({
    contents: [{ uri: "test://static-text", mimeType: "text/plain", text: "Static text resource." }],
  }));
  mcp.registerResource("static-binary", "test://static-binary", { mimeType: "image/png" }, async () => ({
    contents: [{ uri: "test://static-binary", mimeType: "image/png", blob: PNG_1PX }],
  }));
  mcp.registerResource(
    "template",
    new ResourceTemplate("test://template/{id}/data", { list: undefined }),
    { mimeType: "application/json" },
    async (uri, { id }) => ({
      contents: [{ uri: uri.href, mimeType: "application/json", text: JSON.stringify({ id, data: `Data for ${id}` }) }],
    }),
  );
  mcp.registerResource("watched-resource", "test://watched-resource", { mimeType: "text/plain" }, async () => ({
    contents: [{ uri: "test://watched-resource", mimeType: "text/plain", text: "Watched." }],
  }));
  mcp.server.setRequestHandler(SubscribeRequestSchema, async () => ({}));
  mcp.server.setRequestHandler(UnsubscribeRequestSchema, async () => ({}));

  mcp.registerPrompt("test_simple_prompt", { description: "No arguments." }, async () => ({
    messages: [{ role: "user", content: { type: "text", text: "A simple prompt." } }],
  }));
  mcp.registerPrompt(
    "test_prompt_with_arguments",
    { description: "Two arguments.", argsSchema: { arg1: z.string(), arg2: z.string() } },
    async ({ arg1, arg2 }) => ({
      messages: [{ role: "user", content: { type: "text", text: `arg1=${arg1} arg2=${arg2}` } }],
    }),
  );
  mcp.registerPrompt(
    "test_prompt_with_embedded_resource",
    { description: "Embeds a resource.", argsSchema: { resourceUri: z.string() } },
    async ({ resourceUri }) => ({
      messages: [
        {
          role: "user",
          content: { type: "resource", resource: { uri: resourceUri, mimeType: "text/plain", text: "Embedded." } },
        },
        { role: "user", content: { type: "text", text: "Read the resource above." } },
      ],
    }),
  );
  mcp.registerPrompt("test_prompt_with_image", { description: "Carries an image." }, async () => ({
    messages: [
      { role: "user", content: { type: "image", data: PNG_1PX, mimeType: "image/png" } },
      { role: "user", content: { type: "text", text: "Describe the image above." } },
    ],
  }));
}

/** tools/list as registered, but json_schema_2020_12_tool with its 2020-12 keywords kept. */
function keepSchema2020InToolsList(mcp: McpServer): void {
  const listed = (mcp.server as unknown as { _requestHandlers: Map<string, (...a: unknown[]) => unknown> })
    ._requestHandlers;
  const registeredList = listed.get("tools/list")!;
  mcp.server.setRequestHandler(ListToolsRequestSchema, async (req, extra) => {
    const page = (await registeredList(req, extra)) as { tools: Tool[] };
    return {
      tools: page.tools.map((t) =>
        t.name === "json_schema_2020_12_tool"
          ? {
              ...t,
              inputSchema: {
                $schema: "https://json-schema.org/draft/2020-12/schema",
                type: "object" as const,
                $defs: { address: { type: "object", properties: { city: { type: "string" } } } },
                properties: { name: { type: "string" }, address: { $ref: "#/$defs/address" } },
                additionalProperties: false,
              },
            }
          : t,
      ),
    };
  });
}

/** Tools answering each kind of content: text, image, audio, an embedded resource, and all at once. */
function registerContentTools(mcp: McpServer): void {
  mcp.registerTool("test_simple_text", { description: "Returns one text item." }, async () =>
    text("A plain text answer from the fixture."),
  );
  mcp.registerTool("test_image_content", { description: "Returns an image." }, async () => ({
    content: [{ type: "image", data: PNG_1PX, mimeType: "image/png" }],
  }));
  mcp.registerTool("test_audio_content", { description: "Returns audio." }, async () => ({
    content: [{ type: "audio", data: WAV_EMPTY, mimeType: "audio/wav" }],
  }));
  mcp.registerTool("test_embedded_resource", { description: "Returns an embedded resource." }, async () => ({
    content: [
      {
        type: "resource",
        resource: { uri: "test://embedded-resource", mimeType: "text/plain", text: "Embedded text." },
      },
    ],
  }));
  mcp.registerTool("test_multiple_content_types", { description: "Returns text, image and resource." }, async () => ({
    content: [
      { type: "text", text: "Three kinds follow." },
      { type: "image", data: PNG_1PX, mimeType: "image/png" },
      {
        type: "resource",
        resource: { uri: "test://mixed-content-resource", mimeType: "application/json", text: '{"kind":"mixed"}' },
      },
    ],
  }));
}

/** Logging, progress, an error, a reconnection and sampling. */
function registerBehaviourTools(mcp: McpServer, sessions: Map<string, StreamableHTTPServerTransport>): void {
  mcp.registerTool(
    "test_tool_with_logging",
    { description: "Logs three lines while it runs.", inputSchema: {} },
    async (_args, extra) => {
      for (const step of ["started", "working", "finished"]) {
        await extra.sendNotification({ method: "notifications/message", params: { level: "info", data: step } });
        await sleep(20);
      }
      return text("logged three lines");
    },
  );
  mcp.registerTool(
    "test_tool_with_progress",
    { description: "Reports progress three times.", inputSchema: {} },
    async (_args, extra) => {
      const progressToken = extra._meta?.progressToken ?? 0;
      for (const progress of [0, 50, 100]) {
        await extra.sendNotification({
          method: "notifications/progress",
          params: { progressToken, progress, total: 100 },
        });
        await sleep(20);
      }
      return text(String(progressToken));
    },
  );
  mcp.registerTool("test_error_handling", { description: "Always fails." }, async () => {
    throw new Error("This tool fails on purpose.");
  });
  mcp.registerTool(
    "test_reconnection",
    { description: "Closes its SSE stream mid-call; answers after the client reconnects.", inputSchema: {} },
    async (_args, extra) => {
      const t = extra.sessionId ? sessions.get(extra.sessionId) : undefined;
      if (t) t.closeSSEStream(extra.requestId);
      await sleep(100);
      return text("answered after the reconnect");
    },
  );
  mcp.registerTool(
    "test_sampling",
    { description: "Asks the client to sample.", inputSchema: { prompt: z.string() } },
    async ({ prompt }, extra) => {
      const r = await extra.sendRequest(
        {
          method: "sampling/createMessage",
          params: { messages: [{ role: "user", content: { type: "text", text: prompt } }], maxTokens: 100 },
        },
        CreateMessageResultSchema,
      );
      return text(`LLM response: ${r.content.type === "text" ? r.content.text : r.content.type}`);
    },
  );
}

/** Elicitation: a plain form, one with defaults, one with enums. */
function registerElicitationTools(mcp: McpServer): void {
  mcp.registerTool(
    "test_elicitation",
    { description: "Asks the user for input.", inputSchema: { message: z.string() } },
    async ({ message }, extra) => {
      const r = await elicit(extra, message, {
        type: "object",
        properties: { response: { type: "string", description: "The answer" } },
        required: ["response"],
      });
      return text(`action=${r.action} content=${JSON.stringify(r.content ?? {})}`);
    },
  );
  mcp.registerTool(
    "test_elicitation_sep1034_defaults",
    { description: "Elicits with defaults for every primitive type.", inputSchema: {} },
    async (_args, extra) => {
      const r = await elicit(extra, "Check the defaults", {
        type: "object",
        properties: {
          name: { type: "string", default: "John Doe" },
          age: { type: "integer", default: 30 },
          score: { type: "number", default: 95.5 },
          status: { type: "string", enum: ["active", "inactive", "pending"], default: "active" },
          verified: { type: "boolean", default: true },
        },
        required: [],
      });
      return text(`action=${r.action} content=${JSON.stringify(r.content ?? {})}`);
    },
  );
  mcp.registerTool(
    "test_elicitation_sep1330_enums",
    { description: "Elicits with the five enum shapes.", inputSchema: {} },
    async (_args, extra) => {
      const r = await elicit(extra, "Pick options", {
        type: "object",
        properties: {
          untitledSingle: { type: "string", enum: ["option1", "option2", "option3"] },
          titledSingle: {
            type: "string",
            oneOf: [
              { const: "value1", title: "One" },
              { const: "value2", title: "Two" },
              { const: "value3", title: "Three" },
            ],
          },
          legacyEnum: { type: "string", enum: ["opt1", "opt2", "opt3"], enumNames: ["Opt 1", "Opt 2", "Opt 3"] },
          untitledMulti: {
            type: "array",
            minItems: 1,
            maxItems: 3,
            items: { type: "string", enum: ["option1", "option2", "option3"] },
          },
          titledMulti: {
            type: "array",
            minItems: 1,
            maxItems: 3,
            items: {
              anyOf: [
                { const: "value1", title: "One" },
                { const: "value2", title: "Two" },
                { const: "value3", title: "Three" },
              ],
            },
          },
        },
        required: [],
      });
      return text(`action=${r.action} content=${JSON.stringify(r.content ?? {})}`);
    },
  );
}

/** The 2020-12 schema tool, and the gateway's own relate_all and unrelated_sampling. */
function registerGatewayTools(mcp: McpServer): void {
  mcp.registerTool(
    "json_schema_2020_12_tool",
    {
      description: "Its input schema uses JSON Schema 2020-12 keywords.",
      inputSchema: { name: z.string().optional(), address: z.object({ city: z.string().optional() }).optional() },
    },
    async (args) => text(JSON.stringify(args)),
  );
  mcp.registerTool(
    "relate_all",
    { description: "Progress, a log line, sampling and elicitation in one call.", inputSchema: { tag: z.string() } },
    async ({ tag }, extra) => {
      const progressToken = extra._meta?.progressToken;
      if (progressToken !== undefined)
        await extra.sendNotification({ method: "notifications/progress", params: { progressToken, progress: 1 } });
      await extra.sendNotification({ method: "notifications/message", params: { level: "info", data: `log:${tag}` } });
      const sampled = await extra.sendRequest(
        {
          method: "sampling/createMessage",
          params: { messages: [{ role: "user", content: { type: "text", text: tag } }], maxTokens: 10 },
        },
        CreateMessageResultSchema,
      );
      const elicited = await elicit(extra, tag, { type: "object", properties: { tag: { type: "string" } } });
      if (progressToken !== undefined)
        await extra.sendNotification({ method: "notifications/progress", params: { progressToken, progress: 2 } });
      const s = sampled.content.type === "text" ? sampled.content.text : "";
      return text(`${tag}|${s}|${String(elicited.content?.tag ?? "")}`);
    },
  );

  // As servers that send their requests unrelated to any call (on their GET stream) do.
  mcp.registerTool(
    "unrelated_sampling",
    { description: "Samples without relating the request to this call.", inputSchema: { tag: z.string() } },
    async ({ tag }) => {
      const r = await mcp.server.createMessage({
        messages: [{ role: "user", content: { type: "text", text: tag } }],
        maxTokens: 10,
      });
      return text(`unrelated|${r.content.type === "text" ? r.content.text : ""}`);
    },
  );
}
