import "server-only";
import { lookup } from "node:dns/promises";
import { classifyAddress, describeAddress, parseHostLiteral } from "@/lib/net/address-policy";
import { checkUrlSyntax, type SsrfPolicy, type UrlRefusal, type UrlSyntaxAccepted } from "@/lib/net/url-policy";

export { checkUrlSyntax } from "@/lib/net/url-policy";

/** Resolves a host name to every address it has; injectable for tests. */
export type HostResolver = (hostname: string) => Promise<string[]>;

export interface CheckUrlOptions extends SsrfPolicy {
  resolve?: HostResolver;
}

export type UrlCheckResult = { ok: true; url: URL; addresses: string[] } | UrlRefusal;

export const systemResolver: HostResolver = async (hostname) => {
  const entries = await lookup(hostname, { all: true, verbatim: true });
  return entries.map((entry) => entry.address);
};

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "lookup failed";
}

/**
 * Full check before a connection: the syntax check, then DNS resolution of a
 * host name. Refused if ANY resolved address is not globally routable unicast,
 * unless the host is allow-listed. `addresses` are the only addresses the
 * caller may connect to.
 */
export async function checkUrl(raw: string, opts: CheckUrlOptions): Promise<UrlCheckResult> {
  const syntax = checkUrlSyntax(raw, opts);
  if (!syntax.ok) return syntax;
  return checkResolution(syntax, opts);
}

/**
 * The second half of checkUrl, for a URL whose syntax check passed: an address literal is
 * final as it stands; a host name is resolved and every address judged.
 */
export async function checkResolution(syntax: UrlSyntaxAccepted, opts: CheckUrlOptions): Promise<UrlCheckResult> {
  const { url, host } = syntax;
  if (syntax.hostKind !== "domain") return { ok: true, url, addresses: syntax.addresses };

  let resolved: string[];
  try {
    resolved = await (opts.resolve ?? systemResolver)(host);
  } catch (error) {
    return { ok: false, code: "dns_failure", reason: `could not resolve ${host} (${errorCode(error)})` };
  }
  const addresses: string[] = [];
  for (const raw of resolved) {
    const literal = parseHostLiteral(raw);
    if (literal.kind !== "ipv4" && literal.kind !== "ipv6") {
      return { ok: false, code: "blocked_address", reason: `${host} resolves to ${raw}, which the guard cannot judge` };
    }
    addresses.push(literal.address);
  }
  if (addresses.length === 0) return { ok: false, code: "dns_failure", reason: `${host} has no addresses` };
  if (!syntax.allowListed) {
    for (const address of addresses) {
      const classification = classifyAddress(address);
      if (!classification.globalUnicast) {
        return {
          ok: false,
          code: "blocked_address",
          reason: `${host} resolves to ${describeAddress(address, classification)}, which is not globally routable`,
        };
      }
    }
  }
  return { ok: true, url, addresses };
}
