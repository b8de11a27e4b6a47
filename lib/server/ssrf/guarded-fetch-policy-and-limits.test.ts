import { describe, expect, it } from "vitest";
import { base, guarded, port, refusal, seen, serveGuardedFetchUpstream } from "@/lib/testing/guarded-fetch-upstream";
import type { HostResolver } from "./check-url";
import { ResponseTooLargeError } from "./errors";

// The guarded fetch refuses blocked addresses (pinning what it checked) and enforces its limits. Only ever talks to servers lib/testing starts on 127.0.0.1.
serveGuardedFetchUpstream();

describe("createGuardedFetch: policy and DNS pinning", () => {
  it("refuses before any request when the first URL is blocked", async () => {
    const before = seen.length;
    expect((await refusal(guarded({ allowHosts: [] })(`${base}/hello`))).code).toBe("blocked_address");
    expect((await refusal(guarded()(`http://u:p@127.0.0.1:${port}/hello`))).code).toBe("userinfo");
    expect((await refusal(guarded({ environment: "production" })(`${base}/hello`))).code).toBe("scheme");
    expect(seen.length).toBe(before);
  });

  it("refuses localhost unless it is allow-listed by name", async () => {
    expect((await refusal(guarded()(`http://localhost:${port}/hello`))).code).toBe("blocked_address");
    const allowed = guarded({ allowHosts: ["localhost"] });
    expect(await (await allowed(`http://localhost:${port}/hello`)).text()).toBe("hello");
  });

  it("refuses a name that resolves to loopback unless allow-listed", async () => {
    const resolve: HostResolver = async () => ["93.184.216.34", "127.0.0.1"];
    const error = await refusal(guarded({ resolve })(`http://rebind.test:${port}/hello`));
    expect(error.code).toBe("blocked_address");
    expect(error.reason).toContain("127.0.0.1 (loopback)");
  });

  it("connects to the address it checked, not to a later DNS answer", async () => {
    // First answer: our server. Any later answer points at a loopback address where nothing listens.
    const answers: string[][] = [];
    const resolve: HostResolver = async () => {
      answers.push(answers.length === 0 ? ["127.0.0.1"] : ["127.0.0.2"]);
      return answers[answers.length - 1];
    };
    const fetch = guarded({ allowHosts: ["rebind.test"], resolve });
    const response = await fetch(`http://rebind.test:${port}/echo`);
    const { headers } = (await response.json()) as { headers: Record<string, string> };
    expect(headers.host).toBe(`rebind.test:${port}`);
    expect(answers).toHaveLength(1);
  });

  it("checks every redirect hop with a fresh resolution", async () => {
    const asked: string[] = [];
    const resolve: HostResolver = async (host) => {
      asked.push(host);
      return host === "ok.test" ? ["127.0.0.1"] : ["10.0.0.1"];
    };
    const fetch = guarded({ allowHosts: ["ok.test"], resolve });
    const target = encodeURIComponent(`http://evil.test:${port}/hello`);
    expect((await refusal(fetch(`http://ok.test:${port}/to?target=${target}`))).code).toBe("blocked_address");
    expect(asked).toEqual(["ok.test", "evil.test"]);
  });
});

describe("createGuardedFetch: limits", () => {
  it("times out waiting for headers with a TypeError", async () => {
    const started = Date.now();
    const error = await guarded({ timeoutMs: 200 })(`${base}/slow-headers`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError & { cause: { code: string } }).cause.code).toBe("ETIMEDOUT");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("does not apply the headers timeout to a slow body", async () => {
    const response = await guarded({ timeoutMs: 200 })(`${base}/slow-body`);
    expect(await response.text()).toBe("first last");
  });

  it("errors the body stream past maxBytes", async () => {
    const response = await guarded({ maxBytes: 4096 })(`${base}/big/20000`);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toBeInstanceOf(ResponseTooLargeError);
    expect(await (await guarded({ maxBytes: 4096 })(`${base}/big/4096`)).text()).toHaveLength(4096);
  });

  it("refuses a declared Content-Length past maxBytes up front", async () => {
    await expect(guarded({ maxBytes: 4096 })(`${base}/declared/5000`)).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it("counts decoded bytes, so a gzip bomb is stopped", async () => {
    const response = await guarded({ maxBytes: 1024 * 1024 })(`${base}/bomb`);
    await expect(response.arrayBuffer()).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it("honours the caller's AbortSignal before and after the headers", async () => {
    const early = new AbortController();
    const pending = guarded()(`${base}/slow-headers`, { signal: early.signal });
    setTimeout(() => early.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });

    const late = new AbortController();
    const response = await guarded()(`${base}/slow-body`, { signal: late.signal });
    late.abort();
    await expect(response.text()).rejects.toMatchObject({ name: "AbortError" });
  });
});
