import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import "../native-hash";
import { maskArguments } from "@/lib/output-safety/mask";
import {
  evaluate,
  outcomeOf,
  requestHashParts,
  type Constraints,
  type DecisionValue,
  type Environment,
} from "@/lib/policy";
import { decisionRequestSchema, type DecisionRequest } from "@/lib/schemas/decisions";
import { getDb } from "../db";
import { env } from "@/lib/env";
import { logRepeated } from "../error-log";
import { TIMED_OUT, withinDeadline } from "../deadline";
import { BadRequest, HttpProblem, problemBody, problemResponse, ServiceUnavailable } from "../errors";
import { parseJsonBody, parseWith, readLimited, requestIdOf, requireJsonType, type RequestHead } from "../handler";
import { resourceUrlFor } from "../identity/metadata";
import { authenticateAgent, requireScope, type AgentPrincipal } from "../identity/token-guard";
import { environmentView } from "../policies/current-policy";
import {
  activeWindowApproval,
  approvalView,
  consumeGrant,
  grantInUse,
  openOrReuseApproval,
  reusableApproval,
  voidApprovals,
  type ApprovalRow,
  type GrantCheck,
} from "./approvals";
import { approvalBindingHash, isWindowScope } from "./binding";
import { lookupCatalog, type CatalogLookup } from "../catalog/catalog-view";
import { decisionWriter, priorAnswer, writeDecisionsInTx, type DecisionRow } from "./decision-writer";
import type { Tx } from "../audit";
import { countAuthFailure } from "../metrics/rollups";
import { decisionFactsOf, type DecisionFacts } from "./report-result";

export const DECISIONS_PATH = "/api/v1/decisions";
const MAX_BODY = 1_048_576;

interface Verdict {
  decision: DecisionValue["decision"];
  outcome: DecisionValue["outcome"];
  ruleId: string | null;
  reason: string;
  constraints: Constraints;
  trace?: DecisionValue["trace"];
}

const denyWith = (reason: string): Verdict => ({
  decision: "DENY",
  outcome: "DENY",
  ruleId: null,
  reason,
  constraints: {},
});

/** A decision answer before it becomes HTTP: the lean server writes it directly, the route handler as a Response. */
export interface DecisionReply {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** The body already serialised, when it was (the same text went into the audit row). */
  bodyText?: string;
  /** The written row's facts a result needs (the gateway hands them to reportResult); absent on replays. */
  facts?: DecisionFacts;
  /**
   * Only when asked for with `overlapReads`, for an allowed read: the decision is answered before
   * its row is durable, and this settles when it is (rejects if it cannot be written). The caller
   * may run the read meanwhile but must not let anything of it out before this resolves.
   */
  durable?: Promise<void>;
}

/** What the decision endpoint reads of an HTTP request. */
export interface DecisionHttpRequest extends RequestHead {
  /** Node's raw header list when the caller has it (a custom server): lets the guard see a second Authorization header. */
  rawHeaders?: string[];
  /** The body as text, refusing more than `limit` bytes with 413. */
  readBody(limit: number): Promise<string>;
}

/** POST /api/v1/decisions as a route handler (and for the drill): the same function as the lean path. */
export async function decide(req: Request): Promise<Response> {
  return toResponse(
    await decideHttp({ url: req.url, headers: req.headers, readBody: (limit) => readLimited(req, limit) }),
  );
}

/**
 * POST /api/v1/decisions — SPEC §3 in order: token, scope, catalog and environment, kill
 * switch, policy, approval binding; the decision is durably written before the answer, and
 * if it cannot be written the answer is 503 DENY audit_unavailable. This one function serves
 * the route handler and the lean entry of the custom server; decideCall also serves the MCP gateway.
 */
