import "server-only";
import type { Approval, DecisionRecord } from "@/lib/generated/prisma/client";
import { requestHash } from "@/lib/policy";
import { allOf, listNames, plural, someOf } from "@/lib/readiness/checklist";
import { boundArguments } from "../../enforcement/binding";
import { checkResult, windowText, type Check } from "../context";

const HASH = /^sha256:[0-9a-f]{64}$/;
const LIMIT = 5_000;
const MASKED = /\[REDACTED:[^\]]*\]/;

type Origin = Pick<
  DecisionRecord,
  "id" | "environment" | "clientId" | "server" | "tool" | "policyHash" | "requestHash" | "arguments"
>;

/**
 * Why one approval's binding does not verify (empty = it does): both hashes are stored and well
 * formed; the policy hash is a published snapshot of the environment at the stored version; the
 * request hash is the originating decision's (or, for a standing approval, recomputes from the
 * bound arguments; for an edited one, from the approved arguments); the grant was spent on a call
 * with the same hashes.
 */
export function bindingProblems(
  a: Approval,
  snapshots: Map<string, number>,
  origin: Origin | undefined,
  consumed: Origin | undefined,
): { problems: string[]; unverifiable: string | null } {
  const problems: string[] = [];
  let unverifiable: string | null = null;
  if (!HASH.test(a.policyHash)) problems.push("no policy hash stored");
  if (!HASH.test(a.requestHash)) problems.push("no request hash stored");
  if (problems.length) return { problems, unverifiable };
  const version = snapshots.get(a.policyHash);
  if (version === undefined)
    problems.push(`policy hash ${a.policyHash.slice(0, 19)}… is no published ${a.environment} snapshot`);
  else if (version !== a.policyVersion)
    problems.push(`policy hash belongs to v${version}, the approval says v${a.policyVersion}`);
  if (a.decidedPolicyHash && a.decidedPolicyHash !== a.policyHash)
    problems.push("decided under a different policy hash than it was requested under");
  const identity = { environment: a.environment, agent: a.clientId, server: a.server, tool: a.tool };
  const requested = a.originalRequestHash ?? a.requestHash;
  if (!origin) problems.push(`its originating decision ${a.originDecisionId} is not in the log`);
  else {
    if (
      origin.environment !== a.environment ||
      origin.clientId !== a.clientId ||
      origin.server !== a.server ||
      origin.tool !== a.tool
    )
      problems.push("its originating decision is a different call");
    if (origin.policyHash !== a.policyHash)
      problems.push("its originating decision was made under another policy hash");
    if (a.scope === "window") {
      const bound = boundArguments(origin.arguments, a.bindPointers);
      const recomputed = requestHash({ ...identity, arguments: { $bound: bound } });
      if (recomputed !== requested) {
        if (MASKED.test(JSON.stringify(bound)))
          unverifiable = "a bound argument is masked in the log, so the standing approval's hash cannot be recomputed";
        else problems.push("the standing approval's request hash does not recompute from its bound arguments");
      }
    } else if (origin.requestHash !== requested)
      problems.push("its request hash differs from the originating decision's");
  }
  if (a.approvedArguments !== null && a.approvedArguments !== undefined) {
    if (requestHash({ ...identity, arguments: a.approvedArguments }) !== a.requestHash)
      problems.push("the edited request hash does not recompute from the approved arguments");
  }
  if (a.consumedDecisionId) {
    if (!consumed) problems.push(`the decision that used it (${a.consumedDecisionId}) is not in the log`);
    else {
      if (consumed.policyHash !== a.policyHash) problems.push("it was used under another policy hash");
      if (a.scope !== "window" && consumed.requestHash !== a.requestHash)
        problems.push("it was used for a different request");
    }
  }
  return { problems, unverifiable };
}

/** approval-binding: every approval opened in the window, verified as bindingProblems describes. */
export const approvalBindingCheck: Check = async (ctx) => {
  const { prisma, environment } = ctx;
  const total = await prisma.approval.count({ where: { environment, createdAt: { gte: ctx.from, lt: ctx.to } } });
  if (total === 0)
    return checkResult(
      ctx,
      "approval-binding",
      "NO_DATA",
      `No approval was requested in ${environment} in ${windowText(ctx.windowMinutes)}.`,
    );
  const approvals = await prisma.approval.findMany({
    where: { environment, createdAt: { gte: ctx.from, lt: ctx.to } },
    orderBy: { createdAt: "desc" },
    take: LIMIT,
  });
  const decisionIds = [
    ...new Set(approvals.flatMap((a) => [a.originDecisionId, ...(a.consumedDecisionId ? [a.consumedDecisionId] : [])])),
  ];
  const decisions = new Map<string, Origin>();
  for (let i = 0; i < decisionIds.length; i += 1_000) {
    const rows = await prisma.decisionRecord.findMany({
      where: { id: { in: decisionIds.slice(i, i + 1_000) } },
      select: {
        id: true,
        environment: true,
        clientId: true,
        server: true,
        tool: true,
        policyHash: true,
        requestHash: true,
        arguments: true,
      },
    });
    for (const r of rows) decisions.set(r.id, r);
  }
  const hashes = [...new Set(approvals.map((a) => a.policyHash))];
  const snapshots = new Map(
    (
      await prisma.policySnapshot.findMany({
        where: { environment, hash: { in: hashes } },
        select: { hash: true, version: true },
      })
    ).map((s) => [s.hash, s.version]),
  );

  const details = approvals.map((a) => {
    const { problems, unverifiable } = bindingProblems(
      a,
      snapshots,
      decisions.get(a.originDecisionId),
      a.consumedDecisionId ? decisions.get(a.consumedDecisionId) : undefined,
    );
    return {
      approval_id: a.id,
      status: a.status,
      scope: a.scope,
      server: a.server,
      tool: a.tool,
      policy_version: a.policyVersion,
      policy_hash: a.policyHash,
      request_hash: a.requestHash,
      edited: a.originalRequestHash !== null,
      problems,
      unverifiable,
      url: `/audit/decisions/${a.originDecisionId}`,
    };
  });
  const bad = details.filter((d) => d.problems.length);
  const unclear = details.filter((d) => !d.problems.length && d.unverifiable);
  const checked =
    approvals.length < total
      ? ` (the newest ${plural(approvals.length, "approval")} of ${total.toLocaleString("en")} checked)`
      : "";
  if (bad.length) {
    return checkResult(
      ctx,
      "approval-binding",
      "FAIL",
      `${someOf(bad.length, approvals.length, "approvals", "does", "do")} not verify in ${windowText(ctx.windowMinutes)}: ${listNames(
        bad.map((d) => `${d.approval_id.slice(0, 8)} (${d.server}.${d.tool}): ${d.problems[0]}`),
        2,
      )}${checked}.`,
      details,
    );
  }
  const edited = details.filter((d) => d.edited).length;
  const standing = details.filter((d) => d.scope === "window").length;
  const extra = [
    edited ? `${edited} edited` : "",
    standing ? `${standing} standing` : "",
    unclear.length
      ? `${unclear.length} standing with masked bound arguments checked by policy hash and originating call only`
      : "",
  ]
    .filter(Boolean)
    .join(", ");
  return checkResult(
    ctx,
    "approval-binding",
    "PASS",
    `${allOf(approvals.length, "approval")} in ${windowText(ctx.windowMinutes)} store${approvals.length === 1 ? "s" : ""} a policy hash of a published snapshot and a request hash that matches the originating decision${extra ? ` (${extra})` : ""}${checked}.`,
    details,
  );
};
