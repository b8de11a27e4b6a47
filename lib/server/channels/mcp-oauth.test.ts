import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type OAuthClientProvider, UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from "@modelcontextprotocol/sdk/shared/auth.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The SDK client checks the resource metadata against the server's URL: PUBLIC_URL is this test's server, fixed
// before anything reads lib/env. Its routes are filled in below, once the route modules are imported.
type Route = (req: Request) => Promise<Response>;
const routes = new Map<string, Route>();
const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const route = routes.get(`${req.method} ${(req.url ?? "").split("?")[0]}`);
  if (!route) return void res.writeHead(404).end();
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const body = chunks.length ? Buffer.concat(chunks) : undefined;
  const response = await route(new Request(`${base}${req.url}`, { method: req.method, headers, body }));
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
});
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
process.env.PUBLIC_URL = base;

const { channelsWorld } = await import("@/lib/testing/channels-world");
const { testDbKinds } = await import("@/lib/testing/test-db");
const { resolvePrincipal } = await import("../principal");
const kinds = await testDbKinds();
const mcp = await import("@/app/mcp/approvals/route");
const prm = await import("@/app/.well-known/oauth-protected-resource/[[...path]]/route");
const asMeta = await import("@/app/.well-known/oauth-authorization-server/route");
const register = await import("@/app/api/oauth/register/route");
const token = await import("@/app/api/oauth/token/route");
const consent = await import("@/app/api/console/oauth/authorize/route");
routes.set("POST /mcp/approvals", mcp.POST);
routes.set("GET /.well-known/oauth-protected-resource/mcp/approvals", (req) =>
  prm.GET(req, { params: Promise.resolve({ path: ["mcp", "approvals"] }) }),
);
routes.set("GET /.well-known/oauth-authorization-server", async () => asMeta.GET());
routes.set("POST /api/oauth/register", register.POST);
routes.set("POST /api/oauth/token", token.POST);
routes.set("POST /api/console/oauth/authorize", consent.POST);

const REDIRECT = "http://127.0.0.1:9/callback";

