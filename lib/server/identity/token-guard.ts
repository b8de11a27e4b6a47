import "server-only";
import { decodeJwt, decodeProtectedHeader, type JWTPayload } from "jose";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hasScope, parseScopeValue, requiredScope, scopeCovers } from "@/lib/auth/scopes";
import { env } from "@/lib/env";
import { ENVIRONMENTS, type ActionClass, type EnvironmentName } from "@/lib/schemas/identity";
import { getDb } from "../db";
import { HttpProblem, problemResponse } from "../errors";
import { requestIdOf, type RequestHead } from "../handler";
import { agentState, type AgentState } from "./agent-state";
import { protectedResourceMetadataUrl } from "./metadata";
import { TokenRejected, verifyBuiltinToken } from "./verify-builtin";
import { activeIssuers, introspectOpaqueToken, verifyExternalJwt, type ExternalIdentity } from "./verify-external";
import { log } from "../log";

export interface AgentPrincipal {
  agentId: string;
  clientId: string;
  name: string;
  owner: string;
  environment: EnvironmentName;
  /** The token's scopes that the agent still holds. */
  scopes: string[];
  jti: string | null;
  tokenExpiresAt: Date;
  /** `iss` of the token: PUBLIC_URL for the built-in issuer, else the trusted issuer's URL. */
  issuer: string;
  /** The RFC 9728 metadata URL of the resource the token was presented to (for later challenges). */
  resourceMetadataUrl: string;
}

export type AuthFailureReason =
  | "missing_token"
  | "token_in_query"
  | "duplicate_authorization"
  | "malformed_authorization"
  | "console_token"
  | "unknown_issuer"
  | "invalid_token"
  | "expired"
  | "unknown_key"
  | "lifetime"
  | "invalid_audience"
  | "invalid_environment"
  | "revoked_token"
  | "agent_inactive"
  | "unknown_agent"
  | "unavailable";

export type AuthResult =
  | { ok: true; agent: AgentPrincipal }
  | { ok: false; response: Response; reason: AuthFailureReason };

export interface AuthenticateOptions {
  /** The exact resource URL of the path called (RFC 8707), e.g. resourceUrlFor("/api/v1/decisions"). */
  resourceUrl: string;
  prisma?: PrismaClient;
  /** Node's raw header list when the caller has it (a custom server): lets the guard see a second Authorization header that Node would otherwise drop. */
  rawHeaders?: string[];
}

const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;
const CONSOLE_TOKEN = /^mgc_/;
const verified = new Map<string, { claims: JWTPayload; expMs: number }>();
const VERIFIED_MAX = 10_000;

function quote(value: string): string {
  return `"${value.replace(/["\\]/g, "")}"`;
}

function fail(
  req: RequestHead,
  prm: string,
  status: 400 | 401 | 503,
  reason: AuthFailureReason,
  detail: string,
  error?: string,
  requestId = requestIdOf(req),
): AuthResult {
  const params = [
    error ? `error=${quote(error)}` : null,
    error ? `error_description=${quote(detail)}` : null,
    `resource_metadata=${quote(prm)}`,
  ];
  const problem = new HttpProblem(
    status,
    status === 503 ? "unavailable" : status === 400 ? "invalid-request" : "unauthorized",
    status === 400 ? "Bad request" : status === 401 ? "Unauthorized" : "Service unavailable",
    detail,
    {
      headers: { "WWW-Authenticate": `Bearer ${params.filter(Boolean).join(", ")}` },
    },
  );
  return { ok: false, reason, response: problemResponse(problem, requestId) };
}

function authorizationCount(req: RequestHead, rawHeaders?: string[]): number {
  if (rawHeaders) return rawHeaders.filter((h, i) => i % 2 === 0 && h.toLowerCase() === "authorization").length;
  const value = req.headers.get("authorization");
  // Fetch joins repeated headers with ", "; a bearer token never contains a comma.
  return value === null ? 0 : value.split(",").length;
}

/**
 * docs/order-of-checks.md#1-authenticate for every agent-facing route: a bearer token in the Authorization header,
 * verified (built-in ES256 issuer or a trusted external issuer), for this resource, of a live agent.
 */
