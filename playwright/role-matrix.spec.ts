import { expect, test, type APIRequestContext } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { can, PERMISSIONS, ROLES, type Permission, type Role } from "../lib/auth/permissions";
import { declaredAccess, exportedMethods, routeFiles } from "../lib/testing/route-access";
import { adminApiToken, apiSignIn, unique } from "./helpers";

/**
 * Every route handler × every role (through personal API tokens) and no credentials,
 * against the permission each handler declares. A console route that does not declare its
 * access through lib/server/handler.ts, and is not in the table below, fails the build.
 */
const NOT_CONSOLE: Record<string, "public" | "agent" | "agent-or-console" | "metrics" | "nextauth" | "person-bearer"> =
  {
    "app/.well-known/jwks.json/route.ts": "public",
    "app/.well-known/oauth-authorization-server/route.ts": "public",
    "app/.well-known/oauth-protected-resource/[[...path]]/route.ts": "public",
    "app/api/auth/[...nextauth]/route.ts": "nextauth",
    "app/api/bench/echo/route.ts": "public",
    "app/api/health/route.ts": "public",
    "app/api/oauth/token/route.ts": "public",
    "app/api/metrics/route.ts": "metrics",
    "app/api/metrics/[name]/route.ts": "metrics",
    "app/api/v1/gates/route.ts": "metrics",
    "app/api/v1/go-no-go/route.ts": "metrics",
    "app/api/v1/readiness/route.ts": "metrics",
    "app/api/v1/decisions/route.ts": "agent",
    "app/api/v1/decisions/[id]/result/route.ts": "agent",
    "app/api/v1/approvals/[id]/route.ts": "agent",
    // Issue 6: output inspection and released outputs also serve automation with a personal API token.
    "app/api/v1/inspect/route.ts": "agent-or-console",
    "app/api/v1/outputs/[id]/route.ts": "agent-or-console",
    // Issue 26: Slack's requests carry no console credentials; each is verified by the app's signing secret.
    "app/api/slack/interactions/route.ts": "public",
    // Issue 26: a person's MCP client registers itself (RFC 7591) before the person signs in and consents.
    "app/api/oauth/register/route.ts": "public",
    // Issue 26: bearer only (an OAuth access token from the code flow or a personal API token), checked in the route.
    "app/mcp/approvals/route.ts": "person-bearer",
  };

type Access = { kind: "permission"; permission: Permission } | { kind: "signedIn" } | { kind: "public" };
interface Endpoint {
  file: string;
  method: string;
  url: string;
  access: Access | { kind: "other"; what: string };
}

const SAMPLE: Record<string, string> = {
  environment: "production",
  name: "unapproved-high-risk-writes",
  slug: "token-theft",
  version: "1",
};

function urlOf(file: string): string {
  const segments = path.dirname(file).split(path.sep).slice(1);
  return (
    "/" +
    segments
      .map((s) => {
        const m = /^\[{1,2}(?:\.\.\.)?([^\]]+)\]{1,2}$/.exec(s);
        return m ? (SAMPLE[m[1]] ?? "00000000-0000-4000-8000-000000000000") : s;
      })
      .join("/")
  );
}

function discover(): Endpoint[] {
  const out: Endpoint[] = [];
  for (const file of routeFiles("app").sort()) {
    const src = readFileSync(file, "utf8");
    const url = urlOf(file);
    for (const method of exportedMethods(src)) {
      const declared = declaredAccess(src, method);
      if (declared && !NOT_CONSOLE[file]) {
        const access: Access =
          declared.kind === "permission"
            ? { kind: "permission", permission: declared.permission as Permission }
            : declared;
        out.push({ file, method, url, access });
      } else {
        out.push({ file, method, url, access: { kind: "other", what: NOT_CONSOLE[file] ?? "undeclared" } });
      }
    }
    if (file.includes("[...nextauth]"))
      out.push({ file, method: "GET", url, access: { kind: "other", what: "nextauth" } });
  }
  return out;
}

const endpoints = discover();

test("every route declares who may call it", () => {
  const undeclared = endpoints
    .filter((e) => e.access.kind === "other" && e.access.what === "undeclared")
    .map((e) => `${e.method} ${e.file}`);
  expect(undeclared, "declare access with handler({ access }) or list the route in NOT_CONSOLE").toEqual([]);
  const unknown = endpoints
    .filter((e) => e.access.kind === "permission" && !PERMISSIONS.includes(e.access.permission))
    .map((e) => e.file);
  expect(unknown).toEqual([]);
  expect(endpoints.length).toBeGreaterThan(40);
});

async function tokenFor(request: APIRequestContext, adminToken: string, role: Role): Promise<string> {
  if (role === "admin") return adminToken;
  const email = `${unique(`matrix-${role}`)}@example.com`;
  const res = await request.post("/api/console/users", {
    headers: { authorization: `Bearer ${adminToken}` },
    data: { email, role, password: "matrix-password-1" },
  });
  expect(res.status()).toBe(201);
  const ctx = await (await import("@playwright/test")).request.newContext({ baseURL: test.info().project.use.baseURL });
  await apiSignIn(ctx, email, "matrix-password-1");
  const created = await ctx.post("/api/console/api-tokens", { data: { name: "matrix" } });
  const token = (await created.json()).token as string;
  await ctx.dispose();
  return token;
}

async function send(request: APIRequestContext, e: Endpoint, headers: Record<string, string>) {
  const data = e.method === "GET" || e.method === "DELETE" ? undefined : {};
  return request.fetch(e.url, { method: e.method, headers, data, maxRedirects: 0 });
}

test("no credentials: every protected route answers 401", async ({ request }) => {
  const failures: string[] = [];
  for (const e of endpoints) {
    const what = e.access.kind === "other" ? e.access.what : e.access.kind;
    if (what === "public" || what === "nextauth") continue;
    const res = await send(request, e, {});
    if (res.status() !== 401) failures.push(`${e.method} ${e.url} → ${res.status()}`);
  }
  expect(failures).toEqual([]);
});

test("each role gets exactly what the permission table grants", async ({ request }) => {
  test.setTimeout(240_000);
  const admin = await adminApiToken(request);
  const tokens = Object.fromEntries(
    await Promise.all(ROLES.map(async (r) => [r, await tokenFor(request, admin, r)] as const)),
  ) as Record<Role, string>;
  const failures: string[] = [];
  for (const e of endpoints) {
    if (e.access.kind === "other") {
      if (e.access.what === "agent") {
        // Console tokens are never accepted on the agent API.
        const res = await send(request, e, { authorization: `Bearer ${tokens.admin}` });
        if (res.status() !== 401)
          failures.push(`${e.method} ${e.url} with a console token → ${res.status()} (want 401)`);
      }
      continue;
    }
    for (const role of ROLES) {
      const allowed = e.access.kind !== "permission" || can(role, e.access.permission);
      const res = await send(request, e, { authorization: `Bearer ${tokens[role]}` });
      const status = res.status();
      if (allowed && (status === 401 || status === 403))
        failures.push(`${role} refused ${e.method} ${e.url} (${status})`);
      if (!allowed && status !== 403) failures.push(`${role} NOT refused ${e.method} ${e.url} (${status}, want 403)`);
      if (status >= 500 && status !== 502 && status !== 503) failures.push(`${role} ${e.method} ${e.url} → ${status}`);
    }
  }
  expect(failures).toEqual([]);
});
