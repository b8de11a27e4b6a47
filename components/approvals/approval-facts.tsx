"use client";

import type { ReactNode } from "react";
import { Badge, DecisionBadge } from "@/components/ui/badge";
import { AbsoluteTime, RelativeTime } from "@/components/ui/relative-time";
import { RISK_TONE } from "./approval-queue";
import { ConstraintChips } from "./status";
import type { ApprovalDetail } from "./types";

const CHANNEL_LABEL: Record<string, string> = { slack: "Slack", email: "e-mail", mcp: "assistant (MCP)" };

/** One labelled line of a request's facts (a dt/dd pair). */
export function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[7rem_minmax(0,1fr)] gap-2 py-1 text-sm sm:grid-cols-[9rem_minmax(0,1fr)]">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900">{children}</dd>
    </div>
  );
}

/** What was asked: agent, environment, class and risk, rule, policy, request hash, deadline and approver group. */
export function RequestFacts({ approval: a, open }: { approval: ApprovalDetail; open: boolean }) {
  return (
    <>
      <Row label="Agent">
        {a.agentName ? `${a.agentName} (${a.clientId})` : a.clientId}
        {a.agentOwner && <span className="text-slate-500"> · owner {a.agentOwner}</span>}
      </Row>
      <Row label="Environment">{a.environment}</Row>
      <Row label="Class and risk">
        <Badge tone={RISK_TONE[a.risk as keyof typeof RISK_TONE] ?? "slate"}>
          {a.action} · {a.risk} risk
        </Badge>
      </Row>
      <Row label="Rule">
        {a.ruleId ? <code className="break-all font-mono text-xs">{a.ruleId}</code> : "—"}
        <span className="mt-1 block">
          <ConstraintChips constraints={a.constraints} />
        </span>
      </Row>
      <Row label="Policy">
        v{a.policyVersion}{" "}
        <code className="font-mono text-xs text-slate-500" title={a.policyHash}>
          {a.policyHash.slice(0, 23)}…
        </code>
      </Row>
      <Row label="Request hash">
        <code className="break-all font-mono text-xs text-slate-500">{a.requestHash}</code>
      </Row>
      {open ? (
        <Row label="Expires">
          <RelativeTime at={a.expiresAt} />
        </Row>
      ) : (
        <Row label={a.decidedAt ? "Decided" : "Expired"}>
          <AbsoluteTime at={a.decidedAt ?? a.expiresAt} />
        </Row>
      )}
      {a.approverGroup && (
        <Row label="Approver group">
          {a.approverGroup.split(",").join(" + ")}
          {a.escalatedTo && (
            <span className="ml-2">
              <Badge tone="amber">escalated to {a.escalatedTo}</Badge>
            </span>
          )}
        </Row>
      )}
      {!a.approverGroup && a.escalatedAt && (
        <Row label="Escalated">
          <Badge tone="amber">
            escalated <RelativeTime at={a.escalatedAt} />
          </Badge>
        </Row>
      )}
    </>
  );
}

/** How it is being decided: a standing approval's window, approvals so far, votes, and who decided. */
export function DecisionFacts({ approval: a }: { approval: ApprovalDetail }) {
  const approvesSoFar = a.votes.filter((v) => v.vote === "approve").length;
  return (
    <>
      {a.scope === "window" && (
        <Row label="Standing approval">
          reusable
          {a.windowEndsAt ? (
            <>
              {" "}
              until <RelativeTime at={a.windowEndsAt} />
            </>
          ) : (
            " for its window once approved"
          )}{" "}
          · used {a.useCount}×
        </Row>
      )}
      {a.approvalsRequired > 1 && (
        <Row label="Approvals">
          {approvesSoFar} of {a.approvalsRequired} (different people)
        </Row>
      )}
      {a.votes.length > 0 && (
        <Row label="Votes">
          <ul>
            {a.votes.map((v) => (
              <li key={v.userLabel}>
                {v.vote === "approve" ? "✓" : "✕"} {v.userLabel}
                {v.groupName && <span className="text-slate-500"> ({v.groupName})</span>}
                {v.channel && v.channel !== "console" && (
                  <span className="text-slate-500"> · via {CHANNEL_LABEL[v.channel] ?? v.channel}</span>
                )}
                {v.reason && <span className="text-slate-500"> — “{v.reason}”</span>}
              </li>
            ))}
          </ul>
        </Row>
      )}
      {a.decidedBy && (
        <Row label="Decided by">
          {a.decidedBy}
          {a.decidedChannel && a.decidedChannel !== "console" && (
            <span className="text-slate-500"> · via {CHANNEL_LABEL[a.decidedChannel] ?? a.decidedChannel}</span>
          )}
          {a.decisionReason && ` — “${a.decisionReason}”`}
          {a.decidedPolicyHash && (
            <span className="block font-mono text-xs text-slate-500">under {a.decidedPolicyHash.slice(0, 23)}…</span>
          )}
        </Row>
      )}
    </>
  );
}

