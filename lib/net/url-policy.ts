// Pure, synchronous part of the SSRF guard: everything that can be judged from
// the URL text alone (scheme, userinfo, port, literal addresses, special-use
// names). Used at save time; the server side adds DNS resolution.
import { classifyAddress, describeAddress, parseHostLiteral } from "./address-policy";

export type SsrfEnvironment = "development" | "staging" | "production";

export interface SsrfPolicy {
  environment: SsrfEnvironment;
  /** Exact host names or addresses exempt from the address check (SSRF_ALLOW_HOSTS). */
  allowHosts: readonly string[];
}

export type SsrfRefusalCode = "invalid_url" | "scheme" | "userinfo" | "blocked_address" | "dns_failure" | "port";

export interface UrlRefusal {
  ok: false;
  reason: string;
  code: SsrfRefusalCode;
}

export interface UrlSyntaxAccepted {
  ok: true;
  url: URL;
  /** The literal address when the host is an IP address; empty when the host name still needs resolving. */
  addresses: string[];
  /** The host as compared against allowHosts: dotted quad, RFC 5952 IPv6 without brackets, or lower-case name without trailing dot. */
  host: string;
  hostKind: "ipv4" | "ipv6" | "domain";
  allowListed: boolean;
}

export type UrlSyntaxVerdict = UrlSyntaxAccepted | UrlRefusal;

// The Fetch standard's "bad ports": services a URL must never be aimed at, as browsers and Node's fetch refuse.
const BAD_PORTS = new Set([
  0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110,
  111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532,
  540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061,
  6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

// Special-use names that only ever resolve to local or private addresses (RFC 6761, RFC 6762, RFC 8375, ICANN .internal).
const LOCAL_NAME_SUFFIXES = ["localhost", "local", "internal", "home.arpa", "localdomain"];

function refuse(code: SsrfRefusalCode, reason: string): UrlRefusal {
  return { ok: false, code, reason };
}

/** Normalises a host name or address for allowHosts comparison; null when the entry is neither. */
export function normalizeAllowHost(entry: string): string | null {
  const literal = parseHostLiteral(entry.trim());
  if (literal.kind === "ipv4" || literal.kind === "ipv6") return literal.address;
  if (literal.kind === "domain") return literal.name.replace(/\.$/, "");
  return null;
}

export function isAllowListed(host: string, allowHosts: readonly string[]): boolean {
  return allowHosts.some((entry) => normalizeAllowHost(entry) === host);
}

function isLocalName(name: string): boolean {
  return LOCAL_NAME_SUFFIXES.some((suffix) => name === suffix || name.endsWith(`.${suffix}`));
}

function allowedSchemes(environment: SsrfEnvironment): string[] {
  return environment === "development" ? ["http:", "https:"] : ["https:"];
}

/** URL without userinfo, query or fragment, safe to put in messages and logs. */
export function redactUrl(raw: string | URL): string {
  try {
    const url = new URL(raw);
    url.username = url.password = url.search = url.hash = "";
    return url.href;
  } catch {
    return "(invalid URL)";
  }
}

/** Judges a URL without DNS: scheme, userinfo, port, literal address, special-use name, allowHosts. */
export function checkUrlSyntax(raw: string, policy: SsrfPolicy): UrlSyntaxVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse("invalid_url", "not an absolute URL");
  }
  const schemes = allowedSchemes(policy.environment);
  if (!schemes.includes(url.protocol)) {
    return refuse(
      "scheme",
      `scheme ${url.protocol} is not allowed in ${policy.environment} (allowed: ${schemes.join(", ")})`,
    );
  }
  if (url.username !== "" || url.password !== "") {
    return refuse("userinfo", "URLs carrying credentials (user:password@) are refused");
  }
  if (url.port !== "" && BAD_PORTS.has(Number(url.port))) {
    return refuse("port", `port ${url.port} is not allowed`);
  }
  const literal = parseHostLiteral(url.hostname);
  if (literal.kind === "invalid") return refuse("invalid_url", literal.reason);
  const host = literal.kind === "domain" ? literal.name.replace(/\.$/, "") : literal.address;
  const allowListed = isAllowListed(host, policy.allowHosts);
  const accepted = { ok: true as const, url, host, hostKind: literal.kind, allowListed };
  if (literal.kind === "domain") {
    if (!allowListed && isLocalName(host)) {
      return refuse("blocked_address", `host name ${host} is reserved for local use`);
    }
    return { ...accepted, addresses: [] };
  }
  const classification = classifyAddress(literal.address);
  if (!allowListed && !classification.globalUnicast) {
    return refuse(
      "blocked_address",
      `address ${describeAddress(literal.address, classification)} is not globally routable`,
    );
  }
  return { ...accepted, addresses: [literal.address] };
}
