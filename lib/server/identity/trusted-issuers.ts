import "server-only";
import { randomUUID } from "node:crypto";
import type { PrismaClient, TrustedIssuer } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import type { TrustedIssuerInput } from "@/lib/schemas/identity";
import { writeAudit, type Actor } from "../audit";
import { changeTransaction } from "../change-feed";
import { seal } from "../crypto-box";
import { Conflict, NotFound, Unprocessable, type FieldError } from "../errors";
import { checkUrlSyntax } from "../ssrf";
import { identityProviderSsrfEnvironment, ISSUER_SECRET_PURPOSE } from "./verify-external";

export function trustedIssuerView(t: TrustedIssuer) {
  return {
    id: t.id,
    name: t.name,
    issuer: t.issuer,
    jwks_uri: t.jwksUri,
    introspection_url: t.introspectionUrl,
    client_id: t.clientId,
    has_client_secret: !!t.clientSecretEnc,
    audience: t.audience,
    algorithms: t.algorithms,
    client_id_claim: t.clientIdClaim,
    scope_claim: t.scopeClaim,
    environment_claim: t.environmentClaim,
    status: t.status,
    created_at: t.createdAt.toISOString(),
  };
}

/** Every URL the console will fetch must pass the SSRF guard's save-time check (and is checked again at connection). */
function checkUrls(input: Pick<TrustedIssuerInput, "jwks_uri" | "introspection_url">): void {
  const policy = { environment: identityProviderSsrfEnvironment(), allowHosts: env().SSRF_ALLOW_HOSTS };
  const errors: FieldError[] = [];
  for (const field of ["jwks_uri", "introspection_url"] as const) {
    const url = input[field];
    if (!url) continue;
    const verdict = checkUrlSyntax(url, policy);
    if (!verdict.ok) errors.push({ path: field, message: verdict.reason });
  }
  if (errors.length)
    throw Unprocessable(
      `The SSRF guard refuses: ${errors.map((e) => `${e.path}: ${e.message}`).join("; ")}.`,
      errors,
      "ssrf-blocked",
    );
}

export async function listTrustedIssuers(prisma: PrismaClient) {
  return (await prisma.trustedIssuer.findMany({ orderBy: { createdAt: "asc" } })).map(trustedIssuerView);
}

export async function createTrustedIssuer(prisma: PrismaClient, actor: Actor, input: TrustedIssuerInput) {
  checkUrls(input);
  if (input.issuer.replace(/\/+$/, "") === env().PUBLIC_URL)
    throw Conflict("That is the console's own issuer.", "own-issuer");
  const id = randomUUID();
  return changeTransaction(prisma, async (tx, announce) => {
    if (await tx.trustedIssuer.findUnique({ where: { issuer: input.issuer } }))
      throw Conflict(`The issuer ${input.issuer} is already trusted.`, "already-exists");
    await announce({ kind: "trusted_issuers" });
    const row = await tx.trustedIssuer.create({
      data: {
        id,
        name: input.name,
        issuer: input.issuer,
        jwksUri: input.jwks_uri ?? null,
        introspectionUrl: input.introspection_url ?? null,
        clientId: input.client_id ?? null,
        clientSecretEnc: input.client_secret ? seal(input.client_secret, `${ISSUER_SECRET_PURPOSE}:${id}`) : null,
        audience: input.audience,
        algorithms: input.algorithms,
        clientIdClaim: input.client_id_claim,
        scopeClaim: input.scope_claim,
        environmentClaim: input.environment_claim,
      },
    });
    await writeAudit(tx, {
      actor,
      action: "trusted_issuer.create",
      target: { type: "trusted_issuer", id },
      data: {
        issuer: row.issuer,
        audience: row.audience,
        jwks_uri: row.jwksUri,
        introspection_url: row.introspectionUrl,
      },
    });
    return trustedIssuerView(row);
  });
}

export async function setTrustedIssuerStatus(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  status: "active" | "disabled",
) {
  return changeTransaction(prisma, async (tx, announce) => {
    const before = await tx.trustedIssuer.findUnique({ where: { id } });
    if (!before) throw NotFound("The trusted issuer");
    await announce({ kind: "trusted_issuers" });
    const row = await tx.trustedIssuer.update({ where: { id }, data: { status } });
    await writeAudit(tx, {
      actor,
      action: status === "active" ? "trusted_issuer.enable" : "trusted_issuer.disable",
      target: { type: "trusted_issuer", id },
      data: { issuer: row.issuer },
    });
    return trustedIssuerView(row);
  });
}

export async function deleteTrustedIssuer(prisma: PrismaClient, actor: Actor, id: string) {
  return changeTransaction(prisma, async (tx, announce) => {
    const before = await tx.trustedIssuer.findUnique({ where: { id } });
    if (!before) throw NotFound("The trusted issuer");
    await announce({ kind: "trusted_issuers" });
    await tx.trustedIssuer.delete({ where: { id } });
    await writeAudit(tx, {
      actor,
      action: "trusted_issuer.delete",
      target: { type: "trusted_issuer", id },
      data: { issuer: before.issuer },
    });
    return { id, deleted: true };
  });
}
