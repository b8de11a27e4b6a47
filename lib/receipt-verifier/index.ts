/**
 * Verifies the MCP governance console's decision receipts inside an upstream MCP server.
 * Standalone on purpose: it imports nothing from the console, only jose and canonicalize, so
 * an upstream team can copy this directory (or import it) without the console's code.
 */
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from "jose";

/** Where the gateway puts the receipt in a forwarded tools/call: `params._meta[RECEIPT_META_KEY]`. */
export const RECEIPT_META_KEY = "governance-console/receipt";
/** The HTTP header the gateway also sends it in to Streamable HTTP upstreams. */
export const RECEIPT_HEADER = "mcp-governance-receipt";
/** The JWS `typ` of a receipt (never an access token's `at+jwt`, so neither can stand for the other). */
export const RECEIPT_TYP = "mcp-receipt+jwt";
/** The JSON-RPC error code a refused call gets. */
export const RECEIPT_REFUSED_CODE = -32021;

export interface ReceiptClaims {
  iss: string;
  /** The server's catalog name: the audience the upstream expects. */
  aud: string;
  /** The decision id; a receipt is good for one call. */
  jti: string;
  iat: number;
  exp: number;
  client_id: string;
  env: string;
  server: string;
  tool: string;
  /** `sha256:<hex>` of the RFC 8785 form of {agent, arguments, environment, server, tool}: the decision's request hash. */
  request_hash: string;
  policy_hash: string | null;
  approval_id?: string;
  decision: string;
  constraints: Record<string, unknown>;
}

export type ReceiptRefusal =
  | "missing"
  | "malformed"
  | "bad_signature"
  | "unknown_key"
  | "expired"
  | "wrong_issuer"
  | "wrong_audience"
  | "wrong_tool"
  | "arguments_mismatch"
  | "replayed"
  | "keys_unavailable";

export class ReceiptError extends Error {
  /** A JSON-RPC error code, so the SDK answers the call with it. */
  readonly code = RECEIPT_REFUSED_CODE;
  readonly data: { reason: ReceiptRefusal };
  constructor(
    readonly reason: ReceiptRefusal,
    message: string,
  ) {
    super(`Refused: ${message}`);
    this.name = "ReceiptError";
    this.data = { reason };
  }
}

/** Single use across calls: `claim` answers true only the first time a jti is seen before it expires. */
export interface ReplayCache {
  claim(jti: string, expiresAtSec: number): boolean | Promise<boolean>;
}

/** A process-local replay cache (one upstream process); several processes need a shared one (e.g. Redis SET NX). */
export function memoryReplayCache(maxEntries = 200_000): ReplayCache {
  const seen = new Map<string, number>();
  return {
    claim(jti, expiresAtSec) {
      const now = Date.now() / 1000;
      if (seen.size >= maxEntries)
        for (const [k, exp] of seen) if (exp < now || seen.size >= maxEntries) seen.delete(k);
      const prior = seen.get(jti);
      if (prior !== undefined && prior >= now) return false;
      seen.set(jti, expiresAtSec);
      return true;
    },
  };
}

export interface ReceiptVerifierOptions {
  /** The console's JWKS, e.g. `https://console.example/.well-known/jwks.json`. */
  jwksUrl?: string | URL;
  /** Instead of jwksUrl: a key resolver (tests, or keys pinned by configuration). */
  keys?: JWTVerifyGetKey;
  /** This server's catalog name in the console. */
  audience: string;
  /** The console's PUBLIC_URL; when unset, the origin of jwksUrl. */
  issuer?: string;
  /** Also require this environment (`production`, …). */
  environment?: string;
  replayCache?: ReplayCache;
  /** Clock skew allowed on exp/iat, seconds (default 5). */
  clockToleranceSec?: number;
}

/** The parts of an MCP tools/call request the verifier reads. */
export interface ToolCallRequest {
  params: { name: string; arguments?: Record<string, unknown>; _meta?: Record<string, unknown> };
}

type Headers = Record<string, string | string[] | undefined>;

/** The parts of the SDK's RequestHandlerExtra the wrappers read. */
export interface HandlerExtra {
  _meta?: Record<string, unknown>;
  requestInfo?: { headers?: Headers };
}

export interface ReceiptVerifier {
  /** Resolves with the receipt's claims, or rejects with a ReceiptError; a receipt passes once. */
  verify(request: ToolCallRequest, headers?: Headers): Promise<ReceiptClaims>;
}

export function createReceiptVerifier(opts: ReceiptVerifierOptions): ReceiptVerifier {
  if (!opts.keys && !opts.jwksUrl) throw new TypeError("createReceiptVerifier needs jwksUrl or keys");
  // jose refetches the JWKS on an unknown kid (at most every 30 s); the console pre-publishes new keys that long.
  const keys = opts.keys ?? createRemoteJWKSet(new URL(opts.jwksUrl!), { cacheMaxAge: 10 * 60_000 });
  const issuer = opts.issuer ?? new URL(opts.jwksUrl!).origin;
  const replay = opts.replayCache ?? memoryReplayCache();
  const tolerance = opts.clockToleranceSec ?? 5;
  return {
    async verify(request, headers) {
      const jws = receiptOf(request, headers);
      let claims: ReceiptClaims;
      try {
        const verified = await jwtVerify(jws, keys, {
          issuer,
          audience: opts.audience,
          typ: RECEIPT_TYP,
          algorithms: ["ES256", "EdDSA"],
          clockTolerance: tolerance,
          requiredClaims: ["jti", "exp", "iat", "tool", "server", "request_hash", "client_id", "env"],
        });
        claims = verified.payload as unknown as ReceiptClaims;
      } catch (err) {
        throw refusalOf(err);
      }
      if (claims.exp - claims.iat > 3600) throw new ReceiptError("malformed", "the receipt lives too long.");
      if (claims.server !== opts.audience)
        throw new ReceiptError("wrong_audience", "the receipt is for another server.");
      if (opts.environment && claims.env !== opts.environment)
        throw new ReceiptError("wrong_audience", "the receipt is for another environment.");
      if (claims.tool !== request.params.name) throw new ReceiptError("wrong_tool", "the receipt is for another tool.");
      if (receiptRequestHash(claims, request.params.arguments) !== claims.request_hash)
        throw new ReceiptError("arguments_mismatch", "the arguments are not the ones the console decided on.");
      if (!(await replay.claim(claims.jti, claims.exp + tolerance)))
        throw new ReceiptError("replayed", "the receipt was already used.");
      return claims;
    },
  };
}

