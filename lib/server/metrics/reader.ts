import "server-only";
import { can } from "@/lib/auth/permissions";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/generated/prisma/enums";
import type { Actor } from "../audit";
import { Forbidden, Unauthorized } from "../errors";
import { resolvePrincipal } from "../principal";
import { findMetricsToken, METRICS_TOKEN_PREFIX } from "./metrics-tokens";

/** Who reads metrics: a metrics token (maybe bound to one environment) or a person with dashboard:read. */
export interface MetricsReader {
  actor: Actor;
  /** The only environment this reader may see; null = any. */
  environment: Environment | null;
}

const CHALLENGE = { "WWW-Authenticate": 'Basic realm="metrics", Bearer realm="metrics"' };

function metricsSecret(authorization: string | null): string | null | undefined {
  if (!authorization) return undefined;
  const basic = /^Basic +([A-Za-z0-9+/=]+)$/i.exec(authorization.trim());
  if (basic) {
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    const password = colon >= 0 ? decoded.slice(colon + 1) : "";
    return password.startsWith(`${METRICS_TOKEN_PREFIX}_`) ? password : null;
  }
  const bearer = /^Bearer +(\S+)$/i.exec(authorization.trim());
  if (bearer?.[1].startsWith(`${METRICS_TOKEN_PREFIX}_`)) return bearer[1];
  return undefined;
}

/**
 * Metrics and gate endpoints accept a metrics token as a bearer token or as the HTTP Basic
 * password (docs/agent-api.md#gates-and-metrics), else a personal API token or session whose role has dashboard:read.
 */
export async function authenticateMetricsReader(prisma: PrismaClient, headers: Headers): Promise<MetricsReader> {
  const secret = metricsSecret(headers.get("authorization"));
  if (secret === null)
    throw Unauthorized("Send a metrics token as the Basic-auth password or as a bearer token.", CHALLENGE);
  if (secret) {
    const token = await findMetricsToken(prisma, secret).catch(() => null);
    if (!token) throw Unauthorized("The metrics token is unknown or revoked.", CHALLENGE);
    return { actor: { type: "metrics_token", id: token.id, label: token.name }, environment: token.environment };
  }
  const result = await resolvePrincipal(prisma, headers);
  if (!result.ok) throw Unauthorized("Send a metrics token, an API token or sign in.", CHALLENGE);
  if (!can(result.principal.role, "dashboard:read")) throw Forbidden();
  const p = result.principal;
  return {
    actor: { type: p.via === "api_token" ? "api_token" : "user", id: p.userId, label: p.email },
    environment: null,
  };
}

/** The environment a reader asked for (default: its own, else production), refused when outside its binding. */
export function readerEnvironment(reader: MetricsReader, requested: Environment | undefined): Environment {
  if (requested && reader.environment && requested !== reader.environment)
    throw Forbidden(`This metrics token reads ${reader.environment} only.`);
  return requested ?? reader.environment ?? "production";
}
