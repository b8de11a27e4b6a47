import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ACTION_CLASSES } from "@/lib/schemas/identity";
import { APPROVALS_SCOPE } from "@/lib/schemas/person-oauth";
import { env } from "@/lib/env";
import { memoize } from "@/lib/memo";

export const PRM_PATH = "/.well-known/oauth-protected-resource";

/** The resource identifier (RFC 8707) of a console path, e.g. `${PUBLIC_URL}/api/v1/decisions`. */
export function resourceUrlFor(pathname: string): string {
  const clean = pathname.replace(/\/+$/, "");
  return `${env().PUBLIC_URL}${clean}`;
}

/**
 * RFC 9728 §3.1: the metadata URL puts the well-known segment between the origin and the resource's path.
 * Kept per resource: the console, the agent API and one per gateway path, a handful (the bound only limits a misuse).
 */
export const protectedResourceMetadataUrl = memoize((resourceUrl: string): string => {
  const url = new URL(resourceUrl);
  return `${url.origin}${PRM_PATH}${url.pathname.replace(/\/+$/, "")}`;
}, 1_000);

/** Only the console itself, the agent API and the gateway are protected resources. */
export function isProtectedResourcePath(path: string): boolean {
  return path === "" || /^\/api\/v1(\/[A-Za-z0-9._~-]+)*$/.test(path) || /^\/mcp(\/[A-Za-z0-9._~-]+)*$/.test(path);
}

export function authorizationServerMetadata() {
  const base = env().PUBLIC_URL;
  return {
    issuer: base,
    token_endpoint: `${base}/api/oauth/token`,
    jwks_uri: `${base}/.well-known/jwks.json`,
    // Agents: client_credentials. People's MCP clients (for /mcp/approvals only): authorization code with PKCE.
    authorization_endpoint: `${base}/oauth/authorize`,
    registration_endpoint: `${base}/api/oauth/register`,
    grant_types_supported: ["client_credentials", "authorization_code"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
    response_types_supported: ["code"],
    code_challenge_methods_supported: ["S256"],
    authorization_response_iss_parameter_supported: true,
    scopes_supported: [...ACTION_CLASSES.map((c) => `mcp:*:${c}`), APPROVALS_SCOPE],
    // RFC 9068 tokens, resource indicators (RFC 8707).
    access_token_signing_alg_values_supported: ["ES256"],
    resource_indicators_supported: true,
  };
}

/** RFC 9728 metadata for the console (path "") or one of its paths. */
export async function protectedResourceMetadata(prisma: PrismaClient, path: string) {
  const e = env();
  // People's approvals: only the console's own authorization server issues their tokens.
  if (path === "/mcp/approvals")
    return {
      resource: resourceUrlFor(path),
      authorization_servers: [e.PUBLIC_URL],
      scopes_supported: [APPROVALS_SCOPE],
      bearer_methods_supported: ["header"],
      resource_name: "MCP Governance Console approvals",
    };
  const gateway = /^\/mcp\/(development|staging|production)\/([a-z0-9][a-z0-9._-]{0,62})$/.exec(path);
  let servers: string[];
  if (gateway) {
    servers = [gateway[2]];
  } else {
    const rows = await prisma.server.findMany({
      where: { status: "active" },
      select: { name: true },
      distinct: ["name"],
      orderBy: { name: "asc" },
    });
    servers = ["*", ...rows.map((r) => r.name)];
  }
  const issuers = await prisma.trustedIssuer.findMany({
    where: { status: "active" },
    select: { issuer: true },
    orderBy: { issuer: "asc" },
  });
  return {
    resource: resourceUrlFor(path),
    authorization_servers: [e.PUBLIC_URL, ...issuers.map((i) => i.issuer)],
    scopes_supported: servers.flatMap((s) => ACTION_CLASSES.map((c) => `mcp:${s}:${c}`)),
    bearer_methods_supported: ["header"],
    resource_name: "MCP Governance Console",
    resource_signing_alg_values_supported: ["ES256"],
  };
}
