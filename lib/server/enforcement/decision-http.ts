import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { decisionRequestSchema, type DecisionRequest } from "@/lib/schemas/decisions";
import { TIMED_OUT, withinDeadline } from "../deadline";
import { getDb } from "../db";
import { logRepeated } from "../error-log";
import { BadRequest, HttpProblem, problemBody, ServiceUnavailable } from "../errors";
import { parseJsonBody, parseWith, readLimited, requestIdOf, requireJsonType, type RequestHead } from "../handler";
import { resourceUrlFor } from "../identity/metadata";
import { authenticateAgent } from "../identity/token-guard";
import { countAuthFailure } from "../metrics/rollups";
import { withReceipt } from "../receipts/issue-receipt";
import { tracedDecision } from "../telemetry/decision-span";
import { SPAN, type TraceContext, traced } from "../telemetry/spans";
import { decide } from "./decide";
import { UNRECORDED, type DecisionResult } from "./decision";
import type { DecisionFacts } from "./report-result";

export const DECISIONS_PATH = "/api/v1/decisions";
const MAX_BODY = 1_048_576;

/** A decision answer as HTTP: the lean server writes it directly, the route handler as a Response. */
export interface DecisionReply {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** The body already serialised, when it was (the same text went into the audit row). */
  bodyText?: string;
  /** The written row's facts; absent on replays and refusals. */
  facts?: DecisionFacts;
}

/** What the decision endpoint reads of an HTTP request. */
export interface DecisionHttpRequest extends RequestHead {
  /** Node's raw header list when the caller has it (a custom server): lets the guard see a second Authorization header. */
  rawHeaders?: string[];
  /** The body as text, refusing more than `limit` bytes with 413. */
  readBody(limit: number): Promise<string>;
}

/** POST /api/v1/decisions as a route handler (and for the drill): the same function as the lean path. */
export async function postDecision(req: Request): Promise<Response> {
  const head = { url: req.url, headers: req.headers, readBody: (limit: number) => readLimited(req, limit) };
  return toResponse(await tracedDecision(req.headers, (trace) => answerDecisionRequest(head, trace)));
}

/**
 * POST /api/v1/decisions for the route handler and the lean entry of server.ts: docs/order-of-checks.md#1-authenticate
 * (the token) here, then decide() for the rest, within the answer bound; whatever cannot be
 * answered in time or recorded is 503 DENY audit_unavailable.
 */
export async function answerDecisionRequest(req: DecisionHttpRequest, trace?: TraceContext): Promise<DecisionReply> {
  const started = performance.now();
  const requestId = requestIdOf(req);
  let prisma: PrismaClient;
  try {
    prisma = (await getDb()).prisma;
  } catch {
    return decisionReply(UNRECORDED, requestId);
  }
  const bound = answerDeadlineMs();
  const auth = await withinDeadline(
    traced(SPAN.token, trace, () =>
      authenticateAgent(req, { resourceUrl: resourceUrlFor(DECISIONS_PATH), prisma, rawHeaders: req.rawHeaders }),
    ),
    bound,
  );
  // The token cannot be checked against revocations without the database: the same fail-closed DENY.
  if (auth === TIMED_OUT || (!auth.ok && auth.reason === "unavailable")) return decisionReply(UNRECORDED, requestId);
  if (!auth.ok) return replyOf(countAuthFailure(auth.response, req, prisma));
  let body: DecisionRequest;
  let bodySize: number;
  try {
    ({ body, size: bodySize } = await readDecisionBody(req));
  } catch (err) {
    const problem = err instanceof HttpProblem ? err : BadRequest("The body could not be read.");
    return decisionReply({ kind: "refused", problem }, requestId);
  }
  try {
    // The database has the bound again (the body's upload time is the client's, not the database's).
    const work = () =>
      decide(prisma, auth.agent, body, { started, req, trace }).then((r) => withReceipt(prisma, auth.agent, body, r));
    const result = await withinDeadline(
      bodySize > LARGE_BODY ? oneLargeAtATime(work, performance.now() + bound) : work(),
      bound,
    );
    if (result !== TIMED_OUT) return decisionReply(result, requestId);
    logRepeated("decision failed closed", new Error(`no answer from the database within ${bound} ms`));
  } catch (err) {
    if (err instanceof HttpProblem) return decisionReply({ kind: "refused", problem: err }, requestId);
    logRepeated("decision failed closed", err);
  }
  return decisionReply(UNRECORDED, requestId);
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

/** Fresh per answer (the lean path writes them as they are). */
const jsonHeaders = (): Record<string, string> => ({ "content-type": "application/json", "cache-control": "no-store" });

/** The HTTP edge of a decision: the one mapping from a DecisionResult to status, headers and body. */
export function decisionReply(result: DecisionResult, requestId: string): DecisionReply {
  switch (result.kind) {
    case "decision": {
      // The receipt goes to the agent only: the stored answer (answerJson) never holds it.
      const receipt = result.receipt ? `,"receipt":${JSON.stringify(result.receipt)}}` : null;
      return {
        status: 200,
        headers: jsonHeaders(),
        body: receipt ? { ...result.answer, receipt: result.receipt } : result.answer,
        bodyText: receipt ? `${result.answerJson.slice(0, -1)}${receipt}` : result.answerJson,
        facts: result.facts,
      };
    }
    case "replay":
      return {
        status: result.httpStatus,
        headers: Object.assign(jsonHeaders(), { "idempotent-replay": "true" }),
        body: result.answer,
      };
    case "refused":
      return problemReply(result.problem, requestId);
    case "unrecorded": {
      const problem = ServiceUnavailable(
        "The decision could not be recorded, so the call is denied.",
        "audit-unavailable",
      );
      const reply = problemReply(problem, requestId);
      reply.headers["retry-after"] = "1";
      reply.body = { ...(reply.body as object), decision: "DENY", outcome: "DENY", reason: "audit_unavailable" };
      return reply;
    }
  }
}

function problemReply(problem: HttpProblem, requestId: string): DecisionReply {
  const headers: Record<string, string> = {
    "content-type": "application/problem+json",
    "x-request-id": requestId,
    "cache-control": "no-store",
  };
  for (const [k, v] of Object.entries(problem.extra.headers ?? {})) headers[k.toLowerCase()] = v;
  return { status: problem.status, headers, body: problemBody(problem, requestId) };
}

/** A refusal the token guard built as a Response, as a reply (refusals are rare, so the copy is cheap enough). */
async function replyOf(res: Response): Promise<DecisionReply> {
  const headers: Record<string, string> = {};
  res.headers.forEach((value, key) => (headers[key] = value));
  return { status: res.status, headers, body: await res.json() };
}

export function toResponse(r: DecisionReply): Response {
  return new Response(r.bodyText ?? JSON.stringify(r.body), { status: r.status, headers: r.headers });
}