export async function decideHttp(req: DecisionHttpRequest): Promise<DecisionReply> {
  const started = performance.now();
  const requestId = requestIdOf(req);
  let prisma: PrismaClient;
  try {
    prisma = (await getDb()).prisma;
  } catch {
    return auditUnavailable(requestId);
  }
  const bound = answerDeadlineMs();
  const auth = await withinDeadline(
    authenticateAgent(req, { resourceUrl: resourceUrlFor(DECISIONS_PATH), prisma, rawHeaders: req.rawHeaders }),
    bound,
  );
  // The token cannot be checked against revocations without the database: the same fail-closed DENY.
  if (auth === TIMED_OUT || (!auth.ok && auth.reason === "unavailable")) return auditUnavailable(requestId);
  if (!auth.ok) return replyOf(countAuthFailure(auth.response, req, prisma));
  let body: DecisionRequest;
  let bodySize: number;
  try {
    ({ body, size: bodySize } = await readDecisionBody(req));
  } catch (err) {
    return replyOf(
      problemResponse(err instanceof HttpProblem ? err : BadRequest("The body could not be read."), requestId),
    );
  }
  try {
    // The database has the bound again (the body's upload time is the client's, not the database's).
    const work = () => decideCall(prisma, auth.agent, body, { started, req });
    const reply = await withinDeadline(
      bodySize > LARGE_BODY ? oneLargeAtATime(work, performance.now() + bound) : work(),
      bound,
    );
    if (reply !== TIMED_OUT) return reply;
    logRepeated("decision failed closed", new Error(`no answer from the database within ${bound} ms`));
    return auditUnavailable(requestId);
  } catch (err) {
    if (err instanceof HttpProblem) return replyOf(problemResponse(err, requestId));
    logRepeated("decision failed closed", err);
    return auditUnavailable(requestId);
  }
}

let deadlineMs: number | undefined;
const answerDeadlineMs = () => (deadlineMs ??= env().ANSWER_DEADLINE_MS);

async function readDecisionBody(req: DecisionHttpRequest): Promise<{ body: DecisionRequest; size: number }> {
  requireJsonType(req.headers.get("content-type"));
  const text = await req.readBody(MAX_BODY);
  return { body: parseWith(decisionRequestSchema, parseJsonBody(text), "body"), size: text.length };
}

/**
 * Calls with large arguments take one at a time: hashing and masking ~1 MB of arguments holds the
 * event loop for tens of milliseconds, so an agent sending many at once would otherwise delay every
 * other agent's decisions. Queued past the answer bound, they (and only they) fail closed.
 */
const LARGE_BODY = 64 * 1024;
let largeQueue: Promise<unknown> = Promise.resolve();
function oneLargeAtATime<T>(work: () => Promise<T>, answerBy: number): Promise<T> {
  // A call whose answer was already given (503, past the bound) is not decided and recorded late.
  const start = () => (performance.now() < answerBy ? work() : Promise.reject(new Error("answer bound passed")));
  const run = largeQueue.then(start, start);
  largeQueue = run.catch(() => undefined);
  return run;
}

/** Fail closed: no durable record, no permission. */
function auditUnavailable(requestId: string): DecisionReply {
  const problem = ServiceUnavailable("The decision could not be recorded, so the call is denied.", "audit-unavailable");
  return {
    status: 503,
    headers: {
      "content-type": "application/problem+json",
      "x-request-id": requestId,
      "retry-after": "1",
      "cache-control": "no-store",
    },
    body: { ...problemBody(problem, requestId), decision: "DENY", outcome: "DENY", reason: "audit_unavailable" },
  };
}

/** A refusal built as a Response (problem+json) as a reply; refusals are rare, so the copy is cheap enough. */
async function replyOf(res: Response): Promise<DecisionReply> {
  const headers: Record<string, string> = {};
  res.headers.forEach((value, key) => (headers[key] = value));
  return { status: res.status, headers, body: await res.json() };
}

export function toResponse(r: DecisionReply): Response {
  return new Response(r.bodyText ?? JSON.stringify(r.body), { status: r.status, headers: r.headers });
}

