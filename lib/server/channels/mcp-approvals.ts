import "server-only";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { approvalDetail, listApprovals } from "../enforcement/approval-queue";
import { voteOnApproval } from "../enforcement/decide-approval";
import { can } from "@/lib/auth/permissions";
import { APPROVALS_SCOPE } from "@/lib/schemas/person-oauth";
import { Forbidden, HttpProblem, Unauthorized } from "../errors";
import { parseJsonBody, readLimited } from "../handler";
import { protectedResourceMetadataUrl } from "../identity/metadata";
import { resolvePrincipal, type UserPrincipal } from "../principal";
import { approvalsResource, PERSON_TOKEN_PREFIX, principalForPersonToken } from "./person-oauth";
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
 * Who calls `/mcp/approvals`: a person, by an access token from the authorization code flow
 * (PKCE) or a personal API token — never by a session cookie, which a web page could make a
 * browser send, and never an agent. A 401 points the client at the resource's metadata.
 */
export async function approvalsPrincipal(prisma: PrismaClient, req: Request): Promise<UserPrincipal> {
  const challenge = (error?: string) => ({
    "WWW-Authenticate": `Bearer ${error ? `error="${error}", ` : ""}resource_metadata="${protectedResourceMetadataUrl(approvalsResource())}", scope="${APPROVALS_SCOPE}"`,
  });
  const authz = req.headers.get("authorization");
  if (!authz) throw Unauthorized("Sign in through OAuth or send a personal API token as a bearer token.", challenge());
  const bearer = /^Bearer ([A-Za-z0-9._~+/=-]{1,300})$/.exec(authz)?.[1] ?? "";
  const principal = bearer.startsWith(`${PERSON_TOKEN_PREFIX}_`)
    ? await principalForPersonToken(prisma, bearer)
    : await resolvePrincipal(prisma, req.headers).then((r) =>
        r.ok && r.principal.via === "api_token" ? r.principal : null,
      );
  if (!principal) throw Unauthorized("The token is not a person's valid token.", challenge("invalid_token"));
  if (!can(principal.role, "approvals:decide")) throw Forbidden("Your role does not decide approvals.");
  return principal;
}

/** `/mcp/approvals`: MCP Streamable HTTP (stateless, JSON answers) for a person's own assistant. */
export async function serveApprovalsMcp(prisma: PrismaClient, req: Request) {
  const principal = await approvalsPrincipal(prisma, req);
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
