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
  return sha256Tagged(
    canonicalJson({
      environment: req.environment,
      agent: req.agent,
      server: req.server,
      tool: req.tool,
      arguments: req.arguments === undefined ? {} : req.arguments,
    }),
  );
}
