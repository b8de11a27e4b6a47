import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import {
  base,
  guarded,
  port,
  refusal,
  releaseStream,
  seen,
  serveGuardedFetchUpstream,
} from "@/lib/testing/guarded-fetch-upstream";
import type { HostResolver } from "./check-url";
import { SsrfBlockedError } from "./errors";

// The guarded fetch behaves as fetch does, and follows redirects within its rules. Only ever talks to servers lib/testing starts on 127.0.0.1.
serveGuardedFetchUpstream();

describe("createGuardedFetch: fetch behaviour", () => {
  it("GETs and returns a real Response", async () => {
    const response = await guarded()(`${base}/hello`);
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.ok).toBe(true);
    expect(response.headers.get("x-test")).toBe("yes");
    expect(response.url).toBe(`${base}/hello`);
    expect(response.redirected).toBe(false);
    expect(await response.text()).toBe("hello");
  });

  it("POSTs string and byte bodies with headers and method", async () => {
    const fetch = guarded();
    const json = await fetch(`${base}/echo`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer t", host: "evil.example" },
      body: JSON.stringify({ a: 1 }),
    });
    expect(json.status).toBe(201);
    const echoed = (await json.json()) as { method: string; body: string; headers: Record<string, string> };
    expect(echoed).toMatchObject({ method: "POST", body: '{"a":1}' });
    expect(echoed.headers).toMatchObject({
      authorization: "Bearer t",
      "content-type": "application/json",
      host: `127.0.0.1:${port}`,
    });

    const bytes = await fetch(new URL(`${base}/echo`), { method: "PUT", body: new TextEncoder().encode("raw bytes") });
    expect(await bytes.json()).toMatchObject({ method: "PUT", body: "raw bytes" });
  });

  it("accepts a Request object", async () => {
    const response = await guarded()(new Request(`${base}/echo`, { method: "PATCH", body: "from request" }));
    expect(await response.json()).toMatchObject({ method: "PATCH", body: "from request" });
  });

  it("streams the body (server-sent events arrive before the response ends)", async () => {
    const response = await guarded()(`${base}/sse`, { headers: { accept: "text/event-stream" } });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    expect((await reader.read()).value).toBe("data: one\n\n");
    releaseStream();
    let rest = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += chunk.value;
    expect(rest).toBe("data: two\n\n");
  });

  it("decodes gzip bodies", async () => {
    expect(await (await guarded()(`${base}/gzip`)).text()).toBe("compressed hello");
  });

  it("gives a null body for 204", async () => {
    const response = await guarded()(`${base}/no-content`);
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
  });

  it("reports an unreachable upstream as a TypeError, not a policy refusal", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await guarded()(`http://127.0.0.1:${closedPort}/`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).not.toBeInstanceOf(SsrfBlockedError);
    expect((error as TypeError & { cause: { code: string } }).cause.code).toBe("ECONNREFUSED");
  });
});

describe("createGuardedFetch: redirects", () => {
  it("follows one redirect", async () => {
    const response = await guarded()(`${base}/chain/1`);
    expect(await response.text()).toBe("arrived");
    expect(response.redirected).toBe(true);
    expect(response.url).toBe(`${base}/chain/0`);
  });

  it("follows three redirects and refuses the fourth", async () => {
    expect(await (await guarded()(`${base}/chain/3`)).text()).toBe("arrived");
    const error = await refusal(guarded()(`${base}/chain/4`));
    expect(error.code).toBe("redirect_limit");
  });

  it("honours maxRedirects", async () => {
    expect((await refusal(guarded({ maxRedirects: 0 })(`${base}/chain/1`))).code).toBe("redirect_limit");
  });

  it('returns the redirect itself with redirect: "manual" and fails with redirect: "error"', async () => {
    const manual = await guarded()(`${base}/chain/2`, { redirect: "manual" });
    expect(manual.status).toBe(302);
    expect(manual.headers.get("location")).toBe("/chain/1");
    expect(manual.url).toBe(`${base}/chain/2`);
    await expect(guarded()(`${base}/chain/2`, { redirect: "error" })).rejects.toBeInstanceOf(TypeError);
  });

  it("turns POST into GET on 303 and keeps method and body on 307", async () => {
    const to = (status: number) => `${base}/to?status=${status}&target=/echo`;
    const after303 = await guarded()(to(303), {
      method: "POST",
      body: "payload",
      headers: { "content-type": "text/plain" },
    });
    expect(await after303.json()).toMatchObject({ method: "GET", body: "" });
    const after307 = await guarded()(to(307), { method: "POST", body: "payload" });
    expect(await after307.json()).toMatchObject({ method: "POST", body: "payload" });
  });

  it.each([
    ["http://10.0.0.1/", "blocked_address"],
    ["http://[::ffff:169.254.169.254]/latest/meta-data/", "blocked_address"],
    ["http://0x0a.1/", "blocked_address"],
    ["http://169.254.169.254/", "blocked_address"],
    ["http://user:pw@127.0.0.1/", "userinfo"],
    ["file:///etc/passwd", "scheme"],
  ])("refuses a redirect to %s before connecting", async (target, code) => {
    const before = seen.length;
    const error = await refusal(guarded()(`${base}/to?target=${encodeURIComponent(target)}`));
    expect(error.code).toBe(code);
    expect(seen.length - before).toBe(1);
  });

  it("refuses a redirect to a loopback host that is not allow-listed", async () => {
    for (const target of [
      `http://127.0.0.2:${port}/hello`,
      `http://localhost:${port}/hello`,
      `http://[::1]:${port}/hello`,
    ]) {
      const error = await refusal(guarded()(`${base}/to?target=${encodeURIComponent(target)}`));
      expect(error.code).toBe("blocked_address");
    }
  });

  it("drops credentials on a cross-origin redirect", async () => {
    const resolve: HostResolver = async () => ["127.0.0.1"];
    const fetch = guarded({ allowHosts: ["127.0.0.1", "other.test"], resolve });
    const target = encodeURIComponent(`http://other.test:${port}/echo`);
    const response = await fetch(`${base}/to?target=${target}`, {
      headers: { authorization: "Bearer secret", "x-keep": "1" },
    });
    const { headers } = (await response.json()) as { headers: Record<string, string> };
    expect(headers.authorization).toBeUndefined();
    expect(headers["x-keep"]).toBe("1");
    expect(headers.host).toBe(`other.test:${port}`);
  });
});
