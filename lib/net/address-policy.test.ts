import { describe, expect, it } from "vitest";
import { classifyAddress, describeAddress, parseHostLiteral } from "./address-policy";

type Row = [ip: string, globalUnicast: boolean, range: string, embeddedV4?: string];

const CLASSIFICATION: Row[] = [
  ["93.184.216.34", true, "global"],
  ["8.8.8.8", true, "global"],
  ["172.32.0.1", true, "global"],
  ["100.128.0.1", true, "global"],
  ["198.20.0.1", true, "global"],
  ["192.31.196.1", true, "global"],
  ["0.0.0.0", false, "unspecified"],
  ["0.1.2.3", false, "this-network"],
  ["10.0.0.1", false, "private"],
  ["10.255.255.255", false, "private"],
  ["100.64.0.1", false, "cgnat"],
  ["100.127.255.255", false, "cgnat"],
  ["127.0.0.1", false, "loopback"],
  ["127.255.255.254", false, "loopback"],
  ["169.254.169.254", false, "link-local"],
  ["172.16.0.1", false, "private"],
  ["172.31.255.255", false, "private"],
  ["192.0.0.8", false, "reserved"],
  ["192.0.2.1", false, "documentation"],
  ["192.88.99.1", false, "reserved"],
  ["192.168.1.1", false, "private"],
  ["198.18.0.1", false, "benchmarking"],
  ["198.19.255.255", false, "benchmarking"],
  ["198.51.100.1", false, "documentation"],
  ["203.0.113.1", false, "documentation"],
  ["224.0.0.1", false, "multicast"],
  ["239.255.255.250", false, "multicast"],
  ["240.0.0.1", false, "reserved"],
  ["255.255.255.255", false, "broadcast"],
  ["2606:4700:4700::1111", true, "global"],
  ["2001:4860:4860::8888", true, "global"],
  ["2001:3::1", true, "global"],
  ["::", false, "unspecified"],
  ["::1", false, "loopback"],
  ["::ffff:127.0.0.1", false, "ipv4-mapped", "127.0.0.1"],
  ["::ffff:a9fe:a9fe", false, "ipv4-mapped", "169.254.169.254"],
  ["::ffff:93.184.216.34", true, "ipv4-mapped", "93.184.216.34"],
  ["::127.0.0.1", false, "ipv4-compatible", "127.0.0.1"],
  ["::93.184.216.34", true, "ipv4-compatible", "93.184.216.34"],
  ["64:ff9b::10.0.0.1", false, "nat64", "10.0.0.1"],
  ["64:ff9b::93.184.216.34", true, "nat64", "93.184.216.34"],
  ["64:ff9b:1::93.184.216.34", false, "nat64", "93.184.216.34"],
  ["100::1", false, "reserved"],
  ["2001:0:4136:e378:8000:63bf:3fff:fdd2", false, "teredo", "192.0.2.45"],
  ["2001:0:4136:e378::80ff:fffe", false, "teredo", "127.0.0.1"],
  ["2001:0:4136:e378::a247:27dd", true, "teredo", "93.184.216.34"],
  ["2001:0:c000:0201::a247:27dd", false, "teredo", "192.0.2.1"],
  ["2001:2::1", false, "benchmarking"],
  ["2001:10::1", false, "reserved"],
  ["2001:db8::1", false, "documentation"],
  ["2002:7f00:1::", false, "6to4", "127.0.0.1"],
  ["2002:5db8:d822::1", true, "6to4", "93.184.216.34"],
  ["3fff::1", false, "documentation"],
  ["fc00::1", false, "unique-local"],
  ["fd00:ec2::254", false, "unique-local"],
  ["fe80::1", false, "link-local"],
  ["fec0::1", false, "reserved"],
  ["ff02::1", false, "multicast"],
  ["4000::1", false, "reserved"],
  ["5f00::1", false, "reserved"],
  ["not-an-ip", false, "invalid"],
  ["", false, "invalid"],
  ["fe80::1%eth0", false, "invalid"],
];

