import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Constraints, DecisionValue } from "@/lib/policy";
import type { HttpProblem } from "../errors";
import type { DecisionFacts } from "./report-result";

/** What the checks concluded about a call, before it is recorded (docs/order-of-checks.md, steps 3–6). */
export interface Verdict {
  decision: DecisionValue["decision"];
  outcome: DecisionValue["outcome"];
  ruleId: string | null;
  reason: string;
  constraints: Constraints;
  trace?: DecisionValue["trace"];
}

export const denyWith = (reason: string, trace?: Verdict["trace"]): Verdict => ({
  decision: "DENY",
  outcome: "DENY",
  ruleId: null,
  reason,
  constraints: {},
  trace,
});

/** An approval as the agent sees it in an answer. */
export interface ApprovalAnswer {
  id: string;
  status: string;
  expires_at: string;
  url: string;
}

/**
 * The answer an agent gets for a decided call (docs/agent-api.md#decisions, `POST /api/v1/decisions` → 200): the same
 * JSON through the HTTP route, the lean path of server.ts and the MCP gateway's error data, and
 * stored with the decision row for idempotent replays. Built in one place: decision-row.ts.
 */
export interface DecisionAnswer {
  decision_id: string;
  decision: Verdict["decision"];
  outcome: Verdict["outcome"];
  rule_id: string | null;
  reason: string;
  constraints: Constraints;
  policy: { version: number; hash: string } | null;
  request_hash: string;
  approval: ApprovalAnswer | null;
  trace?: NonNullable<Verdict["trace"]>;
}

/** A call decided and recorded (or, for an overlapped read, being recorded): the decision as a value. */
export interface Decision {
  kind: "decision";
  decisionId: string;
  verdict: Verdict["decision"];
  outcome: Verdict["outcome"];
  ruleId: string | null;
  reason: string;
  constraints: Constraints;
  approvalId: string | null;
  requestHash: string;
  /** The answer, and the same answer serialised once (the text that was stored is the text sent). */
  answer: DecisionAnswer;
  answerJson: string;
  /** The written row's facts a result needs (the gateway hands them to reportResult). */
  facts: DecisionFacts;
  /**
   * Only when asked for with `overlapReads`, for an allowed read: the decision is answered before
   * its row is durable, and this settles when it is (rejects if it cannot be written). The caller
   * may run the read meanwhile but must not let anything of it out before this resolves.
   */
  durable?: Promise<void>;
  /** The signed receipt of an allowed call (lib/server/receipts), added at the edges; never stored. */
  receipt?: string;
}

/** A repeat of an idempotency key: the first answer to it, as stored. */
export interface Replay {
  kind: "replay";
  httpStatus: number;
  answer: Prisma.JsonValue;
}

/** The call is refused before any decision (docs/order-of-checks.md, steps 1–2: token, scope; or a body that cannot be read). */
export interface Refusal {
  kind: "refused";
  problem: HttpProblem;
}

/** Fail closed: no durable record, so no permission (docs/order-of-checks.md#7-record, DENY `audit_unavailable`). */
export interface Unrecorded {
  kind: "unrecorded";
}

/** Everything asking about a call can end in; the edges (HTTP, gateway) map it to status codes or JSON-RPC errors. */
export type DecisionResult = Decision | Replay | Refusal | Unrecorded;

export const UNRECORDED: Unrecorded = { kind: "unrecorded" };
