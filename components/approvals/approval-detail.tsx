"use client";

import { useConfirm } from "@/components/ui/confirm";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useAnnounce } from "@/components/ui/announcer";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Alert, Input } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { useKeyboardShortcuts } from "@/lib/client/use-keyboard-shortcuts";
import { api } from "@/lib/client/api";
import { StatusBadge } from "./status";
import type { ApprovalDetail } from "./types";
import { ArgumentsView, DecisionFacts, RecentDecisions, RequestFacts } from "./approval-facts";
import { Waiting } from "./waiting";

export function ApprovalDetailPanel({
  id,
  canDecide,
  onDecided,
}: {
  id: string;
  canDecide: boolean;
  /** Called once this request is decided here, so the queue can move on to the next one. */
  onDecided?: (id: string) => void;
}) {
  const confirm = useConfirm();
  const detail = useQuery({
    queryKey: ["approval", id],
    queryFn: () => api<ApprovalDetail>(`/api/console/approvals/${id}`),
    refetchInterval: 5_000,
  });
  const [reason, setReason] = useState("");
  const [editing, setEditing] = useState<string | null>(null);
  const [editError, setEditError] = useState<string | null>(null);
  const [needReason, setNeedReason] = useState(false);
  const reasonRef = useRef<HTMLInputElement>(null);
  const vote = useVote(id, detail.data, reason, () => {
    setReason("");
    setEditing(null);
    onDecided?.(id);
  });
  const a = detail.data;
  const open = a?.status === "PENDING";

  async function approve() {
    if (!a) return;
    const high = a.risk === "high";
    const args = editing === null ? undefined : editedArguments(editing);
    if (args === null) return setEditError("The edited arguments must be a JSON object.");
    if (high && !(await confirm(highRiskPrompt(a, Boolean(args))))) return;
    vote.mutate({ approve: true, args });
  }
  function deny() {
    if (!reason.trim()) {
      setNeedReason(true);
      reasonRef.current?.focus();
      return;
    }
    vote.mutate({ approve: false });
  }

  useKeyboardShortcuts({ a: () => void approve(), d: deny }, canDecide && open);

  if (detail.isPending || detail.isError || !a)
    return (
      <Card title="Details">
        {detail.isPending ? (
          <p className="text-sm text-slate-500">Loading…</p>
        ) : (
          <Alert>{detail.error?.message ?? "Not found"}</Alert>
        )}
      </Card>
    );

  return (
    <Card
      title={
        <span className="flex flex-wrap items-center gap-2">
          {a.server} · {a.tool} <StatusBadge approval={a} />
        </span>
      }
      description={
        <>
          Requested by <strong>{a.agentName || a.clientId}</strong> in {a.environment} <RelativeTime at={a.createdAt} />
        </>
      }
      actions={open ? <Waiting since={a.createdAt} /> : undefined}
    >
      <div data-testid="approval-detail">
        <dl className="divide-y divide-slate-50">
          <RequestFacts approval={a} open={open} />
          <DecisionFacts approval={a} />
        </dl>
        <ArgumentsView
          approval={a}
          editing={editing}
          editError={editError}
          onEdit={(text) => {
            setEditing(text);
            setEditError(null);
          }}
        />
        {canDecide && open && (
          <div className="mt-4 space-y-2 rounded-lg bg-slate-50 p-3">
            <Input
              ref={reasonRef}
              aria-label="Reason"
              placeholder="Reason (required to deny)"
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                setNeedReason(false);
              }}
            />
            {needReason && (
              <p role="alert" className="text-xs text-red-600">
                Give a reason to deny.
              </p>
            )}
            <div className="flex flex-wrap gap-2">
              <Button onClick={approve} disabled={vote.isPending}>
                {editing !== null ? "Approve edited call" : "Approve"}
              </Button>
              <Button variant="danger" onClick={deny} disabled={vote.isPending}>
                Deny
              </Button>
              {a.arguments_visible && a.scope !== "window" && (
                <Button
                  variant="secondary"
                  onClick={() => setEditing(editing === null ? JSON.stringify(a.arguments, null, 2) : null)}
                  disabled={vote.isPending}
                >
                  {editing === null ? "Edit arguments…" : "Cancel edit"}
                </Button>
              )}
            </div>
            {vote.isError && <Alert>{vote.error.message}</Alert>}
          </div>
        )}
        <RecentDecisions decisions={a.recent_decisions} />
      </div>
    </Card>
  );
}

/** The approver's edited arguments as a JSON object, or null when the text is not one. */
function editedArguments(text: string): Record<string, unknown> | null {
  try {
    const args = JSON.parse(text);
    return args && typeof args === "object" && !Array.isArray(args) ? args : null;
  } catch {
    return null;
  }
}

function highRiskPrompt(a: ApprovalDetail, edited: boolean) {
  return {
    title: "Approve a high-risk call?",
    description: `${a.server} · ${a.tool} (${a.action}) in ${a.environment}${edited ? ", with your edited arguments" : ""}.`,
    confirmLabel: "Approve high-risk call",
    destructive: true,
  };
}

/** Sends this approver's vote (with `reason` when given); `onVoted` runs once it is recorded. */
function useVote(id: string, approval: ApprovalDetail | undefined, reason: string, onVoted: () => void) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  return useMutation({
    mutationFn: ({ approve, args }: { approve: boolean; args?: unknown }) =>
      api(`/api/console/approvals/${id}/${approve ? "approve" : "deny"}`, {
        body: { ...(reason.trim() ? { reason: reason.trim() } : {}), ...(args ? { arguments: args } : {}) },
      }),
    onSuccess: (_, { approve }) => {
      announce(`${approve ? "Approved" : "Denied"}${approval ? `: ${approval.server} · ${approval.tool}` : ""}.`);
      qc.invalidateQueries({ queryKey: ["approvals"] });
      qc.invalidateQueries({ queryKey: ["approval", id] });
      qc.invalidateQueries({ queryKey: ["approvals-summary"] });
      onVoted();
    },
  });
}
