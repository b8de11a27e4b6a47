import "server-only";
import type { Approval, DecisionRecord, PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/generated/prisma/enums";
import { requestHash } from "@/lib/policy";
import { allOf, listNames, plural, someOf } from "@/lib/readiness/checklist";
import { boundArguments } from "../../enforcement/binding";
import { checkResult, windowText, type Check } from "../context";

const HASH = /^sha256:[0-9a-f]{64}$/;
const LIMIT = 5_000;
const MASKED = /\[REDACTED:[^\]]*\]/;

type Origin = Pick<
  DecisionRecord,
  "id" | "environment" | "clientId" | "server" | "tool" | "policyHash" | "policyVersion" | "requestHash" | "arguments"
>;

/**
 * The environment's published snapshots an approval may name. One hash can be several versions
 * (a policy re-published unchanged, a rollback), so a snapshot is found by its version.
 */
export interface SnapshotIndex {
  hashOf: Map<number, string>;
  versionsOf: Map<string, number[]>;
}

export function snapshotIndex(rows: { version: number; hash: string }[]): SnapshotIndex {
  const index: SnapshotIndex = { hashOf: new Map(), versionsOf: new Map() };
  for (const r of [...rows].sort((x, y) => x.version - y.version)) {
    index.hashOf.set(r.version, r.hash);
    index.versionsOf.set(r.hash, [...(index.versionsOf.get(r.hash) ?? []), r.version]);
  }
  return index;
}

/** The problem with the approval's snapshot, if any: its version must be published with its hash. */
function snapshotProblem(a: Approval, snapshots: SnapshotIndex): string | null {
  const published = snapshots.hashOf.get(a.policyVersion);
  if (published === a.policyHash) return null;
  const versions = snapshots.versionsOf.get(a.policyHash);
  if (!versions) return `policy hash ${a.policyHash.slice(0, 19)}… is no published ${a.environment} snapshot`;
  const named = versions.length > 3 ? `v${versions.slice(0, 3).join(", v")}…` : `v${versions.join(", v")}`;
  if (published === undefined)
    return `the approval names v${a.policyVersion}, no published ${a.environment} snapshot (its policy hash is ${named})`;
  return `policy hash belongs to ${named}, the approval says v${a.policyVersion}`;
}

/**
 * Why one approval's binding does not verify (empty = it does): both hashes are stored and well
 * formed; the stored version is a published snapshot of the environment with the stored policy
 * hash, and the originating decision was made under that snapshot; the request hash is the
 * originating decision's (or, for a standing approval, recomputes from the bound arguments; for
 * an edited one, from the approved arguments); the grant was spent on a call with the same hashes.
 * Later publishes, changed or not, leave it verified: it binds to the snapshot it was decided under.
 */
export function bindingProblems(
  a: Approval,
  snapshots: SnapshotIndex,
  origin: Origin | undefined,
  consumed: Origin | undefined,
): { problems: string[]; unverifiable: string | null } {
  const problems: string[] = [];
  let unverifiable: string | null = null;
  if (!HASH.test(a.policyHash)) problems.push("no policy hash stored");
  if (!HASH.test(a.requestHash)) problems.push("no request hash stored");
  if (problems.length) return { problems, unverifiable };
  const snapshot = snapshotProblem(a, snapshots);
  if (snapshot) problems.push(snapshot);
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
    else if (origin.policyVersion !== a.policyVersion)
      problems.push(
        `its originating decision was made under v${origin.policyVersion}, the approval says v${a.policyVersion}`,
      );
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
  const [decisions, snapshots] = await Promise.all([
    originsOf(prisma, approvals),
    snapshotsNamed(prisma, environment, approvals),
  ]);
  const details = approvals.map((a) => bindingDetail(a, snapshots, decisions));
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

/** The decisions the approvals came from or were used by, read in pages of 1,000 ids. */
async function originsOf(prisma: PrismaClient, approvals: Approval[]): Promise<Map<string, Origin>> {
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
        policyVersion: true,
        requestHash: true,
        arguments: true,
      },
    });
    for (const r of rows) decisions.set(r.id, r);
  }
  return decisions;
}

/** The published snapshots the approvals name, by version or by hash. */
async function snapshotsNamed(
  prisma: PrismaClient,
  environment: Environment,
  approvals: Approval[],
): Promise<SnapshotIndex> {
  const versions = [...new Set(approvals.map((a) => a.policyVersion))];
  const hashes = [...new Set(approvals.map((a) => a.policyHash))];
  return snapshotIndex(
    await prisma.policySnapshot.findMany({
      where: { environment, OR: [{ version: { in: versions } }, { hash: { in: hashes } }] },
      select: { hash: true, version: true },
    }),
  );
}

/** One approval's row in the check's details: what it is bound to, and what does not verify. */
function bindingDetail(a: Approval, snapshots: SnapshotIndex, decisions: Map<string, Origin>) {
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
}