/** The decision for an authenticated agent's call (also used by the MCP gateway). */
export async function decideCall(
  prisma: PrismaClient,
  agent: AgentPrincipal,
  body: DecisionRequest,
  ctx: { started: number; req?: RequestHead; overlapReads?: boolean },
): Promise<DecisionReply> {
  const environment = agent.environment as Environment;
  const now = new Date();
  const decisionId = randomUUID();
  const args = body.arguments ?? {};
  const { hash: reqHash, argumentsJson } = requestHashParts({
    environment,
    agent: agent.clientId,
    server: body.server,
    tool: body.tool,
    arguments: args,
  });

  if (body.idempotency_key) {
    const prior = await priorAnswer(prisma, agent.clientId, body.idempotency_key);
    if (prior) return json(prior.response, prior.httpStatus, { "idempotent-replay": "true" });
  }

  const catalog: CatalogLookup = await lookupCatalog(prisma, environment, body.server, body.tool);
  const tool = catalog.tool;
  if (tool) {
    const forbidden = requireScope(agent, body.server, tool.action, ctx.req);
    if (forbidden) return replyOf(countAuthFailure(forbidden, ctx.req ?? null, prisma, environment));
  }
  const view = await environmentView(prisma, environment);
  const policy = view.policy;
  let verdict: Verdict;
  if (!catalog.ok) verdict = denyWith(catalog.reason);
  else if (view.killSwitch === "all" || (view.killSwitch === "writes" && catalog.tool.action !== "read"))
    verdict = denyWith("kill_switch");
  else if (!policy) verdict = denyWith("no_policy");
  else {
    const value = evaluate(
      policy.compiled,
      {
        environment,
        server: body.server,
        tool: body.tool,
        action: catalog.tool.action,
        risk: catalog.tool.risk,
        agentId: agent.clientId,
        agentOwner: agent.owner,
        arguments: args,
      },
      { trace: body.trace === true },
    );
    verdict = {
      decision: value.decision,
      outcome: value.outcome,
      ruleId: value.ruleId,
      reason: value.reason,
      constraints: value.constraints,
      trace: value.trace,
    };
  }

  const masked = maskArguments(args);
  const base = {
    id: decisionId,
    at: now,
    environment,
    agentId: agent.agentId,
    clientId: agent.clientId,
    server: body.server,
    tool: body.tool,
    action: tool?.action ?? null,
    risk: tool?.risk ?? null,
    policyVersion: policy?.version ?? null,
    policyHash: policy?.hash ?? null,
    requestHash: reqHash,
    arguments: masked as Prisma.InputJsonValue,
    // Masking changed nothing (the common case): the chain reuses the hash's canonical text.
    argumentsJson: masked === args ? argumentsJson : undefined,
    idempotencyKey: body.idempotency_key ?? null,
    tokenJti: agent.jti,
  };
  type ApprovalRef = Pick<ApprovalRow, "id" | "status" | "expiresAt">;
  // Objects on this path are written out field by field: on this V8, `{ ...a, more }` costs
  // microseconds per added field (it was the largest single cost of a decision in a profile).
  const answer = (v: Verdict, approval: ApprovalRef | null) => {
    const a: Record<string, unknown> = {
      decision_id: decisionId,
      decision: v.decision,
      outcome: v.outcome,
      rule_id: v.ruleId,
      reason: v.reason,
      constraints: v.constraints,
      policy: policy ? { version: policy.version, hash: policy.hash } : null,
      request_hash: reqHash,
      approval: approval ? approvalView(approval) : null,
    };
    if (body.trace) a.trace = v.trace ?? [];
    return a;
  };
  const row = (v: Verdict, approval: ApprovalRef | null): DecisionRow => {
    const response = answer(v, approval);
    return {
      id: base.id,
      at: base.at,
      environment: base.environment,
      agentId: base.agentId,
      clientId: base.clientId,
      server: base.server,
      tool: base.tool,
      action: base.action,
      risk: base.risk,
      policyVersion: base.policyVersion,
      policyHash: base.policyHash,
      requestHash: base.requestHash,
      arguments: base.arguments,
      argumentsJson: base.argumentsJson,
      idempotencyKey: base.idempotencyKey,
      tokenJti: base.tokenJti,
      decision: v.decision,
      outcome: v.outcome,
      ruleId: v.ruleId,
      reason: v.reason,
      constraints: v.constraints as Prisma.InputJsonValue,
      approvalId: approval?.id ?? null,
      latencyMs: performance.now() - ctx.started,
      httpStatus: 200,
      response: response as unknown as Prisma.InputJsonValue,
      // Serialised once: the same text is stored and sent.
      responseJson: JSON.stringify(response),
    };
  };
  const sent = (r: DecisionRow): DecisionReply => ({
    status: 200,
    headers: jsonHeaders(),
    body: r.response,
    bodyText: r.responseJson,
    facts: decisionFactsOf(r),
  });

  if (verdict.decision !== "REQUIRE_APPROVAL" || !policy || !catalog.ok) {
    const r = row(verdict, null);
    const writing = decisionWriter(prisma).write(r);
    if (ctx.overlapReads && verdict.decision === "ALLOW" && tool?.action === "read" && !body.idempotency_key) {
      // Without an idempotency key there is no earlier answer to return: the write can only succeed or fail.
      const reply = sent(r);
      reply.durable = writing.then(() => undefined);
      return reply;
    }
    const prior = await writing;
    return prior ? json(prior.response, prior.httpStatus, { "idempotent-replay": "true" }) : sent(r);
  }

  // Approval binding (SPEC §5): slow path, one transaction with the decision row.
  // A standing approval binds to the call with only its bound arguments; a single-use one to the whole call.
  const bindHash = approvalBindingHash(
    { environment, agent: agent.clientId, server: body.server, tool: body.tool },
    args,
    verdict.constraints,
    reqHash,
  );
  const plain = !body.approval_id && !isWindowScope(verdict.constraints);
  const callKey = `${agent.clientId}\u0000${bindHash}\u0000${policy.hash}`;
  if (plain) {
    // The common repeat: the same call is already waiting for (or holds) an approval under this policy.
    let open = await reusableApproval(prisma, agent.clientId, bindHash, policy.hash, now);
    const first = opening.get(callKey);
    if (!open && first) {
      // The same call is being opened by another request of this process: wait for it, then reuse its approval.
      await first.catch(() => undefined);
      open = await reusableApproval(prisma, agent.clientId, bindHash, policy.hash, now);
    }
    if (open) {
      const r = row(verdict, open);
      const prior = await decisionWriter(prisma).write(r);
      return prior ? json(prior.response, prior.httpStatus, { "idempotent-replay": "true" }) : sent(r);
    }
  }
  // A single-use approval's consumers meet at the call's lock: the ones that find it taken answer at once.
  const consumeOnce = body.approval_id !== undefined && !isWindowScope(verdict.constraints);
  const grantBind = { clientId: agent.clientId, requestHash: bindHash, policyHash: policy.hash, decisionId };
  const granted = (grant: GrantCheck): { v: Verdict; approval: ApprovalRow | null } => {
    if (grant.ok)
      return {
        v: {
          ...verdict,
          decision: "ALLOW",
          outcome: outcomeOf("ALLOW", verdict.constraints),
          reason: "approval_granted",
        },
        approval: grant.approval,
      };
    if (grant.reason === "approval_pending")
      return { v: { ...verdict, reason: "approval_pending" }, approval: grant.approval ?? null };
    return { v: { ...denyWith(grant.reason), trace: verdict.trace }, approval: grant.approval ?? null };
  };
  const slow = prisma.$transaction(async (tx) => {
    // Concurrent repeats (same key, or the same pending call) wait here, across processes, so they
    // find the first one's row and approval instead of racing it to a unique violation.
    if (body.idempotency_key) await lockCall(tx, CALL_LOCK_KEY, agent.clientId, body.idempotency_key);
    const held = consumeOnce && (await tryLockCall(tx, CALL_LOCK_REQUEST, agent.clientId, bindHash));
    if (!consumeOnce) await lockCall(tx, CALL_LOCK_REQUEST, agent.clientId, bindHash);
    if (body.idempotency_key) {
      const prior = await tx.decisionRecord.findUnique({
        where: { clientId_idempotencyKey: { clientId: agent.clientId, idempotencyKey: body.idempotency_key } },
        select: { httpStatus: true, response: true },
      });
      if (prior) return { response: prior.response, replay: true };
    }
    if (consumeOnce && !held) {
      // Queueing behind a parallel consumer (each holding a pool connection) passed the answer bound
      // under load; only a policy change, which voids and reopens, still needs the lock.
      const inUse = await grantInUse(tx, body.approval_id!, grantBind, now);
      if (inUse.reason !== "approval_policy_changed") return { inUse };
      await lockCall(tx, CALL_LOCK_REQUEST, agent.clientId, bindHash);
    }
    let v: Verdict = verdict;
    let approval: ApprovalRow | null = null;
    const approvalId =
      body.approval_id ??
      (isWindowScope(verdict.constraints)
        ? await activeWindowApproval(tx, agent.clientId, bindHash, policy.hash, now)
        : undefined);
    if (approvalId) {
      const grant = await consumeGrant(tx, approvalId, grantBind, now);
      if (!grant.ok && grant.reason === "approval_policy_changed") {
        await voidApprovals(tx, [grant.approval!], "policy_changed", policy.hash);
      } else {
        ({ v, approval } = granted(grant));
      }
    }
    if (v.decision === "REQUIRE_APPROVAL" && !approval) {
      const opened = await openOrReuseApproval(
        tx,
        {
          environment,
          agentId: agent.agentId,
          clientId: agent.clientId,
          agentName: agent.name,
          agentOwner: agent.owner,
          server: body.server,
          tool: body.tool,
          action: catalog.tool.action,
          risk: catalog.tool.risk,
          maskedArguments: base.arguments,
          requestHash: bindHash,
          policyHash: policy.hash,
          policyVersion: policy.version,
          ruleId: verdict.ruleId,
          constraints: verdict.constraints,
          decisionId,
        },
        now,
      );
      approval = opened.approval;
    }
    const r = row(v, approval);
    await writeDecisionsInTx(tx, [r]);
    return { response: r.response, replay: false, facts: decisionFactsOf(r) };
  });
  if (plain && !opening.has(callKey)) {
    opening.set(callKey, slow);
    slow.finally(() => opening.delete(callKey)).catch(() => undefined);
  }
  const result = await slow;
  if ("inUse" in result && result.inUse) {
    // No state changed: the decision row joins the next batch instead of a transaction of its own.
    const { v, approval } = granted(result.inUse);
    const r = row(v, approval);
    const prior = await decisionWriter(prisma).write(r);
    return prior ? json(prior.response, prior.httpStatus, { "idempotent-replay": "true" }) : sent(r);
  }
  const reply = json(result.response, 200, result.replay ? { "idempotent-replay": "true" } : {});
  if ("facts" in result) reply.facts = result.facts;
  return reply;
}

