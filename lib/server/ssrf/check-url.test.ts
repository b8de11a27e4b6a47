import { describe, expect, it } from "vitest";
import { checkUrl, checkUrlSyntax, type HostResolver } from "./check-url";

// Stand-in DNS: the machine has no outbound network, and answers must be deterministic.
const ZONE: Record<string, string[]> = {
  "public.example": ["93.184.216.34"],
  "dual.example": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
  "rebind.example": ["93.184.216.34", "10.0.0.1"],
  "private.example": ["192.168.0.10"],
  "mapped.example": ["::ffff:127.0.0.1"],
  "ula.example": ["fd12::1"],
  "metadata.example": ["169.254.169.254"],
  "nat64.example": ["64:ff9b::a9fe:a9fe"],
  "empty.example": [],
  localhost: ["127.0.0.1", "::1"],
  "loopback.allowed": ["127.0.0.1"],
  "sub.loopback.allowed": ["127.0.0.1"],
};

const fakeResolver: HostResolver = async (hostname) => {
  const answer = ZONE[hostname];
  if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
  return answer;
};

type Verdict = "ok" | "invalid_url" | "scheme" | "userinfo" | "blocked_address" | "dns_failure" | "port";
type Row = { url: string; dev: Verdict; prod: Verdict; allow?: string[] };

const row = (url: string, dev: Verdict, prod: Verdict = dev, allow?: string[]): Row => ({ url, dev, prod, allow });
const BLOCKED = "blocked_address";

