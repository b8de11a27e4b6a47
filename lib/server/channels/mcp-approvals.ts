import "server-only";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { approvalDetail, listApprovals } from "../enforcement/approval-queue";
import { voteOnApproval } from "../enforcement/decide-approval";
import { HttpProblem, Unauthorized } from "../errors";
import { parseJsonBody, readLimited } from "../handler";
import type { UserPrincipal } from "../principal";
import { approvalSummary } from "./summary";

const MAX_BODY = 64 * 1024;

function result(value: unknown): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(value, null, 2) }], structuredContent: { result: value } };
}

/** A refusal of the decision function (403 owner, 409 decided, 422 reason) as a tool error the assistant can read. */
async function answer(fn: () => Promise<unknown>): Promise<CallToolResult> {
  try {
    return result(await fn());
  } catch (err) {
    if (err instanceof HttpProblem)
      return { isError: true, content: [{ type: "text", text: `${err.title} (${err.status}): ${err.detail}` }] };
    throw err;
  }
}

const idArg = { id: z.uuid().describe("The approval's id, as list_pending_approvals gives it") };

/** The approval tools of one person: every answer goes through the same decision function as the console. */
export function approvalsMcpServer(prisma: PrismaClient, principal: UserPrincipal): McpServer {
  const server = new McpServer(
    { name: "mcp-governance-console-approvals", version: "1.0.0" },
    {
      instructions:
        "Tool calls of AI agents waiting for a person's approval. Show the request (server, tool, risk, masked " +
        "arguments, rule) to the user before approving or denying; a denial needs the user's reason.",
    },
  );
  server.registerTool(
    "list_pending_approvals",
    {
      description: "The requests waiting for an approval now, oldest first.",
      inputSchema: {
        environment: z.enum(["development", "staging", "production"]).optional(),
        limit: z.number().int().min(1).max(100).default(25),
      },
      annotations: { readOnlyHint: true },
    },
    ({ environment, limit }) =>
      answer(async () =>
        (await listApprovals(prisma, principal, { status: "PENDING", environment, limit })).map((a) =>
          approvalSummary(a),
        ),
      ),
  );
  server.registerTool(
    "get_approval",
    {
      description: "One request: agent, environment, server, tool, risk, masked arguments, rule, votes and status.",
      inputSchema: idArg,
      annotations: { readOnlyHint: true },
    },
    ({ id }) =>
      answer(async () => {
        const a = await approvalDetail(prisma, principal, id);
        return {
          ...approvalSummary(a),
          ballots: (a.votes ?? []).map((v) => ({
            by: v.userLabel,
            vote: v.vote,
            reason: v.reason,
            channel: v.channel,
          })),
        };
      }),
  );
  server.registerTool(
    "approve",
    {
      description:
        "Approve a request as yourself (four eyes apply: a request may need another approver too). " +
        "To change its arguments, use the console.",
      inputSchema: { ...idArg, reason: z.string().trim().max(2000).optional() },
      annotations: { destructiveHint: true, idempotentHint: false },
    },
    ({ id, reason }) =>
      answer(async () =>
        approvalSummary(await voteOnApproval(prisma, id, principal, { approve: true, reason, channel: "mcp" })),
      ),
  );
  server.registerTool(
    "deny",
    {
      description: "Deny a request as yourself; the reason is required and shown to the agent's owner.",
      inputSchema: { ...idArg, reason: z.string().trim().min(1, "a reason is required to deny").max(2000) },
      annotations: { destructiveHint: true, idempotentHint: false },
    },
    ({ id, reason }) =>
      answer(async () =>
        approvalSummary(await voteOnApproval(prisma, id, principal, { approve: false, reason, channel: "mcp" })),
      ),
  );
  return server;
}

/**
 * `/mcp/approvals`: MCP Streamable HTTP (stateless, JSON answers) for a person's own assistant,
 * authenticated by their personal API token — never by a session cookie, which a web page could
 * make a browser send.
 */
export async function serveApprovalsMcp(prisma: PrismaClient, principal: UserPrincipal, req: Request) {
  if (principal.via !== "api_token")
    throw Unauthorized("Send a personal API token as a bearer token.", {
      "WWW-Authenticate": 'Bearer realm="console"',
    });
  const parsedBody = parseJsonBody(await readLimited(req, MAX_BODY));
  const server = approvalsMcpServer(prisma, principal);
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  await server.connect(transport);
  try {
    return await transport.handleRequest(req, { parsedBody });
  } finally {
    await server.close();
  }
}
