import "server-only";
import { X509Certificate } from "node:crypto";
import { GENESIS_HASH } from "@/lib/audit/chain";
import { env } from "@/lib/env";
import type { PrismaClient, SiemDestination } from "@/lib/generated/prisma/client";
import type { SiemDestinationInput } from "@/lib/schemas/siem";
import { type Actor, writeAudit } from "../audit";
import { open, seal } from "../crypto-box";
import { Conflict, NotFound, Unprocessable } from "../errors";
import { outboundPolicyFor } from "../notifications/deliver";
import { checkUrl, redactUrl } from "../ssrf";
import type { HttpsTarget } from "./https";
import { checkSyslogHost, type SyslogTarget } from "./syslog";

/** SIEM destinations: stored settings, validation and audit (docs/siem-export.md#destinations). */

const SECRET_PURPOSE = "siem-destination-secret";

/** A destination's `config` column: https has url and headerName, syslog host, port and tls; either may have a CA. */
export interface StoredConfig {
  url?: string;
  headerName?: string;
  host?: string;
  port?: number;
  tls?: boolean;
  ca?: string;
}

export type Transport = { kind: "https"; target: HttpsTarget } | { kind: "syslog"; target: SyslogTarget };

/** The transport a destination sends through, its secret decrypted. */
export function transportOf(d: SiemDestination): Transport {
  const c = d.config as StoredConfig;
  const ca = c.ca || undefined;
  if (d.kind === "syslog")
    return { kind: "syslog", target: { host: c.host ?? "", port: c.port ?? 6514, tls: c.tls !== false, ca } };
  return {
    kind: "https",
    target: {
      url: c.url ?? "",
      headerName: c.headerName ?? "authorization",
      secret: d.secretEnc ? open(d.secretEnc, SECRET_PURPOSE) : null,
      ca,
    },
  };
}

function badCa(pem: string): string | null {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) return "no certificate found";
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch {
      return "a certificate in the bundle cannot be parsed";
    }
  }
  return null;
}

/** Refuses what the exporter could never use: a bad CA bundle, an address the SSRF guard refuses. */
async function validate(input: SiemDestinationInput): Promise<void> {
  if (input.ca) {
    const problem = badCa(input.ca);
    if (problem) throw Unprocessable(`The CA bundle is not usable: ${problem}.`, [{ path: "ca", message: problem }]);
  }
  if (input.kind === "https") {
    const verdict = await checkUrl(input.url, {
      environment: outboundPolicyFor(input.url),
      allowHosts: env().SSRF_ALLOW_HOSTS,
    });
    if (!verdict.ok)
      throw Unprocessable(
        `The URL is refused by the SSRF guard: ${verdict.reason}.`,
        [{ path: "url", message: verdict.reason }],
        "ssrf-blocked",
      );
  } else {
    const problem = await checkSyslogHost(input.host);
    if (problem) throw Unprocessable(`The host is ${problem}.`, [{ path: "host", message: problem }], "ssrf-blocked");
  }
}

function configOf(input: SiemDestinationInput): StoredConfig {
  if (input.kind === "https") return { url: input.url, headerName: input.headerName, ca: input.ca };
  return { host: input.host, port: input.port, tls: input.tls, ca: input.ca };
}

/**
 * What the audit records of a change: the settings, never the secret (only that it changed), and the
 * URL without its query (intakes that take a key as a query parameter would otherwise leave it in
 * the audit trail and every export of it).
 */
function auditData(input: SiemDestinationInput) {
  const { secret, ca, ...shown } = input as SiemDestinationInput & { secret?: string };
  const url =
    "url" in shown ? { url: redactUrl(shown.url), ...(shown.url.includes("?") ? { query: "(set)" } : {}) } : {};
  return { ...shown, ...url, ca: ca ? "(set)" : null, ...(secret !== undefined ? { secret: "(changed)" } : {}) };
}

function secretEncOf(input: SiemDestinationInput, previous: string | null): string | null {
  if (input.kind !== "https") return null;
  if (input.secret === undefined) return previous;
  return input.secret === "" ? null : seal(input.secret, SECRET_PURPOSE);
}

async function nameTaken(prisma: PrismaClient, name: string, except?: string): Promise<void> {
  const other = await prisma.siemDestination.findUnique({ where: { name }, select: { id: true } });
  if (other && other.id !== except) throw Conflict(`A destination named "${name}" exists.`);
}

/** A new destination, its cursor at the start of both chains (it receives the whole history first). */
export async function createDestination(prisma: PrismaClient, actor: Actor, input: SiemDestinationInput) {
  await validate(input);
  await nameTaken(prisma, input.name);
  return prisma.$transaction(async (tx) => {
    const row = await tx.siemDestination.create({
      data: {
        name: input.name,
        kind: input.kind,
        enabled: input.enabled,
        includePayload: input.includePayload,
        config: { ...configOf(input) },
        secretEnc: secretEncOf(input, null),
        state: { create: { eventHash: GENESIS_HASH, decisionHash: GENESIS_HASH } },
      },
    });
    await writeAudit(tx, {
      actor,
      action: "siem_destination.create",
      target: { type: "siem_destination", id: row.id },
      data: auditData(input),
    });
    return row.id;
  });
}

/** Replaces a destination's settings; a secret left out keeps the stored one. The cursor stays. */
export async function updateDestination(prisma: PrismaClient, actor: Actor, id: string, input: SiemDestinationInput) {
  const prev = await prisma.siemDestination.findUnique({ where: { id } });
  if (!prev) throw NotFound("The SIEM destination");
  await validate(input);
  await nameTaken(prisma, input.name, id);
  await prisma.$transaction(async (tx) => {
    await tx.siemDestination.update({
      where: { id },
      data: {
        name: input.name,
        kind: input.kind,
        enabled: input.enabled,
        includePayload: input.includePayload,
        config: { ...configOf(input) },
        secretEnc: secretEncOf(input, prev.kind === input.kind ? prev.secretEnc : null),
        updatedAt: new Date(),
      },
    });
    await tx.siemExportState.update({ where: { destinationId: id }, data: { attempts: 0, nextAttemptAt: new Date() } });
    await writeAudit(tx, {
      actor,
      action: "siem_destination.update",
      target: { type: "siem_destination", id },
      data: auditData(input),
    });
  });
}

export async function deleteDestination(prisma: PrismaClient, actor: Actor, id: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const gone = await tx.siemDestination.deleteMany({ where: { id } });
    if (gone.count === 0) throw NotFound("The SIEM destination");
    await writeAudit(tx, { actor, action: "siem_destination.delete", target: { type: "siem_destination", id } });
  });
}