/** The call's arguments (masked), the edited ones beside them, or the editor while an approver edits. */
export function ArgumentsView({
  approval: a,
  editing,
  editError,
  onEdit,
}: {
  approval: ApprovalDetail;
  editing: string | null;
  editError: string | null;
  onEdit: (text: string) => void;
}) {
  return (
    <>
      <h3 className="mt-4 text-xs font-semibold uppercase tracking-wide text-slate-500">
        Arguments {a.arguments_visible && <span className="font-normal normal-case">(sensitive values masked)</span>}
      </h3>
      {a.arguments_visible && a.approvedArguments ? (
        <div className="mt-1 grid gap-2 md:grid-cols-2" data-testid="approval-arguments-diff">
          <div>
            <div className="text-xs text-slate-500">Requested</div>
            <pre className="max-h-72 overflow-auto rounded bg-red-50 p-3 font-mono text-xs">
              {JSON.stringify(a.arguments, null, 2)}
            </pre>
          </div>
          <div>
            <div className="text-xs text-slate-500">Approved (edited)</div>
            <pre className="max-h-72 overflow-auto rounded bg-emerald-50 p-3 font-mono text-xs">
              {JSON.stringify(a.approvedArguments, null, 2)}
            </pre>
          </div>
        </div>
      ) : a.arguments_visible && editing !== null ? (
        <div className="mt-1">
          <textarea
            aria-label="Edited arguments"
            value={editing}
            onChange={(e) => onEdit(e.target.value)}
            rows={8}
            className="w-full rounded-md p-2 font-mono text-xs ring-1 ring-indigo-300"
          />
          <p className="text-xs text-slate-500">
            Approve binds the grant to exactly these arguments; the agent learns them from its approval status. Masked
            values stay masked.
          </p>
          {editError && (
            <p role="alert" className="text-xs text-red-600">
              {editError}
            </p>
          )}
        </div>
      ) : a.arguments_visible ? (
        <pre
          className="mt-1 max-h-72 overflow-auto rounded bg-slate-50 p-3 font-mono text-xs"
          data-testid="approval-arguments"
        >
          {JSON.stringify(a.arguments, null, 2)}
        </pre>
      ) : (
        <p className="mt-1 text-sm text-slate-500">Your role sees metadata only.</p>
      )}
    </>
  );
}

export function RecentDecisions({ decisions }: { decisions: ApprovalDetail["recent_decisions"] }) {
  return (
    <>
      <h3 className="mt-5 text-xs font-semibold uppercase tracking-wide text-slate-500">
        This agent’s recent decisions
      </h3>
      <ul className="mt-1 divide-y divide-slate-100 text-sm">
        {decisions.length === 0 && <li className="py-1 text-slate-500">None.</li>}
        {decisions.map((d) => (
          <li key={d.id} className="flex items-center justify-between gap-2 py-1">
            <span className="truncate">
              {d.server} · {d.tool} <span className="text-xs text-slate-500">{d.reason}</span>
            </span>
            <span className="flex items-center gap-2">
              <DecisionBadge decision={d.outcome} />
              <span className="text-xs text-slate-500">
                <RelativeTime at={d.at} />
              </span>
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
