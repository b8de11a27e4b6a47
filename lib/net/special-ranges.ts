// The IANA special-purpose address registries (IPv4 and IPv6) as data, plus
// multicast, broadcast and the IPv6 space outside 2000::/3 that is not
// allocated for global unicast. Pure: no I/O.
//
// Sources: https://www.iana.org/assignments/iana-ipv4-special-registry
//          https://www.iana.org/assignments/iana-ipv6-special-registry

export type AddressRange =
  | "global"
  | "unspecified"
  | "this-network"
  | "loopback"
  | "private"
  | "cgnat"
  | "link-local"
  | "documentation"
  | "benchmarking"
  | "reserved"
  | "multicast"
  | "broadcast"
  | "ipv4-mapped"
  | "ipv4-compatible"
  | "nat64"
  | "6to4"
  | "teredo"
  | "unique-local"
  | "invalid";

/**
 * What a range means for an outbound connection:
 * - `refused`: never a destination;
 * - `global`: globally routable unicast, an exception carved out of a refused block;
 * - `carries-v4`: an IPv6 translation form judged by the IPv4 address it carries.
 */
export type RangeVerdict = "refused" | "global" | "carries-v4";

export interface SpecialRange {
  cidr: string;
  range: AddressRange;
  verdict: RangeVerdict;
}

/** First match wins, so narrower blocks come before the blocks that contain them. */
export const IPV4_SPECIAL_RANGES: readonly SpecialRange[] = [
  { cidr: "0.0.0.0/32", range: "unspecified", verdict: "refused" },
  { cidr: "0.0.0.0/8", range: "this-network", verdict: "refused" },
  { cidr: "10.0.0.0/8", range: "private", verdict: "refused" },
  { cidr: "100.64.0.0/10", range: "cgnat", verdict: "refused" },
  { cidr: "127.0.0.0/8", range: "loopback", verdict: "refused" },
  { cidr: "169.254.0.0/16", range: "link-local", verdict: "refused" },
  { cidr: "172.16.0.0/12", range: "private", verdict: "refused" },
  // IETF protocol assignments (DS-Lite, NAT64 discovery, PCP/TURN anycast): no service of ours lives there.
  { cidr: "192.0.0.0/24", range: "reserved", verdict: "refused" },
  { cidr: "192.0.2.0/24", range: "documentation", verdict: "refused" },
  // Deprecated 6to4 relay anycast (RFC 7526).
  { cidr: "192.88.99.0/24", range: "reserved", verdict: "refused" },
  { cidr: "192.168.0.0/16", range: "private", verdict: "refused" },
  { cidr: "198.18.0.0/15", range: "benchmarking", verdict: "refused" },
  { cidr: "198.51.100.0/24", range: "documentation", verdict: "refused" },
  { cidr: "203.0.113.0/24", range: "documentation", verdict: "refused" },
  { cidr: "224.0.0.0/4", range: "multicast", verdict: "refused" },
  { cidr: "255.255.255.255/32", range: "broadcast", verdict: "refused" },
  { cidr: "240.0.0.0/4", range: "reserved", verdict: "refused" },
];

export const IPV6_SPECIAL_RANGES: readonly SpecialRange[] = [
  { cidr: "::/128", range: "unspecified", verdict: "refused" },
  { cidr: "::1/128", range: "loopback", verdict: "refused" },
  { cidr: "::ffff:0:0/96", range: "ipv4-mapped", verdict: "carries-v4" },
  // Deprecated IPv4-compatible form ::a.b.c.d (RFC 4291 §2.5.5.1).
  { cidr: "::/96", range: "ipv4-compatible", verdict: "carries-v4" },
  { cidr: "64:ff9b::/96", range: "nat64", verdict: "carries-v4" },
  // Local-use NAT64 (RFC 8215) is not globally reachable and its embedding depends on the operator's prefix length.
  { cidr: "64:ff9b:1::/48", range: "nat64", verdict: "refused" },
  { cidr: "100::/64", range: "reserved", verdict: "refused" },
  { cidr: "100:0:0:1::/64", range: "reserved", verdict: "refused" },
  { cidr: "2001::/32", range: "teredo", verdict: "carries-v4" },
  { cidr: "2001:2::/48", range: "benchmarking", verdict: "refused" },
  { cidr: "2001:3::/32", range: "global", verdict: "global" },
  { cidr: "2001:4:112::/48", range: "global", verdict: "global" },
  // The rest of the IETF protocol block: anycast services and ORCHID/DRIP identifiers, not hosts.
  { cidr: "2001::/23", range: "reserved", verdict: "refused" },
  { cidr: "2001:db8::/32", range: "documentation", verdict: "refused" },
  { cidr: "2002::/16", range: "6to4", verdict: "carries-v4" },
  { cidr: "3fff::/20", range: "documentation", verdict: "refused" },
  { cidr: "fc00::/7", range: "unique-local", verdict: "refused" },
  { cidr: "fe80::/10", range: "link-local", verdict: "refused" },
  { cidr: "fec0::/10", range: "reserved", verdict: "refused" },
  { cidr: "ff00::/8", range: "multicast", verdict: "refused" },
  // Only 2000::/3 is allocated for global unicast; everything after this entry is reserved.
  { cidr: "2000::/3", range: "global", verdict: "global" },
];
