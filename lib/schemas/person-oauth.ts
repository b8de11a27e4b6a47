import { z } from "zod";

/** The scope of a person's access token: `/mcp/approvals`, nothing else. */
export const APPROVALS_SCOPE = "approvals";

/**
 * A redirect URI a person's MCP client may register: https, http on the loopback interface
 * (RFC 8252 §7.3, desktop clients), or a private-use scheme (RFC 8252 §7.1); never a fragment.
 */
export function redirectUriProblem(uri: string): string | null {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return "not an absolute URI";
  }
  if (url.hash) return "must not carry a fragment";
  const scheme = url.protocol.slice(0, -1);
  if (scheme === "https") return null;
  if (scheme === "http")
    return ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname) ? null : "http only on the loopback interface";
  if (["javascript", "data", "file", "blob", "about", "vbscript", "ftp", "ws", "wss"].includes(scheme))
    return `the ${scheme}: scheme is not a redirect`;
  return null;
}

/** RFC 7591 registration of a public client (no secret: it proves itself with PKCE). */
export const clientRegistrationSchema = z.object({
  client_name: z.string().trim().min(1).max(100).optional(),
  redirect_uris: z.array(z.string().max(500)).min(1).max(5),
  token_endpoint_auth_method: z.enum(["none"]).optional(),
  grant_types: z.array(z.string().max(100)).max(5).optional(),
  response_types: z.array(z.string().max(100)).max(5).optional(),
});

/** The authorization request (RFC 6749 §4.1.1 with PKCE S256, RFC 7636, and RFC 8707's resource). */
export const authorizeRequestSchema = z.object({
  response_type: z.literal("code", { error: "response_type must be code" }),
  client_id: z.string().min(1).max(100),
  redirect_uri: z.string().min(1).max(500),
  code_challenge: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "a base64url SHA-256 (43 characters)"),
  code_challenge_method: z.literal("S256", { error: "code_challenge_method must be S256" }),
  state: z.string().max(500).optional(),
  scope: z.string().max(200).optional(),
  resource: z.string().max(500).optional(),
});

export type AuthorizeRequest = z.infer<typeof authorizeRequestSchema>;

/** The consent page's answer. */
export const authorizeDecisionSchema = authorizeRequestSchema.extend({ allow: z.boolean() }).strict();
