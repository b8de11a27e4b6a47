import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("applies defaults on an empty environment", () => {
    const e = parseEnv({});
    expect(e.PORT).toBe(3000);
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.DATA_DIR).toBe("./data");
    expect(e.ADMIN_EMAIL).toBe("admin@example.com");
    expect(e.PUBLIC_URL).toBe("http://localhost:3000");
    expect(e.SSRF_ALLOW_HOSTS).toEqual([]);
  });

  it("derives PUBLIC_URL from PORT and strips a trailing slash when given", () => {
    expect(parseEnv({ PORT: "4100" }).PUBLIC_URL).toBe("http://localhost:4100");
    expect(parseEnv({ PUBLIC_URL: "https://console.example.com/" }).PUBLIC_URL).toBe("https://console.example.com");
  });

  it("treats an empty DATABASE_URL as unset and accepts postgres URLs", () => {
    expect(parseEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
    expect(parseEnv({ DATABASE_URL: "postgres://u@127.0.0.1/db" }).DATABASE_URL).toBe("postgres://u@127.0.0.1/db");
  });

  it("ignores forwarded addresses unless TRUSTED_PROXY_HOPS says how many proxies to trust", () => {
    expect(parseEnv({}).TRUSTED_PROXY_HOPS).toBe(0);
    expect(parseEnv({ TRUSTED_PROXY_HOPS: "2" }).TRUSTED_PROXY_HOPS).toBe(2);
    expect(() => parseEnv({ TRUSTED_PROXY_HOPS: "-1" })).toThrow(/TRUSTED_PROXY_HOPS/);
    expect(() => parseEnv({ TRUSTED_PROXY_HOPS: "yes" })).toThrow(/TRUSTED_PROXY_HOPS/);
  });

  it("splits SSRF_ALLOW_HOSTS into lower-case host names", () => {
    expect(parseEnv({ SSRF_ALLOW_HOSTS: " LocalHost, 127.0.0.1 ,," }).SSRF_ALLOW_HOSTS).toEqual([
      "localhost",
      "127.0.0.1",
    ]);
  });

  it.each([
    ["PORT", "0", "PORT"],
    ["PORT", "abc", "PORT"],
    ["DATABASE_URL", "mysql://x", "DATABASE_URL"],
    ["ADMIN_EMAIL", "not-an-email", "ADMIN_EMAIL"],
    ["ADMIN_PASSWORD", "short", "ADMIN_PASSWORD"],
    ["AUTH_SECRET", "tiny", "AUTH_SECRET"],
    ["PUBLIC_URL", "ftp://x.example", "PUBLIC_URL"],
  ])("refuses %s=%s naming the variable", (key, value, named) => {
    expect(() => parseEnv({ [key]: value })).toThrow(new RegExp(named));
  });
});

describe("OIDC settings", () => {
  it("are all three or none", () => {
    expect(() => parseEnv({ OIDC_ISSUER: "https://idp.example.com" })).toThrow(/go together/);
    expect(
      parseEnv({ OIDC_ISSUER: "https://idp.example.com", OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s" }).OIDC_NAME,
    ).toBe("Single sign-on");
  });
});
