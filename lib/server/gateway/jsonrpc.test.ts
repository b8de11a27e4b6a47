import fc from "fast-check";
import { JSONRPCMessageSchema } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { isResultMessage, parseJsonRpcMessage } from "./jsonrpc";

const id = fc.oneof(
  { arbitrary: fc.oneof(fc.string({ maxLength: 6 }), fc.integer()), weight: 3 },
  fc.constant(2 ** 60),
  fc.double(),
  fc.constant(null),
  fc.boolean(),
);
const json = fc.jsonValue({ maxDepth: 2 });
const dict = fc.dictionary(
  fc.oneof(fc.string({ maxLength: 5 }), fc.constantFrom("_meta", "__proto__", "task", "name")),
  json,
  { maxKeys: 4 },
);
const meta = fc.record(
  {
    progressToken: fc.oneof(fc.string(), fc.integer(), fc.double()),
    "io.modelcontextprotocol/related-task": fc.record({ taskId: fc.string(), extra: fc.string() }),
  },
  { requiredKeys: [] },
);
const plain = fc.dictionary(fc.string({ maxLength: 5 }), json, { maxKeys: 3 });
const payload = fc.oneof(
  { arbitrary: plain, weight: 3 },
  dict,
  fc.tuple(dict, meta).map(([d, m]) => ({ ...d, _meta: m })),
  json,
);
const error = fc.oneof(
  fc.record(
    {
      code: fc.oneof(fc.integer(), fc.double()),
      message: fc.oneof(fc.string(), fc.integer()),
      data: json,
      extra: fc.string(),
    },
    { requiredKeys: ["code", "message"] },
  ),
  json,
);
// Envelopes as the wire would bring them: the four kinds, each with its keys sometimes missing,
// mistyped or joined by keys of another kind.
const jsonrpc = fc.constantFrom("2.0", "2.0", "2.0", "1.0", 2);
const method = fc.oneof(fc.string({ maxLength: 12 }), fc.constant("tools/call"), fc.integer());
const opt = { requiredKeys: [] as never[] };
const kinds = [
  fc.record({ jsonrpc, id, method, params: payload }, { requiredKeys: ["jsonrpc", "id", "method"] }),
  fc.record({ jsonrpc, method, params: payload }, { requiredKeys: ["jsonrpc", "method"] }),
  fc.record({ jsonrpc, id, result: payload }, { requiredKeys: ["jsonrpc", "id", "result"] }),
  fc.record({ jsonrpc, id, error }, { requiredKeys: ["jsonrpc", "error"] }),
];
const stray = fc.record({ id, method, params: payload, result: payload, error, extra: json }, opt);
const message = fc
  .tuple(fc.oneof(...kinds), fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, stray))
  .map(([m, more]) => ({ ...m, ...(more ?? {}) }));
// Through JSON text, as parsed off the wire (an own "__proto__" key stays an own key, as JSON.parse makes it).
const wire = fc
  .oneof(message, json)
  .map((m) => JSON.parse(JSON.stringify(m).replaceAll('"__proto_"', '"__proto__"')) as unknown);

function outcome(parse: (v: unknown) => unknown, v: unknown) {
  try {
    return { ok: true as const, value: parse(v) };
  } catch {
    return { ok: false as const };
  }
}

describe("parseJsonRpcMessage", () => {
  it("accepts, refuses and returns exactly what the SDK's JSONRPCMessageSchema does (property), taking its short way often", () => {
    let short = 0;
    fc.assert(
      fc.property(wire, (v) => {
        const ours = outcome(parseJsonRpcMessage, v);
        const sdk = outcome((x) => JSONRPCMessageSchema.parse(x), v);
        expect(ours.ok).toBe(sdk.ok);
        if (ours.ok && sdk.ok) {
          expect(ours.value).toStrictEqual(sdk.value);
          expect(isResultMessage(ours.value as never)).toBe("result" in (sdk.value as object));
          if (ours.value === v) short++;
        }
      }),
      { numRuns: 5_000 },
    );
    // About 5.6 % of the envelopes are plain ones (267–291 of 5,000 in four runs): the short way is taken often, and agrees.
    expect(short).toBeGreaterThan(150);
  });

  it("takes a tools/call request and its result response as they are", () => {
    const request = {
      jsonrpc: "2.0",
      id: 7,
      method: "tools/call",
      params: { name: "echo", arguments: { message: "hi" } },
    };
    const response = { jsonrpc: "2.0", id: 7, result: { content: [{ type: "text", text: "Echo: hi" }] } };
    expect(parseJsonRpcMessage(request)).toBe(request);
    expect(parseJsonRpcMessage(response)).toBe(response);
    // With _meta the schema reshapes it (nested objects lose unknown keys): the schema's copy.
    const withMeta = { ...request, params: { ...request.params, _meta: { progressToken: 1 } } };
    expect(parseJsonRpcMessage(withMeta)).not.toBe(withMeta);
    expect(() => parseJsonRpcMessage({ ...request, id: 1.5 })).toThrow();
    expect(() => parseJsonRpcMessage({ ...request, extra: 1 })).toThrow();
  });
});
