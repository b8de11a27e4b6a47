import { describe, expect, it } from "vitest";
import { clientSourceOf, PEER_ADDRESS_HEADER, sourceOfAddress, UNKNOWN_SOURCE } from "./client-address";

const peer = (address: string, more: Record<string, string> = {}) => ({ [PEER_ADDRESS_HEADER]: address, ...more });

describe("sourceOfAddress", () => {
  it.each([
    ["198.51.100.7", "198.51.100.7"],
    [" 198.51.100.7 ", "198.51.100.7"],
    ["::ffff:198.51.100.7", "198.51.100.7"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002:ffff::1", "2001:db8:1:2::/64"],
    ["fe80::1%eth0", "fe80::/64"],
    ["::1", "::/64"],
  ])("%s is the source %s", (address, source) => {
    expect(sourceOfAddress(address)).toBe(source);
  });

  it.each(["", "unknown", "198.51.100.7, 10.0.0.1", "example.com", "1.2.3.4.5"])("%j is no address", (text) => {
    expect(sourceOfAddress(text)).toBeNull();
  });
});

describe("clientSourceOf", () => {
  it("is the peer address server.ts recorded; without one, the single unknown source", () => {
    expect(clientSourceOf(peer("198.51.100.7"), 0)).toBe("198.51.100.7");
    expect(clientSourceOf(new Headers(peer("198.51.100.7")), 0)).toBe("198.51.100.7");
    expect(clientSourceOf({}, 0)).toBe(UNKNOWN_SOURCE);
    expect(clientSourceOf(undefined, 0)).toBe(UNKNOWN_SOURCE);
    expect(clientSourceOf(peer(""), 0)).toBe(UNKNOWN_SOURCE);
  });

  it("ignores X-Forwarded-For unless proxies are trusted, so a client cannot choose its source", () => {
    expect(clientSourceOf(peer("198.51.100.7", { "x-forwarded-for": "203.0.113.1" }), 0)).toBe("198.51.100.7");
  });

  it("behind trusted proxies, reads X-Forwarded-For from the right, never reaching entries a client wrote", () => {
    const forged = "203.0.113.66, 192.0.2.10";
    // One proxy (10.0.0.2) appended the client it saw (192.0.2.10) to what the client sent.
    expect(clientSourceOf(peer("10.0.0.2", { "x-forwarded-for": forged }), 1)).toBe("192.0.2.10");
    // Two proxies: the outer one saw 192.0.2.10, the inner one (the peer) appended the outer one's address.
    expect(clientSourceOf(peer("10.0.0.2", { "x-forwarded-for": `${forged}, 10.0.0.1` }), 2)).toBe("192.0.2.10");
  });

  it("behind trusted proxies, falls back to the nearest address it has when the header is short or not an address", () => {
    expect(clientSourceOf(peer("10.0.0.2"), 1)).toBe("10.0.0.2");
    expect(clientSourceOf(peer("10.0.0.2", { "x-forwarded-for": "192.0.2.10" }), 3)).toBe("192.0.2.10");
    expect(clientSourceOf(peer("10.0.0.2", { "x-forwarded-for": "not-an-address" }), 1)).toBe("10.0.0.2");
  });
});
