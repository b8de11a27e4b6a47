import "server-only";
import { createHash } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { can, isRole, type Role } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import {
  APPROVALS_SCOPE,
  type AuthorizeRequest,
  authorizeRequestSchema,
  clientRegistrationSchema,
  redirectUriProblem,
} from "@/lib/schemas/person-oauth";
import { type Actor, writeAudit } from "../audit";
import { Forbidden, Unprocessable } from "../errors";
import { oauthError } from "../identity/oauth-error";
import type { UserPrincipal } from "../principal";
import { readLimited } from "../handler";
import { hitRateLimit } from "../rate-limit";
import { hashSecret, newSecret, safeEqual } from "../secrets";

export const PERSON_TOKEN_PREFIX = "mgc_oat";
const CODE_PREFIX = "mgc_code";
const CLIENT_PREFIX = "mgc_pc";
const CODE_TTL_SEC = 60;
export const PERSON_TOKEN_TTL_SEC = 3600;
/** Open registration (RFC 7591) is bounded: so many new clients per window for the whole console. */
const REGISTRATIONS_PER_WINDOW = 30;
const REGISTRATION_WINDOW_SEC = 600;

/** The only resource a person's token is for (RFC 8707). */
export function approvalsResource(): string {
  return `${env().PUBLIC_URL}/mcp/approvals`;
}

const noStore = { "cache-control": "no-store", pragma: "no-cache" };

/** The registration request's JSON body (16 KiB at most); errors in RFC 7591's shape. */
export async function registerPersonClientRequest(prisma: PrismaClient, req: Request): Promise<Response> {
  let body: unknown;
  try {
    body = JSON.parse(await readLimited(req, 16 * 1024));
  } catch {
    return Response.json(
      { error: "invalid_client_metadata", error_description: "Send the client metadata as a JSON object (≤ 16 KiB)." },
      { status: 400, headers: noStore },
    );
  }
  return registerPersonClient(prisma, body);
}

/** POST /api/oauth/register: a public client of `/mcp/approvals` (RFC 7591; errors in its §3.2.2 shape). */
export async function registerPersonClient(prisma: PrismaClient, body: unknown): Promise<Response> {
  const parsed = clientRegistrationSchema.safeParse(body);
  const bad = (error: string, description: string) =>
    Response.json({ error, error_description: description }, { status: 400, headers: noStore });
  if (!parsed.success) return bad("invalid_client_metadata", parsed.error.issues[0]?.message ?? "Invalid metadata.");
  const m = parsed.data;
  for (const uri of m.redirect_uris) {
    const problem = redirectUriProblem(uri);
    if (problem) return bad("invalid_redirect_uri", `${uri.slice(0, 100)}: ${problem}.`);
  }
  if (m.grant_types?.some((g) => g !== "authorization_code" && g !== "refresh_token"))
    return bad("invalid_client_metadata", "Only the authorization_code grant is offered to people's clients.");
  if (m.response_types?.some((r) => r !== "code"))
    return bad("invalid_client_metadata", "Only response_type code is offered.");
  const limit = await hitRateLimit(prisma, "oauth-register", REGISTRATION_WINDOW_SEC);
  if (limit.count > REGISTRATIONS_PER_WINDOW)
    return Response.json(
      {
        error: "temporarily_unavailable",
        error_description: `Too many registrations; retry in ${limit.resetInSec} s.`,
      },
      { status: 429, headers: { ...noStore, "retry-after": String(limit.resetInSec) } },
    );
  const clientId = newSecret(CLIENT_PREFIX).token.slice(0, 40);
  const row = await prisma.personOAuthClient.create({
    data: { clientId, clientName: m.client_name ?? "MCP client", redirectUris: m.redirect_uris },
  });
  return Response.json(
    {
      client_id: row.clientId,
      client_id_issued_at: Math.floor(row.createdAt.getTime() / 1000),
      client_name: row.clientName,
      redirect_uris: row.redirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
    },
    { status: 201, headers: noStore },
  );
}

export type AuthorizationView =
  | { ok: true; request: AuthorizeRequest; client: { id: string; name: string }; redirectHost: string }
  | { ok: false; error: string };

/**
 * Checks an authorization request for the consent page. Every error is shown on the page, never
 * sent to the redirect URI: a client that cannot be checked must not learn anything either.
 */
export async function describeAuthorization(prisma: PrismaClient, query: unknown): Promise<AuthorizationView> {
  const parsed = authorizeRequestSchema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      error: `The assistant's request is missing or has a wrong ${issue?.path.join(".") || "field"}.`,
    };
  }
  const r = parsed.data;
  const client = await prisma.personOAuthClient.findUnique({ where: { clientId: r.client_id } });
  if (!client) return { ok: false, error: "This client is not registered with the console." };
  if (!client.redirectUris.includes(r.redirect_uri))
    return { ok: false, error: "The redirect URI is not one this client registered." };
  if (r.scope?.split(" ").some((s) => s && s !== APPROVALS_SCOPE))
    return { ok: false, error: `The only scope offered is ${APPROVALS_SCOPE}.` };
  if (r.resource && r.resource.replace(/\/+$/, "") !== approvalsResource())
    return { ok: false, error: `The only resource offered is ${approvalsResource()}.` };
  const url = new URL(r.redirect_uri);
  return {
    ok: true,
    request: r,
    client: { id: client.clientId, name: client.clientName },
    redirectHost: url.host || url.protocol,
  };
}

