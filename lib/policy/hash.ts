// Policy and request hashes: "sha256:" + hex SHA-256 of the RFC 8785 (JCS) canonical JSON.
import canonicalize from "canonicalize";
import { sha256Hex } from "./sha256";
import type { Policy } from "./types";

export interface RequestIdentity {
  environment: string;
  agent: string;
  server: string;
  tool: string;
  arguments: unknown;
}

/** RFC 8785 canonical JSON; throws on values JSON cannot carry (NaN, Infinity). */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError("value has no JSON representation");
  return text;
}

let digestHex: (text: string) => string = sha256Hex;

/**
 * Lets a server plug in its native SHA-256 (node:crypto is ~5× faster on the decision path)
 * while this module stays free of I/O and Node imports for the browser. Same digest either way.
 */
export function useSha256(impl: (text: string) => string): void {
  digestHex = impl;
}

export function sha256Tagged(text: string): string {
  return `sha256:${digestHex(text)}`;
}

export function policyHash(policy: Policy): string {
  return sha256Tagged(canonicalJson(policy));
}

/** Absent arguments hash like `{}`: an MCP tools/call without arguments is a call with none. */
export function requestHash(req: RequestIdentity): string {
  return requestHashParts(req).hash;
}

/**
 * requestHash, and the canonical text of the arguments it covered (a decision row chains the same
 * text when masking left the arguments as they were, so they are serialised once). The identity's
 * canonical JSON is written out directly: its members in RFC 8785 order (agent, arguments,
 * environment, server, tool) and its strings as canonicalize writes them (JSON.stringify).
 */
export function requestHashParts(req: RequestIdentity): { hash: string; argumentsJson: string } {
  const argumentsJson = canonicalJson(req.arguments === undefined ? {} : req.arguments);
  const text = `{"agent":${JSON.stringify(req.agent)},"arguments":${argumentsJson},"environment":${JSON.stringify(req.environment)},"server":${JSON.stringify(req.server)},"tool":${JSON.stringify(req.tool)}}`;
  return { hash: sha256Tagged(text), argumentsJson };
}
