// Pure address classification for the SSRF guard: is this address a globally
// routable unicast destination? No I/O, no DNS.
import ipaddr from "ipaddr.js";
import {
  IPV4_SPECIAL_RANGES,
  IPV6_SPECIAL_RANGES,
  type AddressRange,
  type RangeVerdict,
  type SpecialRange,
} from "./special-ranges";

export type { AddressRange } from "./special-ranges";

export interface AddressClassification {
  globalUnicast: boolean;
  range: AddressRange;
  /** The IPv4 address carried by an IPv6 translation form (mapped, compatible, NAT64, 6to4, Teredo client). */
  embeddedV4?: string;
  /** How the carried IPv4 address itself classifies. */
  embeddedRange?: AddressRange;
}

export type HostLiteral =
  | { kind: "ipv4"; address: string }
  | { kind: "ipv6"; address: string }
  | { kind: "domain"; name: string }
  | { kind: "invalid"; reason: string };

type ParsedRange = { network: ipaddr.IPv4 | ipaddr.IPv6; bits: number; range: AddressRange; verdict: RangeVerdict };

function compile(table: readonly SpecialRange[]): ParsedRange[] {
  return table.map(({ cidr, range, verdict }) => {
    const [network, bits] = ipaddr.parseCIDR(cidr);
    return { network, bits, range, verdict };
  });
}

const V4_RANGES = compile(IPV4_SPECIAL_RANGES);
const V6_RANGES = compile(IPV6_SPECIAL_RANGES);

function findRange(addr: ipaddr.IPv4 | ipaddr.IPv6, table: ParsedRange[]): ParsedRange | undefined {
  return table.find((entry) => entry.network.kind() === addr.kind() && addr.match(entry.network, entry.bits));
}

// Characters that would change the meaning of `http://${host}/` if smuggled into a host.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this refuses
const URL_DELIMITERS = /[\s/\\?#@\u0000-\u001f\u007f]/;

function parseIPv6(inner: string, written: string): HostLiteral {
  const invalid: HostLiteral = { kind: "invalid", reason: `not a valid IPv6 address: ${written}` };
  // Zone identifiers are not valid in URLs and would scope the address to an interface.
  if (/[%[\]]/.test(inner)) return invalid;
  try {
    // WHATWG serialises to hex groups; ipaddr.js alone misreads "::a.b.c.d" as IPv4-mapped.
    const serialized = new URL(`http://[${inner}]/`).hostname.slice(1, -1);
    return { kind: "ipv6", address: ipaddr.IPv6.parse(serialized).toRFC5952String() };
  } catch {
    return invalid;
  }
}

/**
 * Parses a host as the WHATWG URL parser does for http(s) URLs, so IPv4 written
 * in decimal (2130706433), octal (0177.0.0.1), hex (0x7f.1) or short form
 * (127.1) comes back as a dotted quad. IPv6 is accepted bracketed or bare.
 */
export function parseHostLiteral(host: string): HostLiteral {
  if (host.length === 0) return { kind: "invalid", reason: "empty host" };
  if (host.startsWith("[") || host.includes(":")) {
    const inner = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
    return parseIPv6(inner, host);
  }
  if (URL_DELIMITERS.test(host)) return { kind: "invalid", reason: `not a valid host: ${host}` };
  let hostname: string;
  try {
    // The URL parser implements the WHATWG IPv4 number forms, percent-decoding and IDNA mapping.
    hostname = new URL(`http://${host}/`).hostname;
  } catch {
    return { kind: "invalid", reason: `not a valid host: ${host}` };
  }
  if (ipaddr.IPv4.isValidFourPartDecimal(hostname)) return { kind: "ipv4", address: hostname };
  return { kind: "domain", name: hostname };
}

function v4FromBytes(bytes: number[]): ipaddr.IPv4 {
  return new ipaddr.IPv4(bytes);
}

/** The IPv4 addresses an IPv6 translation form carries; the first is the destination. */
function carriedV4(addr: ipaddr.IPv6, range: AddressRange): ipaddr.IPv4[] {
  const b = addr.toByteArray();
  switch (range) {
    case "6to4":
      return [v4FromBytes(b.slice(2, 6))];
    case "teredo":
      // Client address is stored inverted in the last 32 bits; the Teredo server sits in bits 32-63.
      return [v4FromBytes(b.slice(12, 16).map((x) => x ^ 0xff)), v4FromBytes(b.slice(4, 8))];
    default:
      return [v4FromBytes(b.slice(12, 16))];
  }
}

function classifyV4(addr: ipaddr.IPv4): AddressClassification {
  const entry = findRange(addr, V4_RANGES);
  if (!entry) return { globalUnicast: true, range: "global" };
  return { globalUnicast: entry.verdict === "global", range: entry.range };
}

function classifyV6(addr: ipaddr.IPv6): AddressClassification {
  const entry = findRange(addr, V6_RANGES);
  if (!entry) return { globalUnicast: false, range: "reserved" };
  if (entry.verdict !== "carries-v4") {
    const embedded = entry.range === "nat64" ? carriedV4(addr, "nat64")[0].toString() : undefined;
    return {
      globalUnicast: entry.verdict === "global",
      range: entry.range,
      ...(embedded ? { embeddedV4: embedded } : {}),
    };
  }
  const carried = carriedV4(addr, entry.range).map((v4) => ({ v4, verdict: classifyV4(v4) }));
  const refused = carried.find((c) => !c.verdict.globalUnicast);
  const decisive = refused ?? carried[0];
  return {
    globalUnicast: refused === undefined,
    range: entry.range,
    embeddedV4: decisive.v4.toString(),
    embeddedRange: decisive.verdict.range,
  };
}

/**
 * Classifies an IP address (any form `parseHostLiteral` accepts). Anything that
 * is not globally routable unicast, or is not an address at all, has
 * `globalUnicast: false`.
 */
export function classifyAddress(ip: string): AddressClassification {
  const literal = parseHostLiteral(ip);
  if (literal.kind === "ipv4") return classifyV4(ipaddr.IPv4.parse(literal.address));
  if (literal.kind === "ipv6") return classifyV6(ipaddr.IPv6.parse(literal.address));
  return { globalUnicast: false, range: "invalid" };
}

/** One line for a refusal message, e.g. "10.0.0.1 (private)" or "::ffff:a9fe:a9fe (ipv4-mapped → 169.254.169.254, link-local)". */
export function describeAddress(ip: string, c: AddressClassification = classifyAddress(ip)): string {
  if (c.embeddedV4 && c.embeddedRange) return `${ip} (${c.range} → ${c.embeddedV4}, ${c.embeddedRange})`;
  return `${ip} (${c.range})`;
}
