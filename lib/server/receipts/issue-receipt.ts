import "server-only";
import { sign } from "node:crypto";
import type { KeyObject } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import type { Constraints } from "@/lib/policy";
import type { DecisionResult } from "../enforcement/decision";
import type { AgentPrincipal } from "../identity/token-guard";
import { receiptSigningKey } from "./receipt-key";

/** What of a decision answer (docs/agent-api.md#decisions) a receipt states. */
export interface ReceiptAnswer {
  decision_id: string;
  decision: string;
  outcome: string;
  constraints: Constraints;
  policy?: { version: number; hash: string } | null;
  request_hash: string;
  approval: { id: string } | null;
}

/**
 * Signs the receipt of an ALLOW / CONSTRAINTS answer: a compact JWS (ES256, the issuer's key,
 * `typ: mcp-receipt+jwt`) an upstream verifies on its own with lib/receipt-verifier. Other answers
 * get none. The signature is computed on libuv's thread pool, off the event loop.
 */
export async function issueReceipt(
  prisma: PrismaClient,
  agent: Pick<AgentPrincipal, "clientId" | "environment">,
  server: string,
  tool: string,
  answer: ReceiptAnswer,
): Promise<string | undefined> {
  const e = env();
  if (answer.decision !== "ALLOW" || e.BENCH_NO_RECEIPTS) return undefined;
  const key = await receiptSigningKey(prisma);
  const iat = Math.floor(Date.now() / 1000);
  const runtime = answer.constraints.max_runtime_sec;
  const ttl = Math.max(1, Math.min(e.RECEIPT_TTL_SEC, runtime ?? Number.POSITIVE_INFINITY));
  const claims: Record<string, unknown> = {
    iss: e.PUBLIC_URL,
    aud: server,
    sub: agent.clientId,
    client_id: agent.clientId,
    env: agent.environment,
    server,
    tool,
    request_hash: answer.request_hash,
    policy_hash: answer.policy?.hash ?? null,
    decision: answer.decision,
    outcome: answer.outcome,
    constraints: answer.constraints,
    jti: answer.decision_id,
    iat,
    exp: iat + ttl,
  };
  if (answer.approval) claims.approval_id = answer.approval.id;
  const input = `${key.header}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}`;
  return `${input}.${(await signOffLoop(input, key.key)).toString("base64url")}`;
}

function signOffLoop(input: string, key: KeyObject): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    sign("sha256", Buffer.from(input), { key, dsaEncoding: "ieee-p1363" }, (err, signature) =>
      err ? reject(err) : resolve(signature),
    ),
  );
}

/**
 * An allowed decision with its receipt (the edges send it; the audit row keeps the answer without
 * it: a live receipt is a one-use credential, not evidence). Replays of an idempotency key get none:
 * the receipt of a decision is issued once.
 */
export async function withReceipt(
  prisma: PrismaClient,
  agent: Pick<AgentPrincipal, "clientId" | "environment">,
  call: { server: string; tool: string },
  result: DecisionResult,
): Promise<DecisionResult> {
  if (result.kind !== "decision") return result;
  const receipt = await issueReceipt(prisma, agent, call.server, call.tool, result.answer);
  return receipt ? { ...result, receipt } : result;
}