/** What a person's MCP client keeps: its registration, the PKCE verifier, the tokens; the browser step is recorded. */
class AssistantAuth implements OAuthClientProvider {
  info?: OAuthClientInformationMixed;
  saved?: OAuthTokens;
  verifier = "";
  authorizationUrl?: URL;
  get redirectUrl() {
    return REDIRECT;
  }
  get clientMetadata(): OAuthClientMetadata {
    return { client_name: "Test assistant", redirect_uris: [REDIRECT], token_endpoint_auth_method: "none" };
  }
  clientInformation() {
    return this.info;
  }
  saveClientInformation(info: OAuthClientInformationMixed) {
    this.info = info;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: OAuthTokens) {
    this.saved = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(v: string) {
    this.verifier = v;
  }
  codeVerifier() {
    return this.verifier;
  }
}

const text = (r: unknown) => (r as CallToolResult).content.map((c) => (c.type === "text" ? c.text : "")).join("");
const form = (body: Record<string, string>) =>
  fetch(`${base}/api/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(body),
  });

describe.each(kinds)("OAuth (authorization code + PKCE) for a person's MCP client on %s", (kind) => {
  let w: Awaited<ReturnType<typeof channelsWorld>>;

  beforeAll(async () => {
    w = await channelsWorld(kind);
  });
  afterAll(async () => {
    await w?.dispose();
  });

  /** The person's answer on the consent page (its API, with their own credentials). */
  async function consentAs(bearer: string, authorizationUrl: URL, allow = true) {
    return fetch(`${base}/api/console/oauth/authorize`, {
      method: "POST",
      headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
      body: JSON.stringify({ ...Object.fromEntries(authorizationUrl.searchParams), allow }),
    });
  }

  /** Discovery, registration, consent as `person`, code exchange: the SDK's own flow. Returns the provider. */
  async function signIn(person: keyof typeof w.people) {
    const auth = new AssistantAuth();
    const url = new URL(`${base}/mcp/approvals`);
    const first = new Client({ name: "assistant", version: "1" });
    const transport = new StreamableHTTPClientTransport(url, { authProvider: auth });
    await expect(first.connect(transport)).rejects.toThrow(UnauthorizedError);
    const at = auth.authorizationUrl!;
    expect(`${at.origin}${at.pathname}`).toBe(`${base}/oauth/authorize`);
    expect(at.searchParams.get("code_challenge_method")).toBe("S256");
    const answer = await consentAs(await w.token(w.people[person]), at);
    expect(answer.status).toBe(200);
    const back = new URL((await answer.json()).redirect_to);
    expect(back.searchParams.get("state")).toBe(at.searchParams.get("state"));
    expect(back.searchParams.get("iss")).toBe(base);
    await transport.finishAuth(back.searchParams.get("code")!);
    return auth;
  }

  async function connect(auth: AssistantAuth) {
    const client = new Client({ name: "assistant", version: "1" });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp/approvals`), { authProvider: auth }));
    return client;
  }

  it("signs a person's assistant in and lets it list, approve and deny as that person", async () => {
    const [first, second] = [await w.hold(), await w.hold()];
    const auth = await signIn("sre1");
    expect(auth.saved).toMatchObject({ token_type: "Bearer", scope: "approvals", expires_in: 3600 });
    const client = await connect(auth);
    const listed = JSON.parse(text(await client.callTool({ name: "list_pending_approvals", arguments: {} })));
    expect(listed.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining([first, second]));
    expect((await client.callTool({ name: "approve", arguments: { id: first } })).isError).toBeFalsy();
    expect((await client.callTool({ name: "deny", arguments: { id: second, reason: "no" } })).isError).toBeFalsy();
    const rows = await w.db.prisma.approval.findMany({
      where: { id: { in: [first, second] } },
      include: { votes: true },
    });
    for (const row of rows) {
      expect(row.decidedChannel).toBe("mcp");
      expect(row.votes[0].userId).toBe(w.people.sre1.principal.userId);
    }
    expect(await w.db.prisma.auditEvent.count({ where: { action: "oauth.person_authorized" } })).toBeGreaterThan(0);
    // The token is for /mcp/approvals only: the console API refuses it.
    const h = new Headers({ authorization: `Bearer ${auth.saved!.access_token}` });
    expect(await resolvePrincipal(w.db.prisma, h)).toEqual({ ok: false, reason: "invalid_token" });
    await client.close();
  });

  it("refuses the agent's owner through the assistant too, and a viewer cannot consent", async () => {
    const id = await w.hold();
    const client = await connect(await signIn("owner"));
    const refused = await client.callTool({ name: "approve", arguments: { id } });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toContain("You own this agent");
    await client.close();
    const auth = new AssistantAuth();
    await new Client({ name: "a", version: "1" })
      .connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp/approvals`), { authProvider: auth }))
      .catch(() => undefined);
    expect((await consentAs(await w.token(w.people.viewer), auth.authorizationUrl!)).status).toBe(403);
  });

  it("spends a code once, binds it to PKCE, client and redirect URI, and refuses expired or revoked tokens", async () => {
    const reg = await fetch(`${base}/api/oauth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_name: "Raw", redirect_uris: [REDIRECT] }),
    });
    expect(reg.status).toBe(201);
    const clientId = (await reg.json()).client_id as string;
    const verifier = "v".repeat(50);
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const ask = new URL(`${base}/oauth/authorize`);
    for (const [k, v] of Object.entries({
      response_type: "code",
      client_id: clientId,
      redirect_uri: REDIRECT,
      code_challenge: challenge,
      code_challenge_method: "S256",
    }))
      ask.searchParams.set(k, v);
    const sre = await w.token(w.people.sre2);
    const codeOf = async () =>
      new URL((await (await consentAs(sre, ask)).json()).redirect_to).searchParams.get("code")!;
    const exchange = (code: string, extra: Record<string, string> = {}) =>
      form({
        grant_type: "authorization_code",
        code,
        code_verifier: verifier,
        client_id: clientId,
        redirect_uri: REDIRECT,
        ...extra,
      });

    const wrongVerifier = await codeOf();
    const bad = await exchange(wrongVerifier, { code_verifier: "w".repeat(50) });
    expect([bad.status, (await bad.json()).error]).toEqual([400, "invalid_grant"]);
    // A failed exchange spent the code: the right verifier comes too late.
    expect((await exchange(wrongVerifier)).status).toBe(400);
    expect((await exchange(await codeOf(), { redirect_uri: "http://127.0.0.1:9/other" })).status).toBe(400);
    const good = await codeOf();
    const ok = await exchange(good);
    expect(ok.status).toBe(200);
    const access = (await ok.json()).access_token as string;
    expect((await exchange(good)).status).toBe(400);

    const call = (bearer: string) =>
      fetch(`${base}/mcp/approvals`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${bearer}`,
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
        },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
      });
    expect((await call(access)).status).toBe(200);
    await w.db.prisma.personAccessToken.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await call(access);
    expect(expired.status).toBe(401);
    expect(expired.headers.get("www-authenticate")).toContain(
      `resource_metadata="${base}/.well-known/oauth-protected-resource/mcp/approvals"`,
    );
    const none = await fetch(`${base}/mcp/approvals`, { method: "POST", body: "{}" });
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain("resource_metadata=");
  });

  it("refuses hostile registrations and authorization requests with 4xx", async () => {
    const post = (body: string) =>
      fetch(`${base}/api/oauth/register`, { method: "POST", headers: { "content-type": "application/json" }, body });
    for (const uri of ["javascript:alert(1)", "http://evil.example/cb", "https://x.example/cb#frag", "not a url"]) {
      const res = await post(JSON.stringify({ redirect_uris: [uri] }));
      expect([res.status, (await res.json()).error], uri).toEqual([400, "invalid_redirect_uri"]);
    }
    expect((await post("{nope")).status).toBe(400);
    expect((await post("[]")).status).toBe(400);
    expect((await post(JSON.stringify({ redirect_uris: [REDIRECT], pad: "x".repeat(20_000) }))).status).toBe(400);
    const sre = await w.token(w.people.sre1);
    const consentBody = (body: unknown) =>
      fetch(`${base}/api/console/oauth/authorize`, {
        method: "POST",
        headers: { authorization: `Bearer ${sre}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const unknown = await consentBody({
      response_type: "code",
      client_id: "mgc_pc_unknown",
      redirect_uri: REDIRECT,
      code_challenge: "a".repeat(43),
      code_challenge_method: "S256",
      allow: true,
    });
    expect(unknown.status).toBe(422);
    expect(unknown.headers.get("content-type")).toContain("problem+json");
    expect((await consentBody({ response_type: "token", allow: true })).status).toBe(422);
    expect((await form({ grant_type: "authorization_code", code: "x" })).status).toBe(400);
  });
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));