export async function authenticateAgent(req: RequestHead, opts: AuthenticateOptions): Promise<AuthResult> {
  const prm = protectedResourceMetadataUrl(opts.resourceUrl);
  // Parsed only when there is a query to look in.
  const inQuery = req.url.includes("?") && new URL(req.url).searchParams.has("access_token");
  const count = authorizationCount(req, opts.rawHeaders);
  if (inQuery)
    return fail(
      req,
      prm,
      400,
      "token_in_query",
      "Send the token in the Authorization header only, never in the URL.",
      "invalid_request",
    );
  if (count === 0) return fail(req, prm, 401, "missing_token", "A bearer token is required.");
  if (count > 1)
    return fail(req, prm, 400, "duplicate_authorization", "Send exactly one Authorization header.", "invalid_request");
  const match = BEARER.exec(req.headers.get("authorization")!.trim());
  if (!match)
    return fail(req, prm, 401, "malformed_authorization", "Use Authorization: Bearer <token>.", "invalid_token");
  const token = match[1];
  if (CONSOLE_TOKEN.test(token)) {
    return fail(
      req,
      prm,
      401,
      "console_token",
      "Console and metrics tokens are not accepted here; use an agent access token.",
      "invalid_token",
    );
  }
  let prisma: PrismaClient;
  try {
    prisma = opts.prisma ?? (await getDb()).prisma;
  } catch {
    return fail(req, prm, 503, "unavailable", "The console cannot verify tokens right now.");
  }
  try {
    // Built with the metadata URL in place: spreading a principal into a new object costs more than the whole check.
    return { ok: true, agent: await verifyToken(prisma, token, opts.resourceUrl, prm) };
  } catch (err) {
    if (err instanceof TokenRejected)
      return fail(req, prm, 401, err.reason as AuthFailureReason, err.message, "invalid_token");
    const requestId = requestIdOf(req);
    log.error({ err, request_id: requestId }, "token verification failed unexpectedly");
    return fail(req, prm, 503, "unavailable", "The console cannot verify tokens right now.", undefined, requestId);
  }
}

async function verifyToken(
  prisma: PrismaClient,
  token: string,
  resourceUrl: string,
  prm: string,
): Promise<AgentPrincipal> {
  // A built-in token already verified (and not expired) skips decoding; audience, agent and revocation are still checked.
  const known = verified.get(token);
  if (known && known.expMs > Date.now()) return builtinPrincipal(prisma, known.claims, resourceUrl, prm);
  const parts = token.split(".");
  if (parts.length !== 3)
    return externalPrincipal(prisma, await introspectOpaqueToken(await activeIssuers(prisma), token), prm);
  let header: ReturnType<typeof decodeProtectedHeader>;
  let unverified: JWTPayload;
  try {
    header = decodeProtectedHeader(token);
    unverified = decodeJwt(token);
  } catch {
    throw new TokenRejected("invalid_token", "The token is not a well-formed JWT.");
  }
  const e = env();
  if (unverified.iss !== e.PUBLIC_URL) {
    const issuer = (await activeIssuers(prisma)).find((i) => i.issuer === unverified.iss);
    if (!issuer) throw new TokenRejected("unknown_issuer", "The token's issuer is not trusted.");
    return externalPrincipal(
      prisma,
      await verifyExternalJwt(issuer, token, typeof header.typ === "string" ? header.typ : undefined),
      prm,
    );
  }
  return builtinPrincipal(prisma, await verifiedClaims(prisma, token), resourceUrl, prm);
}