/** The request hash the console wrote for this call: sha256 over the RFC 8785 form of its identity. */
export function receiptRequestHash(claims: Pick<ReceiptClaims, "client_id" | "env" | "server" | "tool">, args = {}) {
  const text = canonicalize({
    agent: claims.client_id,
    arguments: args,
    environment: claims.env,
    server: claims.server,
    tool: claims.tool,
  });
  return `sha256:${createHash("sha256")
    .update(text ?? "", "utf8")
    .digest("hex")}`;
}

function receiptOf(request: ToolCallRequest, headers?: Headers): string {
  const fromMeta = request.params?._meta?.[RECEIPT_META_KEY];
  const header = headers?.[RECEIPT_HEADER];
  const fromHeader = Array.isArray(header) ? undefined : header;
  const jws = typeof fromMeta === "string" ? fromMeta : fromHeader;
  if (!jws) throw new ReceiptError("missing", "this server only runs calls decided by the MCP governance console.");
  if (typeof fromMeta === "string" && fromHeader !== undefined && fromHeader !== fromMeta)
    throw new ReceiptError("malformed", "the receipt in _meta and the header differ.");
  if (jws.length > 8192) throw new ReceiptError("malformed", "the receipt is too large.");
  return jws;
}

function refusalOf(err: unknown): ReceiptError {
  if (err instanceof errors.JWTExpired) return new ReceiptError("expired", "the receipt has expired.");
  if (err instanceof errors.JWKSNoMatchingKey) return new ReceiptError("unknown_key", "the receipt's key is unknown.");
  if (err instanceof errors.JWSSignatureVerificationFailed)
    return new ReceiptError("bad_signature", "the receipt's signature does not verify.");
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === "iss") return new ReceiptError("wrong_issuer", "the receipt comes from another issuer.");
    if (err.claim === "aud") return new ReceiptError("wrong_audience", "the receipt is for another server.");
    return new ReceiptError("malformed", `the receipt's ${err.claim} claim is not valid.`);
  }
  if (err instanceof errors.JWKSTimeout || !(err instanceof errors.JOSEError))
    return new ReceiptError("keys_unavailable", "the console's keys could not be fetched.");
  return new ReceiptError("malformed", "the receipt is not a valid signed receipt.");
}

const verifiers = new Map<string, ReceiptVerifier>();

/**
 * One call: verifies the receipt a tools/call carries (in `_meta`, or the header) and resolves with its
 * claims. Verifiers (JWKS cache, replay cache) are kept per jwksUrl, audience and issuer.
 */
export function verifyReceipt(
  request: ToolCallRequest,
  opts: ReceiptVerifierOptions & { headers?: Headers },
): Promise<ReceiptClaims> {
  const key = `${opts.jwksUrl}\u0000${opts.audience}\u0000${opts.issuer ?? ""}\u0000${opts.environment ?? ""}`;
  let verifier = opts.keys || opts.replayCache ? undefined : verifiers.get(key);
  if (!verifier) {
    verifier = createReceiptVerifier(opts);
    if (!opts.keys && !opts.replayCache) verifiers.set(key, verifier);
  }
  return verifier.verify(request, opts.headers);
}

/**
 * Wraps a low-level SDK server's tools/call handler
 * (`server.setRequestHandler(CallToolRequestSchema, requireReceipt(opts, handler))`): a call without a
 * valid, unused receipt for this tool and these exact arguments is answered with a JSON-RPC error.
 */
export function requireReceipt<Req extends ToolCallRequest, Extra extends HandlerExtra, Res>(
  opts: ReceiptVerifierOptions | ReceiptVerifier,
  handler: (request: Req, extra: Extra, receipt: ReceiptClaims) => Res | Promise<Res>,
): (request: Req, extra: Extra) => Promise<Res> {
  const verifier = "verify" in opts ? opts : createReceiptVerifier(opts);
  return async (request, extra) => {
    const receipt = await verifier.verify(request, extra.requestInfo?.headers);
    return handler(request, extra, receipt);
  };
}

/**
 * The same for an `McpServer.registerTool` callback: it sees the arguments after the tool's schema
 * parsed them, so a schema that adds defaults or drops unknown keys changes the hash (refused).
 */
export function receiptTool<Args extends Record<string, unknown>, Extra extends HandlerExtra, Res>(
  name: string,
  opts: ReceiptVerifierOptions | ReceiptVerifier,
  callback: (args: Args, extra: Extra, receipt: ReceiptClaims) => Res | Promise<Res>,
): (args: Args, extra: Extra) => Promise<Res> {
  const verifier = "verify" in opts ? opts : createReceiptVerifier(opts);
  return async (args, extra) => {
    const receipt = await verifier.verify(
      { params: { name, arguments: args, _meta: extra._meta } },
      extra.requestInfo?.headers,
    );
    return callback(args, extra, receipt);
  };
}
