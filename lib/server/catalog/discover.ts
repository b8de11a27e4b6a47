import "server-only";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { TOOL_NAME, type ToolInput } from "@/lib/schemas/catalog";
import { openJson } from "../crypto-box";
import { HttpProblem, NotFound, Unprocessable } from "../errors";
import { createGuardedFetch, redactUrl, SsrfBlockedError, type HostResolver } from "../ssrf";
import { checkEntryFor, diffTools, type ToolChange } from "./operations";
import { CREDENTIALS_PURPOSE } from "./servers";
import { classifyTool, type ToolAnnotations } from "./tool-defaults";

const DISCOVERY_TIMEOUT_MS = 20_000;
const MAX_PAGES = 20;

export interface DiscoveredTool {
  name: string;
  title?: string;
  description: string;
  annotations: Record<string, unknown>;
  action: string;
  risk: string;
  overridden: boolean;
}

function ssrfCause(err: unknown): SsrfBlockedError | null {
  for (let e: unknown = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof SsrfBlockedError) return e;
  }
  return null;
}

function networkCode(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^E[A-Z]+$/.test(code)) return code;
  }
  return null;
}

/** Lists the tools of a remote MCP server through the SSRF guard (Streamable HTTP). */
async function listUpstreamTools(
  url: string,
  environment: "development" | "staging" | "production",
  headers: Record<string, string>,
  resolve?: HostResolver,
): Promise<ToolInput[]> {
  const fetch = createGuardedFetch({
    environment,
    allowHosts: env().SSRF_ALLOW_HOSTS,
    timeoutMs: 10_000,
    maxBytes: 5 * 1024 * 1024,
    resolve,
  });
  const client = new Client({ name: "mcp-governance-console", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(url), { fetch, requestInit: { headers } });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error("discovery timed out"), { code: "ETIMEDOUT" })),
      DISCOVERY_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([
      (async () => {
        await client.connect(transport);
        const tools: ToolInput[] = [];
        let cursor: string | undefined;
        for (let page = 0; page < MAX_PAGES; page++) {
          const res = await client.listTools(cursor ? { cursor } : undefined);
          for (const t of res.tools) {
            if (!TOOL_NAME.test(t.name)) continue;
            tools.push({
              name: t.name,
              ...(t.title ? { title: t.title.slice(0, 200) } : {}),
              description: (t.description ?? "").slice(0, 4000),
              annotations: (t.annotations ?? {}) as ToolInput["annotations"],
              input_schema: t.inputSchema as Record<string, unknown>,
            });
          }
          cursor = res.nextCursor;
          if (!cursor) break;
        }
        return tools;
      })(),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
    await client.close().catch(() => {});
  }
}

/**
 * Discovery for one catalogued server: its current tools upstream, classified by the catalog's
 * rules, and what saving them would change. SSRF refusal → 422 ssrf-blocked; unreachable → 502.
 */
export async function discoverServerTools(
  prisma: PrismaClient,
  serverId: string,
  opts: { resolve?: HostResolver } = {},
): Promise<{ tools: DiscoveredTool[]; toolInputs: ToolInput[]; changes: ToolChange[] }> {
  const server = await prisma.server.findUnique({ where: { id: serverId }, include: { tools: true } });
  if (!server) throw NotFound("The server");
  if (server.transport !== "remote_http" || !server.url)
    throw Unprocessable(
      "Discovery works for remote_http servers only.",
      [{ path: "transport", message: "not remote_http" }],
      "not-discoverable",
    );
  checkEntryFor(server.environment, { transport: "remote_http", url: server.url });
  const headers = server.credentialsEnc
    ? openJson<{ headers: Record<string, string> }>(server.credentialsEnc, CREDENTIALS_PURPOSE).headers
    : {};
  let toolInputs: ToolInput[];
  try {
    toolInputs = await listUpstreamTools(server.url, server.environment, headers, opts.resolve);
  } catch (err) {
    const blocked = ssrfCause(err);
    if (blocked) {
      throw new HttpProblem(
        422,
        "ssrf-blocked",
        "Unprocessable content",
        `The SSRF guard refused ${blocked.url}: ${blocked.reason}.`,
        { code: blocked.code },
      );
    }
    const code = networkCode(err);
    throw new HttpProblem(
      502,
      "upstream-unreachable",
      "Bad gateway",
      `The MCP server at ${redactUrl(server.url)} could not be reached or did not answer as an MCP server${code ? ` (${code})` : ""}.`,
    );
  }
  const overridden = new Map(server.tools.filter((t) => t.overridden).map((t) => [t.name, t]));
  const tools = toolInputs.map((t) => {
    const kept = overridden.get(t.name);
    const cls = classifyTool({ annotations: t.annotations as ToolAnnotations });
    return {
      name: t.name,
      ...(t.title ? { title: t.title } : {}),
      description: t.description ?? "",
      annotations: (t.annotations ?? {}) as Record<string, unknown>,
      action: kept?.action ?? cls.action,
      risk: kept?.risk ?? cls.risk,
      overridden: !!kept,
    };
  });
  return { tools, toolInputs, changes: diffTools(server.tools, toolInputs) };
}