// Staging is expected to answer as production does.
const ROWS: Row[] = [
  // Public destinations
  row("https://93.184.216.34/", "ok"),
  row("http://93.184.216.34/", "ok", "scheme"),
  row("https://[2606:2800:220:1:248:1893:25c8:1946]/", "ok"),
  row("https://public.example/path?q=1", "ok"),
  row("https://dual.example/", "ok"),
  row("https://93.184.216.34:8443/", "ok"),
  row("https://172.32.0.1/", "ok"),
  row("https://100.128.0.1/", "ok"),
  row("https://198.20.0.1/", "ok"),
  // Loopback in every spelling
  row("https://127.0.0.1/", BLOCKED),
  row("http://127.0.0.1/", BLOCKED, "scheme"),
  row("https://127.1/", BLOCKED),
  row("https://2130706433/", BLOCKED),
  row("https://0177.0.0.1/", BLOCKED),
  row("https://0x7f.1/", BLOCKED),
  row("https://0x7f000001/", BLOCKED),
  row("https://0177.1/", BLOCKED),
  row("https://127.0.0.1./", BLOCKED),
  row("https://%31%32%37.0.0.1/", BLOCKED),
  row("https://127.255.255.254/", BLOCKED),
  row("https://localhost/", BLOCKED),
  row("https://LOCALHOST./", BLOCKED),
  row("https://app.localhost/", BLOCKED),
  row("https://[::1]/", BLOCKED),
  row("https://[0:0:0:0:0:0:0:1]/", BLOCKED),
  // Private, CGNAT, link-local, metadata
  row("https://10.0.0.1/", BLOCKED),
  row("https://012.0.0.1/", BLOCKED),
  row("https://167772161/", BLOCKED),
  row("https://172.16.0.1/", BLOCKED),
  row("https://172.31.255.255/", BLOCKED),
  row("https://192.168.1.1/", BLOCKED),
  row("https://0xc0.0xa8.1.1/", BLOCKED),
  row("https://0300.0250.1/", BLOCKED),
  row("https://100.64.0.1/", BLOCKED),
  row("https://100.127.255.254/", BLOCKED),
  row("https://169.254.169.254/latest/meta-data/", BLOCKED),
  row("https://0xa9fea9fe/", BLOCKED),
  row("https://[fe80::1]/", BLOCKED),
  row("https://[fd00::1]/", BLOCKED),
  row("https://[fc00::1]/", BLOCKED),
  row("https://[fd00:ec2::254]/", BLOCKED),
  // Benchmarking, documentation, multicast, broadcast, reserved, unspecified
  row("https://198.18.0.1/", BLOCKED),
  row("https://198.19.255.255/", BLOCKED),
  row("https://192.0.2.1/", BLOCKED),
  row("https://198.51.100.7/", BLOCKED),
  row("https://203.0.113.9/", BLOCKED),
  row("https://[2001:db8::1]/", BLOCKED),
  row("https://[3fff::1]/", BLOCKED),
  row("https://224.0.0.1/", BLOCKED),
  row("https://239.255.255.250/", BLOCKED),
  row("https://[ff02::1]/", BLOCKED),
  row("https://255.255.255.255/", BLOCKED),
  row("https://240.0.0.1/", BLOCKED),
  row("https://192.0.0.8/", BLOCKED),
  row("https://192.88.99.1/", BLOCKED),
  row("https://[100::1]/", BLOCKED),
  row("https://[2001:2::1]/", BLOCKED),
  row("https://[fec0::1]/", BLOCKED),
  row("https://[4000::1]/", BLOCKED),
  row("https://0.0.0.0/", BLOCKED),
  row("https://0/", BLOCKED),
  row("https://0.1.2.3/", BLOCKED),
  row("https://[::]/", BLOCKED),
  // IPv6 forms judged by the IPv4 address they carry
  row("https://[::ffff:127.0.0.1]/", BLOCKED),
  row("https://[::ffff:7f00:1]/", BLOCKED),
  row("https://[::ffff:169.254.169.254]/", BLOCKED),
  row("https://[::ffff:10.0.0.1]/", BLOCKED),
  row("https://[::ffff:93.184.216.34]/", "ok"),
  row("https://[::127.0.0.1]/", BLOCKED),
  row("https://[::10.0.0.1]/", BLOCKED),
  row("https://[64:ff9b::127.0.0.1]/", BLOCKED),
  row("https://[64:ff9b::a9fe:a9fe]/", BLOCKED),
  row("https://[64:ff9b::93.184.216.34]/", "ok"),
  row("https://[64:ff9b:1::93.184.216.34]/", BLOCKED),
  row("https://[2002:7f00:1::]/", BLOCKED),
  row("https://[2002:a00:1::1]/", BLOCKED),
  row("https://[2002:5db8:d822::1]/", "ok"),
  row("https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", BLOCKED),
  row("https://[2001:0:4136:e378::80ff:fffe]/", BLOCKED),
  row("https://[2001:0:4136:e378::a247:27dd]/", "ok"),
  // Host names judged by every address they resolve to
  row("https://private.example/", BLOCKED),
  row("https://rebind.example/", BLOCKED),
  row("https://mapped.example/", BLOCKED),
  row("https://ula.example/", BLOCKED),
  row("https://metadata.example/", BLOCKED),
  row("https://nat64.example/", BLOCKED),
  row("https://nxdomain.example/", "dns_failure"),
  row("https://empty.example/", "dns_failure"),
  row("https://metadata.google.internal/computeMetadata/v1/", BLOCKED),
  row("https://printer.local/", BLOCKED),
  row("https://router.home.arpa/", BLOCKED),
  // Userinfo
  row("https://user:pass@93.184.216.34/", "userinfo"),
  row("https://user@public.example/", "userinfo"),
  row("https://:pass@public.example/", "userinfo"),
  row("http://user:pass@127.0.0.1/", "userinfo", "scheme"),
  // Schemes
  row("file:///etc/passwd", "scheme"),
  row("gopher://127.0.0.1:70/_stats", "scheme"),
  row("ftp://93.184.216.34/", "scheme"),
  row("data:text/plain,hi", "scheme"),
  row("javascript:alert(1)", "scheme"),
  row("ws://93.184.216.34/", "scheme"),
  // Not URLs
  row("not a url", "invalid_url"),
  row("/relative/path", "invalid_url"),
  row("https://999.1.1.1/", "invalid_url"),
  row("https://1.2.3.4.5/", "invalid_url"),
  row("https://exa mple.com/", "invalid_url"),
  // Ports
  row("https://93.184.216.34:25/", "port"),
  row("https://public.example:22/", "port"),
  row("https://93.184.216.34:0/", "port"),
  // allowHosts: exact host names or addresses only
  row("http://127.0.0.1:3000/", "ok", "scheme", ["127.0.0.1"]),
  row("https://127.0.0.1:3000/", "ok", "ok", ["127.0.0.1"]),
  row("https://2130706433:3000/", "ok", "ok", ["127.0.0.1"]),
  row("https://127.0.0.2/", BLOCKED, BLOCKED, ["127.0.0.1"]),
  row("https://localhost:3000/", "ok", "ok", ["localhost"]),
  row("https://localhost/", BLOCKED, BLOCKED, ["127.0.0.1"]),
  row("https://[::1]:3000/", "ok", "ok", ["::1"]),
  row("https://[::1]/", "ok", "ok", ["[0:0::1]"]),
  row("https://loopback.allowed/", "ok", "ok", ["loopback.allowed"]),
  row("https://LoopBack.Allowed./", "ok", "ok", ["loopback.allowed"]),
  row("https://loopback.allowed/", BLOCKED),
  row("https://sub.loopback.allowed/", BLOCKED, BLOCKED, ["loopback.allowed"]),
  row("https://user:pw@127.0.0.1/", "userinfo", "userinfo", ["127.0.0.1"]),
  row("https://127.0.0.1:25/", "port", "port", ["127.0.0.1"]),
];

