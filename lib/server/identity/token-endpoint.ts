import "server-only";
import type { Agent, PrismaClient } from "@/lib/generated/prisma/client";
import { parseScopeValue, scopeCovers } from "@/lib/auth/scopes";
import { env } from "@/lib/env";
import { HttpProblem } from "../errors";
import { readLimited } from "../handler";
import { hitRateLimit, peekRateLimit } from "../rate-limit";
import { hashSecret, safeEqual } from "../secrets";
import { exchangePersonCode } from "../channels/person-oauth";
import { issueAccessToken } from "./issue-token";
import { oauthError } from "./oauth-error";

const FAILURE_WINDOW_SEC = 300;
const MAX_FAILURES = 20;

interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  method: "client_secret_basic" | "client_secret_post";
}

function readClientCredentials(req: Request, form: URLSearchParams): ClientCredentials | Response {
  const authz = req.headers.get("authorization");
  const postId = form.get("client_id");
  const postSecret = form.get("client_secret");
  if (authz) {
    const m = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(authz.trim());
    if (!m)
      return oauthError(401, "invalid_client", "Use HTTP Basic client authentication or client_secret_post.", {
        "WWW-Authenticate": 'Basic realm="oauth"',
      });
    if (postSecret) return oauthError(400, "invalid_request", "Use one client authentication method, not two.");
    const decoded = Buffer.from(m[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0)
      return oauthError(401, "invalid_client", "Malformed Basic credentials.", {
        "WWW-Authenticate": 'Basic realm="oauth"',
      });
    let clientId: string;
    let clientSecret: string;
    try {
      // RFC 6749 §2.3.1: both parts are form-urlencoded before Base64.
      clientId = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " "));
      clientSecret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " "));
    } catch {
      return oauthError(401, "invalid_client", "Malformed Basic credentials.", {
        "WWW-Authenticate": 'Basic realm="oauth"',
      });
    }
    if (postId && postId !== clientId)
      return oauthError(400, "invalid_request", "client_id in the body differs from the Basic credentials.");
    return { clientId, clientSecret, method: "client_secret_basic" };
  }
  if (postId && postSecret) return { clientId: postId, clientSecret: postSecret, method: "client_secret_post" };
  return oauthError(
    401,
    "invalid_client",
    "Client authentication is required (client_secret_basic or client_secret_post).",
    {
      "WWW-Authenticate": 'Basic realm="oauth"',
    },
  );
}

async function readForm(req: Request): Promise<URLSearchParams | Response> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded")
    return oauthError(400, "invalid_request", "Send application/x-www-form-urlencoded.");
  let text: string;
  try {
    text = await readLimited(req, 16 * 1024);
  } catch (e) {
    return oauthError(
      e instanceof HttpProblem && e.status === 413 ? 413 : 400,
      "invalid_request",
      "The body is too large or not UTF-8.",
    );
  }
  const form = new URLSearchParams(text);
  const seen = new Set<string>();
  for (const key of form.keys()) {
    if (seen.has(key)) return oauthError(400, "invalid_request", `The parameter ${key} is repeated.`);
    seen.add(key);
  }
  return form;
}

/** RFC 8707: the resource must be the console itself or a path under it (no query, no fragment). */
export function checkResource(
  resource: string | null,
): { ok: true; resource?: string } | { ok: false; message: string } {
  if (resource === null) return { ok: true };
  const base = env().PUBLIC_URL;
  let url: URL;
  try {
    url = new URL(resource);
  } catch {
    return { ok: false, message: "resource must be an absolute URI." };
  }
  if (url.hash || url.search) return { ok: false, message: "resource must not carry a query or fragment." };
  const normalised = url.href.replace(/\/+$/, "");
  if (normalised !== base && !normalised.startsWith(`${base}/`))
    return { ok: false, message: `resource must be ${base} or a path under it.` };
  return { ok: true, resource: normalised };
}

async function authenticateClient(prisma: PrismaClient, creds: ClientCredentials): Promise<Agent | null> {
  const agent = await prisma.agent.findUnique({ where: { clientId: creds.clientId } });
  // Hash compare even for unknown clients, so timing does not reveal which client ids exist.
  const ok = safeEqual(hashSecret(creds.clientSecret), agent?.secretHash ?? "0".repeat(64));
  return ok && agent ? agent : null;
}

/** POST /api/oauth/token — client_credentials for agents; authorization_code with PKCE for people's MCP clients. */
export async function tokenEndpoint(prisma: PrismaClient, req: Request): Promise<Response> {
  const form = await readForm(req);
  if (form instanceof Response) return form;
  // A person's public client proves itself with PKCE, not a secret (docs/approvals.md#your-assistant-mcp).
  if (form.get("grant_type") === "authorization_code") return exchangePersonCode(prisma, form);
  const creds = readClientCredentials(req, form);
  if (creds instanceof Response) return creds;
  const limitKey = `oauth-client:${creds.clientId.slice(0, 200)}`;
  const before = await peekRateLimit(prisma, limitKey, FAILURE_WINDOW_SEC);
  if (before.count >= MAX_FAILURES) {
    return oauthError(429, "invalid_client", `Too many failed attempts; try again in ${before.resetInSec} s.`, {
      "Retry-After": String(before.resetInSec),
    });
  }
  const agent = await authenticateClient(prisma, creds);
  if (!agent) {
    await hitRateLimit(prisma, limitKey, FAILURE_WINDOW_SEC);
    const headers: Record<string, string> =
      creds.method === "client_secret_basic" ? { "WWW-Authenticate": 'Basic realm="oauth"' } : {};
    return oauthError(401, "invalid_client", "Client authentication failed.", headers);
  }
  if (agent.status !== "active") return oauthError(400, "unauthorized_client", `This client is ${agent.status}.`);

  const grantType = form.get("grant_type");
  if (!grantType) return oauthError(400, "invalid_request", "grant_type is required.");
  if (grantType !== "client_credentials")
    return oauthError(400, "unsupported_grant_type", "Agents use client_credentials.");

  const requested = parseScopeValue(form.get("scope") ?? "");
  const scopes = requested.length === 0 ? agent.scopes : requested;
  const denied = scopes.filter((s) => !agent.scopes.some((g) => scopeCovers(g, s)));
  if (denied.length > 0) return oauthError(400, "invalid_scope", `This client may not request: ${denied.join(" ")}.`);

  const resource = checkResource(form.get("resource"));
  if (!resource.ok) return oauthError(400, "invalid_target", resource.message);

  const token = await issueAccessToken(prisma, agent, { scopes, resource: resource.resource });
  const { jti: _jti, ...body } = token;
  return Response.json(body, { headers: { "cache-control": "no-store", pragma: "no-cache" } });
}
