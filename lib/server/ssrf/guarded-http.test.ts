import type http from "node:http";
import { describe, expect, it } from "vitest";
import { base, port, refusal, seen, serveGuardedFetchUpstream } from "@/lib/testing/guarded-fetch-upstream";
import { ResponseTooLargeError } from "./errors";
import { createGuardedHttp, type GuardedFetchOptions } from "./guarded-fetch";
import { consumeBody } from "./response-from-node";

// The plain request (createGuardedHttp) shares the fetch's checks and limits. Only ever talks to servers lib/testing starts on 127.0.0.1.
serveGuardedFetchUpstream();

describe("createGuardedHttp: the plain request shares the fetch's checks and limits", () => {
  const http_ = (overrides: Partial<GuardedFetchOptions> = {}) =>
    createGuardedHttp({ environment: "development", allowHosts: ["127.0.0.1"], ...overrides });
  const body = (incoming: http.IncomingMessage, maxBytes: number) =>
    new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      consumeBody(incoming, maxBytes, {
        data: (c) => chunks.push(c),
        end: () => resolve(Buffer.concat(chunks).toString("utf8")),
        error: reject,
      });
    });

  it("POSTs with the caller's headers, never its connection headers, and returns Node's response", async () => {
    const incoming = await http_().request(`${base}/echo`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-key": "k", host: "evil.test", connection: "close" },
      body: '{"a":1}',
    });
    expect(incoming.statusCode).toBe(201);
    const echoed = JSON.parse(await body(incoming, 1_000_000)) as {
      method: string;
      body: string;
      headers: Record<string, string>;
    };
    expect(echoed).toMatchObject({ method: "POST", body: '{"a":1}' });
    expect(echoed.headers).toMatchObject({ "x-key": "k", host: `127.0.0.1:${port}`, "content-length": "7" });
  });

  it("refuses blocked URLs before any request, and checks (resolves) the URL on every request", async () => {
    const before = seen.length;
    expect(
      (await refusal(http_({ allowHosts: [] }).request(`${base}/hello`, { method: "GET", headers: {} }))).code,
    ).toBe("blocked_address");
    expect(
      (await refusal(http_({ environment: "production" }).request(`${base}/hello`, { method: "GET", headers: {} })))
        .code,
    ).toBe("scheme");
    const rebound = http_({ resolve: async () => ["93.184.216.34", "10.0.0.1"] });
    expect(
      (await refusal(rebound.request(`http://rebind.test:${port}/hello`, { method: "GET", headers: {} }))).code,
    ).toBe("blocked_address");
    expect(seen.length).toBe(before);
    let resolutions = 0;
    const allowed = http_({ allowHosts: ["upstream.test"], resolve: async () => (resolutions++, ["127.0.0.1"]) });
    for (let i = 0; i < 2; i++)
      expect(
        await body(await allowed.request(`http://upstream.test:${port}/hello`, { method: "GET", headers: {} }), 100),
      ).toBe("hello");
    expect(resolutions).toBe(2);
  });

  it("keeps a URL's syntax verdict between requests but judges a host name's addresses on every one", async () => {
    const before = seen.length;
    const strict = http_({ allowHosts: [] });
    for (let i = 0; i < 3; i++)
      expect((await refusal(strict.request(`${base}/hello`, { method: "GET", headers: {} }))).code).toBe(
        "blocked_address",
      );
    // A host name's answer is never kept: each request resolves it again and judges what it gets.
    let calls = 0;
    const rebinding = http_({ allowHosts: [], resolve: async () => (calls++ === 0 ? ["127.0.0.1"] : ["10.0.0.7"]) });
    expect(
      (await refusal(rebinding.request(`http://flip.test:${port}/hello`, { method: "GET", headers: {} }))).code,
    ).toBe("blocked_address");
    expect(
      (await refusal(rebinding.request(`http://flip.test:${port}/hello`, { method: "GET", headers: {} }))).code,
    ).toBe("blocked_address");
    expect(calls).toBe(2);
    expect(seen.length).toBe(before);
    // An address literal needs no resolver at all, request after request.
    const literal = http_({ resolve: async () => expect.unreachable("an address literal is never resolved") });
    for (let i = 0; i < 3; i++)
      expect(await body(await literal.request(`${base}/hello`, { method: "GET", headers: {} }), 100)).toBe("hello");
  });

  it("returns a redirect instead of following it", async () => {
    const incoming = await http_().request(`${base}/chain/1`, { method: "GET", headers: {} });
    expect(incoming.statusCode).toBe(302);
    incoming.resume();
  });

  it("times out waiting for headers, and aborts with the caller's signal", async () => {
    const error = await http_({ timeoutMs: 200 })
      .request(`${base}/slow-headers`, { method: "GET", headers: {} })
      .catch((e: unknown) => e);
    expect((error as TypeError & { cause: { code: string } }).cause.code).toBe("ETIMEDOUT");
    const controller = new AbortController();
    const pending = http_()
      .request(`${base}/slow-headers`, { method: "GET", headers: {}, signal: controller.signal })
      .catch((e: unknown) => e);
    controller.abort(new Error("stop"));
    expect(((await pending) as Error).message).toBe("stop");
  });

  it("limits and decodes the body as the fetch does", async () => {
    const g = http_();
    expect(await body(await g.request(`${base}/gzip`, { method: "GET", headers: {} }), 1000)).toBe("compressed hello");
    await expect(
      body(await g.request(`${base}/big/5000`, { method: "GET", headers: {} }), 1000),
    ).rejects.toBeInstanceOf(ResponseTooLargeError);
    await expect(
      body(await g.request(`${base}/declared/5000`, { method: "GET", headers: {} }), 1000),
    ).rejects.toBeInstanceOf(ResponseTooLargeError);
    await expect(
      body(await g.request(`${base}/bomb`, { method: "GET", headers: {} }), 64 * 1024),
    ).rejects.toBeInstanceOf(ResponseTooLargeError);
  });
});
