import "server-only";
import { inspectOutput, QUARANTINED_OUTPUT } from "@/lib/output-safety/inspect";

/**
 * Resource contents and prompt messages reach the model as tool output does, so they pass
 * output safety too (pure inspection; there is no decision to record them against):
 * REDACT rewrites them, QUARANTINE replaces them with an explanation.
 */
export function inspectPassThrough(
  method: string,
  params: Record<string, unknown> | undefined,
  result: Record<string, unknown>,
): Record<string, unknown> {
  const verdict = inspectOutput(result);
  if (verdict.action === "ALLOW") return result;
  if (verdict.action === "REDACT") return verdict.output as Record<string, unknown>;
  const kinds = [...new Set(verdict.findings.map((f) => f.kind))].join(", ");
  const text = `${QUARANTINED_OUTPUT} The MCP governance console found text that could steer the model (${kinds}) and withheld it.`;
  if (method === "resources/read")
    return { contents: [{ uri: String(params?.uri ?? ""), mimeType: "text/plain", text }] };
  return { description: "withheld", messages: [{ role: "user", content: { type: "text", text } }] };
}