/** The person's answer on the consent page: where the browser goes next (the client's redirect URI). */
export async function answerAuthorization(
  prisma: PrismaClient,
  principal: UserPrincipal,
  actor: Actor,
  input: AuthorizeRequest & { allow: boolean },
): Promise<{ redirect_to: string }> {
  const view = await describeAuthorization(prisma, { ...input, allow: undefined });
  if (!view.ok) throw Unprocessable(view.error);
  if (!can(principal.role, "approvals:decide")) throw Forbidden("Your role does not decide approvals.");
  const target = new URL(input.redirect_uri);
  if (input.state !== undefined) target.searchParams.set("state", input.state);
  target.searchParams.set("iss", env().PUBLIC_URL);
  if (!input.allow) {
    target.searchParams.set("error", "access_denied");
    return { redirect_to: target.href };
  }
  const code = newSecret(CODE_PREFIX);
  await prisma.$transaction(async (tx) => {
    await tx.personOAuthCode.create({
      data: {
        codeHash: code.hash,
        clientId: input.client_id,
        userId: principal.userId,
        redirectUri: input.redirect_uri,
        codeChallenge: input.code_challenge,
        expiresAt: new Date(Date.now() + CODE_TTL_SEC * 1000),
      },
    });
    await writeAudit(tx, {
      actor,
      action: "oauth.person_authorized",
      target: { type: "user", id: principal.userId },
      data: { client_id: input.client_id, client_name: view.client.name, redirect_host: view.redirectHost },
    });
  });
  target.searchParams.set("code", code.token);
  return { redirect_to: target.href };
}

function pkceMatches(verifier: string, challenge: string): boolean {
  return safeEqual(createHash("sha256").update(verifier).digest("base64url"), challenge);
}

/**
 * grant_type=authorization_code at the token endpoint: the code is spent first (one conditional
 * UPDATE), so a code that fails any later check — PKCE, client, redirect URI — is gone too.
 */
export async function exchangePersonCode(prisma: PrismaClient, form: URLSearchParams): Promise<Response> {
  const code = form.get("code") ?? "";
  const verifier = form.get("code_verifier") ?? "";
  const clientId = form.get("client_id") ?? "";
  const redirectUri = form.get("redirect_uri") ?? "";
  if (!code || !clientId || !redirectUri)
    return oauthError(400, "invalid_request", "code, client_id and redirect_uri are required.");
  if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier))
    return oauthError(400, "invalid_request", "code_verifier (RFC 7636, 43–128 characters) is required.");
  const resource = form.get("resource");
  if (resource !== null && resource.replace(/\/+$/, "") !== approvalsResource())
    return oauthError(400, "invalid_target", `The only resource offered is ${approvalsResource()}.`);
  const now = new Date();
  const spent = await prisma.$queryRawUnsafe<
    { clientId: string; userId: string; redirectUri: string; codeChallenge: string; expiresAt: Date }[]
  >(
    `UPDATE person_oauth_codes SET "usedAt" = $2 WHERE "codeHash" = $1 AND "usedAt" IS NULL
     RETURNING "clientId", "userId", "redirectUri", "codeChallenge", "expiresAt"`,
    hashSecret(code),
    now,
  );
  const c = spent[0];
  if (!c || c.expiresAt <= now || c.clientId !== clientId || c.redirectUri !== redirectUri)
    return oauthError(400, "invalid_grant", "The code is unknown, used, expired, or was issued to another client.");
  if (!pkceMatches(verifier, c.codeChallenge)) return oauthError(400, "invalid_grant", "PKCE verification failed.");
  const user = await prisma.user.findUnique({ where: { id: c.userId } });
  if (!user || user.disabled || !can(user.role, "approvals:decide"))
    return oauthError(400, "invalid_grant", "The person may not decide approvals.");
  const token = newSecret(PERSON_TOKEN_PREFIX);
  await prisma.personAccessToken.create({
    data: {
      tokenHash: token.hash,
      clientId,
      userId: c.userId,
      expiresAt: new Date(now.getTime() + PERSON_TOKEN_TTL_SEC * 1000),
    },
  });
  return Response.json(
    { access_token: token.token, token_type: "Bearer", expires_in: PERSON_TOKEN_TTL_SEC, scope: APPROVALS_SCOPE },
    { headers: noStore },
  );
}

/** The person behind an access token from the authorization code flow, or null (unknown, expired, revoked, disabled). */
export async function principalForPersonToken(prisma: PrismaClient, token: string): Promise<UserPrincipal | null> {
  if (!token.startsWith(`${PERSON_TOKEN_PREFIX}_`) || token.length > 200) return null;
  const row = await prisma.personAccessToken.findUnique({ where: { tokenHash: hashSecret(token) } });
  if (!row || row.revokedAt || row.expiresAt <= new Date()) return null;
  const u = await prisma.user.findUnique({ where: { id: row.userId } });
  if (!u || u.disabled || !isRole(u.role)) return null;
  return { userId: u.id, email: u.email, name: u.name, role: u.role as Role, via: "oauth", tokenId: row.id };
}