/**
 * Slow-path transactions of this process that may open an approval, by call (agent, bound
 * request, policy). Concurrent first asks of one call would otherwise queue on its advisory
 * lock one transaction at a time; the others wait for the first and then take the fast path
 * with the approval it opened. (Other processes still meet at the advisory lock.)
 */
const opening = new Map<string, Promise<unknown>>();

const CALL_LOCK_KEY = 727292;
const CALL_LOCK_REQUEST = 727293;

/** A transaction-scoped advisory lock on (class, hash of the parts); the key is a computed integer, never text. */
async function lockCall(tx: Tx, lockClass: number, ...parts: string[]): Promise<void> {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${lockClass}, ${callLockKey(parts)})`);
}

const callLockKey = (parts: string[]) => createHash("sha256").update(parts.join("\u0000")).digest().readInt32BE(0);

/** The lock a decision of this call takes (class, key), for tests that hold it as another host's transaction would. */
export const callLockOf = (clientId: string, bindHash: string) =>
  [CALL_LOCK_REQUEST, callLockKey([clientId, bindHash])] as const;

/** The same lock when no other transaction holds it; false (without waiting) when one does. */
async function tryLockCall(tx: Tx, lockClass: number, ...parts: string[]): Promise<boolean> {
  const rows = await tx.$queryRawUnsafe<{ held: boolean }[]>(
    `SELECT pg_try_advisory_xact_lock(${lockClass}, ${callLockKey(parts)}) AS held`,
  );
  return rows[0]?.held === true;
}

function jsonHeaders(): Record<string, string> {
  return { "content-type": "application/json", "cache-control": "no-store" };
}

function json(body: unknown, status: number, headers: Record<string, string> = {}): DecisionReply {
  return { status, headers: Object.assign(jsonHeaders(), headers), body };
}