const ENVIRONMENTS = ["development", "staging", "production"] as const;

describe("checkUrl verdict table", () => {
  it("has at least 60 rows", () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(60);
  });

  describe.each(ENVIRONMENTS)("%s", (environment) => {
    it.each(ROWS)("$url (allow $allow)", async ({ url, dev, prod, allow }) => {
      const expected = environment === "development" ? dev : prod;
      const verdict = await checkUrl(url, { environment, allowHosts: allow ?? [], resolve: fakeResolver });
      expect(verdict.ok ? "ok" : verdict.code, verdict.ok ? "" : verdict.reason).toBe(expected);
    });
  });
});

describe("checkUrl", () => {
  it("returns every resolved address so the connection can be pinned to them", async () => {
    const verdict = await checkUrl("https://dual.example/", {
      environment: "production",
      allowHosts: [],
      resolve: fakeResolver,
    });
    expect(verdict).toMatchObject({ ok: true, addresses: ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"] });
  });

  it("normalises literal addresses", async () => {
    const verdict = await checkUrl("https://[::FFFF:93.184.216.34]/", { environment: "production", allowHosts: [] });
    expect(verdict).toMatchObject({ ok: true, addresses: ["::ffff:5db8:d822"] });
  });

  it("names the offending address when one of several is private", async () => {
    const verdict = await checkUrl("https://rebind.example/", {
      environment: "production",
      allowHosts: [],
      resolve: fakeResolver,
    });
    expect(verdict).toMatchObject({ ok: false, code: "blocked_address" });
    expect(!verdict.ok && verdict.reason).toContain("10.0.0.1 (private)");
  });

  it("uses the system resolver by default (localhost is refused by name, without DNS)", async () => {
    const verdict = await checkUrl("http://localhost:9/", { environment: "development", allowHosts: [] });
    expect(verdict.ok).toBe(false);
  });

  it("resolves allow-listed localhost through the system resolver", async () => {
    const verdict = await checkUrl("http://localhost:3000/", { environment: "development", allowHosts: ["localhost"] });
    expect(verdict.ok).toBe(true);
    if (verdict.ok) expect(verdict.addresses).toContain("127.0.0.1");
  });
});

describe("checkUrlSyntax", () => {
  const DNS_ROWS = new Set(["dns_failure"]);
  const neverCalled: HostResolver = async () => {
    throw new Error("the syntax check must not resolve");
  };

  it("agrees with checkUrl on every row that needs no DNS answer", async () => {
    for (const { url, prod, allow } of ROWS) {
      const syntax = checkUrlSyntax(url, { environment: "production", allowHosts: allow ?? [] });
      if (!syntax.ok) {
        expect(syntax.code, url).toBe(prod);
      } else if (syntax.hostKind !== "domain") {
        expect(prod, url).toBe("ok");
      } else {
        expect(DNS_ROWS.has(prod) || prod === "ok" || prod === BLOCKED, url).toBe(true);
      }
    }
    await expect(
      checkUrl("https://10.0.0.1/", { environment: "production", allowHosts: [], resolve: neverCalled }),
    ).resolves.toMatchObject({
      code: "blocked_address",
    });
  });

  it("reports whether a host still needs resolving", () => {
    expect(checkUrlSyntax("https://public.example/", { environment: "production", allowHosts: [] })).toMatchObject({
      ok: true,
      hostKind: "domain",
      addresses: [],
    });
    expect(checkUrlSyntax("https://93.184.216.34/", { environment: "production", allowHosts: [] })).toMatchObject({
      ok: true,
      hostKind: "ipv4",
      addresses: ["93.184.216.34"],
    });
  });
});
