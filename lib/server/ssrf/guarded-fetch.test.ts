import http from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HostResolver } from "./check-url";
import { ResponseTooLargeError, SsrfBlockedError } from "./errors";
import { createGuardedFetch, createGuardedHttp, type GuardedFetchOptions } from "./guarded-fetch";
import { consumeBody } from "./response-from-node";

// Only ever talks to servers this file starts on 127.0.0.1.
let server: http.Server;
let base: string;
let port: number;
const seen: { path: string; headers: http.IncomingHttpHeaders }[] = [];
let releaseStream: () => void = () => {};

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (text += chunk));
    req.on("end", () => resolve(text));
  });
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://test");
  seen.push({ path: url.pathname, headers: req.headers });
  const [, route, arg] = url.pathname.split("/");
  switch (route) {
    case "hello":
      res.writeHead(200, { "content-type": "text/plain", "x-test": "yes" }).end("hello");
      return;
    case "echo": {
      const body = await readBody(req);
      res.writeHead(201, { "content-type": "application/json" });
      res.end(JSON.stringify({ method: req.method, body, headers: req.headers }));
      return;
    }
    case "sse":
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("data: one\n\n");
      await new Promise<void>((resolve) => (releaseStream = resolve));
      res.end("data: two\n\n");
      return;
    case "chain": {
      const left = Number(arg);
      if (left === 0) res.writeHead(200).end("arrived");
      else res.writeHead(302, { location: `/chain/${left - 1}` }).end("moving on");
      return;
    }
    case "to":
      await readBody(req);
      res
        .writeHead(Number(url.searchParams.get("status") ?? 302), { location: url.searchParams.get("target") ?? "/" })
        .end();
      return;
    case "slow-headers":
      return; // never answers
    case "slow-body":
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("first ");
      setTimeout(() => res.end("last"), 400);
      return;
    case "big":
      res.writeHead(200, { "content-type": "application/octet-stream" });
      for (let sent = 0; sent < Number(arg); sent += 1000)
        res.write(Buffer.alloc(Math.min(1000, Number(arg) - sent), 97));
      res.end();
      return;
    case "declared":
      res.writeHead(200, { "content-length": String(Number(arg)) }).end(Buffer.alloc(Number(arg), 97));
      return;
    case "gzip":
      res
        .writeHead(200, { "content-encoding": "gzip", "content-type": "text/plain" })
        .end(gzipSync(Buffer.from("compressed hello")));
      return;
    case "bomb":
      res.writeHead(200, { "content-encoding": "gzip" }).end(gzipSync(Buffer.alloc(10 * 1024 * 1024)));
      return;
    case "no-content":
      res.writeHead(204).end();
      return;
    default:
      res.writeHead(404).end("not found");
  }
}

beforeAll(async () => {
  server = http.createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  releaseStream();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function guarded(overrides: Partial<GuardedFetchOptions> = {}): typeof fetch {
  return createGuardedFetch({ environment: "development", allowHosts: ["127.0.0.1"], ...overrides });
}

async function refusal(promise: Promise<unknown>): Promise<SsrfBlockedError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SsrfBlockedError);
  return error as SsrfBlockedError;
}

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