describe("classifyAddress", () => {
  it.each(CLASSIFICATION)("%s → global=%s range=%s", (ip, globalUnicast, range, embeddedV4) => {
    const c = classifyAddress(ip);
    expect(c.globalUnicast).toBe(globalUnicast);
    expect(c.range).toBe(range);
    if (embeddedV4) expect(c.embeddedV4).toBe(embeddedV4);
  });

  it("accepts bracketed IPv6 and WHATWG IPv4 forms", () => {
    expect(classifyAddress("[::1]").range).toBe("loopback");
    expect(classifyAddress("2130706433").range).toBe("loopback");
    expect(classifyAddress("0x0a.1").range).toBe("private");
  });

  it("describes refusals with the carried address", () => {
    expect(describeAddress("::ffff:a9fe:a9fe")).toBe("::ffff:a9fe:a9fe (ipv4-mapped → 169.254.169.254, link-local)");
    expect(describeAddress("10.0.0.1")).toBe("10.0.0.1 (private)");
  });
});

// [host as written, dotted quad / RFC 5952 form the WHATWG URL parser produces]
const IPV4_FORMS: [string, string][] = [
  ["2130706433", "127.0.0.1"],
  ["0177.0.0.1", "127.0.0.1"],
  ["0x7f.1", "127.0.0.1"],
  ["0x7f000001", "127.0.0.1"],
  ["127.1", "127.0.0.1"],
  ["127.0.1", "127.0.0.1"],
  ["0177.1", "127.0.0.1"],
  ["0x7F.0x0.0x0.0x1", "127.0.0.1"],
  ["127.0.0.1.", "127.0.0.1"],
  ["%31%32%37.0.0.1", "127.0.0.1"],
  ["\uff10x7f.1", "127.0.0.1"],
  ["012.0.0.1", "10.0.0.1"],
  ["167772161", "10.0.0.1"],
  ["0300.0250.1", "192.168.0.1"],
  ["0xa9.0xfe.0xa9.0xfe", "169.254.169.254"],
  ["2852039166", "169.254.169.254"],
  ["0", "0.0.0.0"],
  ["0x7f", "0.0.0.127"],
];

describe("parseHostLiteral", () => {
  it.each(IPV4_FORMS)("reads %s as %s, as new URL() does", (written, dotted) => {
    expect(new URL(`http://${written}/`).hostname).toBe(dotted);
    expect(parseHostLiteral(written)).toEqual({ kind: "ipv4", address: dotted });
  });

  it.each([
    ["[::1]", "::1"],
    ["::1", "::1"],
    ["[0:0:0:0:0:0:0:1]", "::1"],
    ["[::ffff:127.0.0.1]", "::ffff:7f00:1"],
    ["[64:ff9b::10.0.0.1]", "64:ff9b::a00:1"],
    ["[FD00::1]", "fd00::1"],
  ])("reads IPv6 %s as %s", (written, address) => {
    expect(parseHostLiteral(written)).toEqual({ kind: "ipv6", address });
  });

  it.each([
    ["Example.COM", "example.com"],
    ["localhost.", "localhost."],
    ["127.0.0.1.nip.io", "127.0.0.1.nip.io"],
    ["b\u00fccher.example", "xn--bcher-kva.example"],
  ])("reads domain %s as %s", (written, name) => {
    expect(parseHostLiteral(written)).toEqual({ kind: "domain", name });
  });

  it.each([
    "",
    "999.1.1.1",
    "1.2.3.4.5",
    "foo.0x1",
    "exa mple.com",
    "a/b",
    "user@host",
    "[::1",
    "fe80::1%25eth0",
    "1::2::3",
    "host#x",
  ])("refuses %j", (written) => {
    expect(parseHostLiteral(written).kind).toBe("invalid");
  });
});