async function builtinPrincipal(
  prisma: PrismaClient,
  claims: JWTPayload,
  resourceUrl: string,
  prm: string,
): Promise<AgentPrincipal> {
  const e = env();
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.some((a) => a === e.PUBLIC_URL || a === resourceUrl || e.TOKEN_EXTRA_AUDIENCES.includes(a as string))) {
    throw new TokenRejected("invalid_audience", "The token is not meant for this resource (aud).");
  }
  const environment = environmentOf(claims.env);
  const state = await agentState(prisma, { clientId: claims.sub!, jti: claims.jti! });
  if (!state.agent) throw new TokenRejected("unknown_agent", "The token's client is not a known agent.");
  if (!state.token || state.token.agentId !== state.agent.id)
    throw new TokenRejected("revoked_token", "The token is not known to the issuer.");
  if (state.token.revokedAt) throw new TokenRejected("revoked_token", "The token has been revoked.");
  return principalOf(
    state.agent,
    environment,
    parseScopeValue(claims.scope),
    claims.jti!,
    claims.exp!,
    e.PUBLIC_URL,
    prm,
  );
}

/** Signature checks are cached in memory until the token expires (keyed by the token itself); revocation is not. */
async function verifiedClaims(prisma: PrismaClient, token: string): Promise<JWTPayload> {
  const key = token;
  const claims = await verifyBuiltinToken(prisma, token);
  if (verified.size >= VERIFIED_MAX) {
    const now = Date.now();
    for (const [k, v] of verified) if (v.expMs <= now || verified.size >= VERIFIED_MAX) verified.delete(k);
  }
  verified.set(key, { claims, expMs: (claims.exp as number) * 1000 });
  return claims;
}

function environmentOf(value: unknown): EnvironmentName {
  if (typeof value !== "string" || !(ENVIRONMENTS as readonly string[]).includes(value)) {
    throw new TokenRejected("invalid_environment", "The token's env claim does not name an environment.");
  }
  return value as EnvironmentName;
}

function principalOf(
  agent: NonNullable<AgentState["agent"]>,
  environment: EnvironmentName,
  tokenScopes: string[],
  jti: string | null,
  exp: number,
  issuer: string,
  resourceMetadataUrl: string,
): AgentPrincipal {
  if (agent.status !== "active") throw new TokenRejected("agent_inactive", `The agent is ${agent.status}.`);
  if (agent.environment !== environment)
    throw new TokenRejected("invalid_environment", "The token's environment is not the agent's.");
  return {
    agentId: agent.id,
    clientId: agent.clientId,
    name: agent.name,
    owner: agent.owner,
    environment,
    scopes: tokenScopes.filter((s) => agent.scopes.some((g) => scopeCovers(g, s))),
    jti,
    tokenExpiresAt: new Date(exp * 1000),
    issuer,
    resourceMetadataUrl,
  };
}

/** An external token maps to the registered agent with the same client id; its scopes are capped by the agent's. */
async function externalPrincipal(prisma: PrismaClient, id: ExternalIdentity, prm: string) {
  const environment = environmentOf(id.environment);
  const state = await agentState(prisma, { clientId: id.clientId, jti: null });
  if (!state.agent) throw new TokenRejected("unknown_agent", "The token's client is not registered as an agent.");
  return principalOf(state.agent, environment, id.scopes, id.jti, id.exp, id.issuer.issuer, prm);
}

/**
 * docs/order-of-checks.md#2-scope: null when the token holds `mcp:<server>:<action>` (or `mcp:*:<action>`),
 * else a 403 `insufficient_scope` naming the scope needed.
 */
export function requireScope(
  agent: AgentPrincipal,
  server: string,
  action: ActionClass,
  req?: RequestHead,
): Response | null {
  const problem = scopeProblem(agent, server, action);
  return problem && problemResponse(problem, req ? requestIdOf(req) : crypto.randomUUID());
}

/** docs/order-of-checks.md#2-scope: the 403 problem for a token without mcp:<server>:<class>, or null when it holds it. */
export function scopeProblem(agent: AgentPrincipal, server: string, action: ActionClass): HttpProblem | null {
  if (hasScope(agent.scopes, server, action)) return null;
  const scope = requiredScope(server, action);
  return new HttpProblem(403, "insufficient-scope", "Forbidden", `The token lacks the scope ${scope}.`, {
    scope,
    headers: {
      "WWW-Authenticate": `Bearer error="insufficient_scope", scope="${scope}", resource_metadata="${agent.resourceMetadataUrl}"`,
    },
  });
}

export function __resetTokenGuardCachesForTests(): void {
  verified.clear();
}
