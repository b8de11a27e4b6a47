import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { requestHash } from "@/lib/policy";
import { SYSTEM_ACTOR, writeAudit } from "../audit";
import { writeDecisionsInTx, type DecisionRow } from "../enforcement/decision-writer";

const SERVERS = [
  { server: "github", tool: "create_issue", action: "write", risk: "medium" },
  { server: "github", tool: "get_file_contents", action: "read", risk: "low" },
  { server: "jira", tool: "search", action: "read", risk: "low" },
  { server: "slack", tool: "admin_users_remove", action: "admin", risk: "high" },
] as const;
const OUTCOMES = [
  { decision: "ALLOW", outcome: "ALLOW", ruleId: "allow-readonly-registered-servers", reason: "rule_matched" },
  { decision: "DENY", outcome: "DENY", ruleId: null, reason: "no_rule_matched" },
  {
    decision: "REQUIRE_APPROVAL",
    outcome: "APPROVAL",
    ruleId: "approval-required-write-actions",
    reason: "rule_matched",
  },
  { decision: "ALLOW", outcome: "CONSTRAINTS", ruleId: "approval-required-write-actions", reason: "approval_granted" },
] as const;
const ENVS = ["production", "staging", "development"] as const;

/** Deterministic decisions for the audit-search tests, written through the real chained writer. */
export function fixtureDecisions(n: number, start: Date): DecisionRow[] {
  return Array.from({ length: n }, (_, i) => {
    const s = SERVERS[i % SERVERS.length];
    const o = OUTCOMES[Math.floor(i / 2) % OUTCOMES.length];
    const environment = ENVS[i % 3 === 2 ? 1 : 0];
    const clientId = `agent-${i % 5}`;
    const args = {
      repo: `acme/repo-${i % 7}`,
      title: i === 3 ? '=HYPERLINK("http://evil.example","x")' : `ticket, "quoted" ${i}\nsecond line`,
      n: i,
    };
    return {
      id: randomUUID(),
      at: new Date(start.getTime() + i * 60_000),
      environment,
      agentId: null,
      clientId,
      server: s.server,
      tool: s.tool,
      action: s.action,
      risk: s.risk,
      decision: o.decision,
      outcome: o.outcome,
      ruleId: o.ruleId,
      reason: o.reason,
      constraints: (o.outcome === "CONSTRAINTS" ? { max_runtime_sec: 60 } : {}) as Prisma.InputJsonValue,
      policyVersion: 1,
      policyHash: `sha256:${"a".repeat(64)}`,
      requestHash: requestHash({ environment, agent: clientId, server: s.server, tool: s.tool, arguments: args }),
      arguments: args as Prisma.InputJsonValue,
      approvalId: null,
      idempotencyKey: null,
      tokenJti: null,
      latencyMs: 1.25 + i,
      httpStatus: 200,
      response: { decision: o.decision } as Prisma.InputJsonValue,
    };
  });
}

export async function seedDecisions(prisma: PrismaClient, rows: DecisionRow[], batch = 50) {
  for (let i = 0; i < rows.length; i += batch)
    await prisma.$transaction((tx) => writeDecisionsInTx(tx, rows.slice(i, i + batch)));
}

export async function seedEvents(prisma: PrismaClient, decisions: DecisionRow[]) {
  await prisma.$transaction((tx) =>
    writeAudit(
      tx,
      {
        actor: { type: "user", id: randomUUID(), label: "alice@example.com" },
        action: "policy.published",
        environment: "production",
        data: { version: 1 },
      },
      {
        actor: { type: "agent", id: null, label: decisions[0].clientId },
        action: "approval.requested",
        environment: "production",
        target: { type: "approval", id: randomUUID() },
        data: {
          server: decisions[0].server,
          tool: decisions[0].tool,
          request_hash: decisions[0].requestHash,
          rule_id: "approval-required-write-actions",
        },
      },
      {
        actor: { type: "user", id: randomUUID(), label: "bob@example.com" },
        action: "change_request.created",
        environment: "staging",
        data: { payload: { secret_plan: "launch-codes-9000" }, arguments: { token: "zebra-quartz" } },
      },
      {
        actor: SYSTEM_ACTOR,
        action: "approval.expired",
        environment: "production",
        data: { server: "jira", tool: "search" },
      },
    ),
  );
}
