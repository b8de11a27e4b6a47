import "server-only";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { RequestHandlerExtra, RequestOptions } from "@modelcontextprotocol/sdk/shared/protocol.js";
import type { ServerNotification, ServerRequest } from "@modelcontextprotocol/sdk/types.js";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { AgentPrincipal } from "../identity/token-guard";
import type { TraceContext } from "../telemetry/spans";

/** What the SDK hands a gateway request handler about the agent's request. */
export type AgentExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** What one gateway tools/call runs with (call-tool.ts). */
export interface CallContext {
  prisma: PrismaClient;
  upstream: Client;
  server: string;
  agent: AgentPrincipal;
  /** How long a call needing approval is held open (0 = answer at once). */
  approvalWaitSec: number;
  /** Extra options for the upstream request (stream routing of messages the upstream sends meanwhile). */
  upstreamOptions?: Pick<RequestOptions, "onresumptiontoken" | "relatedRequestId">;
  /** The call's server span (tracing on): the decision, upstream call and inspection are its children. */
  trace?: TraceContext;
}
