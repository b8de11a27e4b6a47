// Which network source a request came from, for per-source login limits. Pure: headers in, a key out.
import ipaddr from "ipaddr.js";

/** Set by server.ts to the socket's peer address, after dropping any header of that name the client sent. */
export const PEER_ADDRESS_HEADER = "x-mgc-peer-address";

/** The source of a request whose peer address is not known (a handler called without server.ts in front). */
export const UNKNOWN_SOURCE = "unknown";

type HeaderBag = Record<string, unknown> | Headers | undefined;

function header(headers: HeaderBag, name: string): string | undefined {
  if (!headers) return undefined;
  const value = headers instanceof Headers ? headers.get(name) : headers[name];
  if (typeof value === "string") return value;
  return Array.isArray(value) && typeof value[0] === "string" ? value.join(",") : undefined;
}

/**
 * An address as a source key: IPv4 as written, IPv4-mapped IPv6 as its IPv4, other IPv6 as its /64
 * (one subscriber usually holds a whole /64, so single IPv6 addresses would cost an attacker nothing).
 * Null when the text is not an address.
 */
export function sourceOfAddress(text: string): string | null {
  // A zone index names the local interface, not the peer.
  const trimmed = text.trim().replace(/%.*$/, "");
  if (!ipaddr.isValid(trimmed)) return null;
  const addr = ipaddr.process(trimmed);
  if (addr.kind() === "ipv4") return addr.toString();
  const prefix = ipaddr.IPv6.networkAddressFromCIDR(`${addr.toString()}/64`);
  return `${prefix.toString()}/64`;
}

/**
 * The client's source: the peer address server.ts recorded, or, behind `trustedProxyHops` trusted
 * proxies, the address the outermost of them saw (X-Forwarded-For read from the right, so entries a
 * client wrote itself are never reached). UNKNOWN_SOURCE when no peer address was recorded.
 */
export function clientSourceOf(headers: HeaderBag, trustedProxyHops: number): string {
  const peer = header(headers, PEER_ADDRESS_HEADER);
  const peerSource = peer ? sourceOfAddress(peer) : null;
  if (!peerSource) return UNKNOWN_SOURCE;
  if (trustedProxyHops <= 0) return peerSource;
  const forwarded = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer!];
  const client = chain[Math.max(0, chain.length - 1 - trustedProxyHops)];
  return sourceOfAddress(client) ?? peerSource;
}
