import "server-only";
import type { Environment } from "@/lib/generated/prisma/enums";
import { allOf, clockTime, listNames, plural, someOf } from "@/lib/readiness/checklist";
import { createGuardedFetch, SsrfBlockedError } from "../../ssrf";
import { checkResult, type Check } from "../context";

type Answer = "rejected" | "accepted" | "unexpected" | "unreachable" | "blocked";

interface ServerProbe {
  server: string;
  server_id: string;
  url: string;
  answer: Answer;
  http_status: number | null;
  /** The WWW-Authenticate challenge of a 401, which MCP authorization expects to point at resource metadata. */
  www_authenticate: string | null;
  detail: string;
  at: string;
}

const PROBE_CONCURRENCY = 8;

/** An MCP initialize as any client would open a session with, but without credentials. */
function initializeBody(): string {
  return JSON.stringify({
    jsonrpc: "2.0",
    id: 1,
    method: "initialize",
    params: {
      protocolVersion: "2025-06-18",
      capabilities: {},
      clientInfo: { name: "mcp-governance-console-readiness", version: "1" },
    },
  });
}

async function probeOne(send: typeof fetch, server: { id: string; name: string; url: string }): Promise<ServerProbe> {
  const at = new Date();
  const base = { server: server.name, server_id: server.id, url: redact(server.url), at: at.toISOString() };
  try {
    const res = await send(server.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        "user-agent": "mcp-governance-console/readiness",
      },
      body: initializeBody(),
      redirect: "manual",
    });
    await res.body?.cancel().catch(() => {});
    const status = res.status;
    if (status === 401 || status === 403) {
      return {
        ...base,
        answer: "rejected",
        http_status: status,
        www_authenticate: res.headers.get("www-authenticate"),
        detail: `answered ${status}`,
      };
    }
    if (status >= 200 && status < 300) {
      // Do not leave the session the probe opened behind on the upstream.
      const session = res.headers.get("mcp-session-id");
      if (session)
        await send(server.url, { method: "DELETE", headers: { "mcp-session-id": session } })
          .then((r) => r.body?.cancel())
          .catch(() => {});
      return {
        ...base,
        answer: "accepted",
        http_status: status,
        www_authenticate: null,
        detail: `answered ${status} to an unauthenticated initialize`,
      };
    }
    return {
      ...base,
      answer: "unexpected",
      http_status: status,
      www_authenticate: null,
      detail: `answered ${status} instead of 401 or 403`,
    };
  } catch (err) {
    if (err instanceof SsrfBlockedError && err.code === "dns_failure")
      return {
        ...base,
        answer: "unreachable",
        http_status: null,
        www_authenticate: null,
        detail: "could not be reached (its host name does not resolve)",
      };
    if (err instanceof SsrfBlockedError)
      return {
        ...base,
        answer: "blocked",
        http_status: null,
        www_authenticate: null,
        detail: `refused by the SSRF guard: ${err.reason}`,
      };
    const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
    return {
      ...base,
      answer: "unreachable",
      http_status: null,
      www_authenticate: null,
      detail: `could not be reached (${cause?.code ?? "network error"})`,
    };
  }
}

function guardedFetch(environment: Environment, allowHosts: string[], timeoutMs: number): typeof fetch {
  return createGuardedFetch({ environment, allowHosts, timeoutMs, maxBytes: 64 * 1024, maxRedirects: 0 });
}

/** The URL without userinfo, query or fragment, as the evidence shows it. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return "(invalid URL)";
  }
}

async function inBatches<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

/**
 * remote-auth: every active remote_http server of the environment is sent an MCP initialize
 * without credentials, through the SSRF guard (the server's environment's rules, no redirects);
 * 401/403 passes. Stored upstream credentials are never sent.
 */
export const remoteAuthCheck: Check = async (ctx) => {
  const servers = await ctx.prisma.server.findMany({
    where: { environment: ctx.environment, transport: "remote_http" },
    select: { id: true, name: true, url: true, status: true },
    orderBy: { name: "asc" },
  });
  const active = servers.filter((s) => s.status === "active" && s.url);
  const skipped = servers
    .filter((s) => !(s.status === "active" && s.url))
    .map((s) => ({ server: s.name, server_id: s.id, answer: "skipped", detail: `not probed: ${s.status}` }));
  if (active.length === 0) {
    return checkResult(
      ctx,
      "remote-auth",
      "NO_DATA",
      `No active remote MCP server is catalogued in ${ctx.environment}${skipped.length ? ` (${plural(skipped.length, "suspended server")} not probed)` : ""}.`,
      skipped,
    );
  }
  const send =
    ctx.fetchImpl?.(ctx.environment) ?? guardedFetch(ctx.environment, ctx.allowHosts, ctx.probeTimeoutMs ?? 5_000);
  const probes = await inBatches(active, PROBE_CONCURRENCY, (s) =>
    probeOne(send, { id: s.id, name: s.name, url: s.url! }),
  );
  const by = (a: Answer) => probes.filter((p) => p.answer === a);
  const rejected = by("rejected");
  const bad = [...by("accepted"), ...by("unexpected")];
  const unknown = [...by("unreachable"), ...by("blocked")];
  const answered = someOf(
    rejected.length,
    active.length,
    "active remote servers",
    "answered 401/403",
    "answered 401/403",
  );
  const describe = (list: ServerProbe[]) => list.map((p) => `${p.server} ${p.detail} at ${clockTime(p.at)}`);
  const details = [...probes, ...skipped];
  if (bad.length) return checkResult(ctx, "remote-auth", "FAIL", `${answered}; ${listNames(describe(bad))}.`, details);
  if (unknown.length)
    return checkResult(
      ctx,
      "remote-auth",
      "NO_DATA",
      `${answered}; not verified: ${listNames(describe(unknown))}.`,
      details,
    );
  const statuses = [...new Set(rejected.map((p) => p.http_status))].join("/");
  return checkResult(
    ctx,
    "remote-auth",
    "PASS",
    `${allOf(active.length, "active remote server")} refused an unauthenticated initialize (${statuses}) at ${clockTime(probes[0].at)}.`,
    details,
  );
};
