"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Check, ShieldX } from "lucide-react";
import Link from "next/link";
import { useRef, useState, type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Alert, Input } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { api } from "@/lib/client/api";
import { CATEGORY_STYLE, HighlightedText } from "./highlighted-text";
import type { QuarantineDetail } from "./types";

export function StatusBadge({ status }: { status: string }) {
  if (status === "RELEASED")
    return (
      <Badge tone="green">
        <Check size={12} aria-hidden /> released
      </Badge>
    );
  if (status === "CONFIRMED")
    return (
      <Badge tone="red">
        <ShieldX size={12} aria-hidden /> confirmed
      </Badge>
    );
  return <Badge tone="amber">waiting</Badge>;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[7rem_minmax(0,1fr)] gap-2 py-1 text-sm sm:grid-cols-[9rem_minmax(0,1fr)]">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900">{children}</dd>
    </div>
  );
}

export function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(2)} MB`;
}

export function QuarantineDetailPanel({ id, canReview }: { id: string; canReview: boolean }) {
  const detail = useQuery({
    queryKey: ["quarantined", id],
    queryFn: () => api<QuarantineDetail>(`/api/console/outputs/${id}`),
  });

  if (detail.isPending)
    return (
      <Card title="Details">
        <p className="text-sm text-slate-500">Loading…</p>
      </Card>
    );
  if (detail.isError || !detail.data)
    return (
      <Card title="Details">
        <Alert>{detail.error?.message ?? "Not found"}</Alert>
      </Card>
    );
  const q = detail.data;
  const open = q.status === "PENDING";

  return (
    <Card
      title={
        <span className="flex flex-wrap items-center gap-2">
          {q.server || "(no server)"} · {q.tool || "(no tool)"} <StatusBadge status={q.status} />
        </span>
      }
      description={
        <>
          Withheld from <strong>{q.caller.name}</strong>
          {q.environment ? ` in ${q.environment}` : ""} <RelativeTime at={q.createdAt} />
        </>
      }
    >
      <div data-testid="quarantine-detail">
        <dl className="divide-y divide-slate-50">
          <Row label="Caller">
            {q.caller.type === "agent"
              ? `agent ${q.caller.name}${q.caller.clientId ? ` (${q.caller.clientId})` : ""}`
              : `console user ${q.caller.name}`}
          </Row>
          <Row label="Came from">
            {q.source === "result" ? "a reported tool result" : "POST /api/v1/inspect"}
            {q.decisionId && (
              <>
                {" "}
                ·{" "}
                <Link className="text-indigo-700 hover:underline" href={`/audit/decisions/${q.decisionId}`}>
                  decision
                </Link>
              </>
            )}
          </Row>
          <Row label="Size">{formatBytes(q.outputBytes)}</Row>
          {q.reviewedBy && (
            <Row label={q.status === "RELEASED" ? "Released by" : "Confirmed by"}>
              {q.reviewedBy}
              {q.reviewReason && ` — “${q.reviewReason}”`}
              {q.reviewedAt && (
                <span className="text-slate-500">
                  {" "}
                  · <RelativeTime at={q.reviewedAt} />
                </span>
              )}
            </Row>
          )}
          {q.status === "RELEASED" && (
            <Row label="Agent receives">
              {q.releaseAction === "REDACT" ? "the output with secrets and PII still redacted" : "the output as it was"}
            </Row>
          )}
        </dl>

        <h3 className="mt-4 text-xs font-semibold uppercase tracking-wide text-slate-500">Findings</h3>
        <ul className="mt-1 flex flex-wrap gap-1.5" data-testid="quarantine-findings">
          {q.findings.map((f, i) => (
            <li key={i}>
              <Badge
                tone={CATEGORY_STYLE[f.category]?.badge ?? "slate"}
                title={`${CATEGORY_STYLE[f.category]?.label ?? f.category} at ${f.path || "(top level)"} [${f.start}, ${f.end}) · confidence ${f.confidence}`}
              >
                {f.kind}
              </Badge>
            </li>
          ))}
        </ul>

        <h3 className="mt-4 text-xs font-semibold uppercase tracking-wide text-slate-500">In context</h3>
        {q.purged ? (
          <p className="mt-1 text-sm text-slate-500">
            The text was purged after the retention period; the findings above remain.
          </p>
        ) : (
          <div className="mt-1 space-y-3" data-testid="quarantine-contexts">
            {q.contexts.map((c) => (
              <div key={c.path}>
                <div className="mb-1 font-mono text-xs text-slate-500">
                  {c.path || "(the whole output)"} · {c.length.toLocaleString()} characters
                </div>
                {c.missing && <p className="text-sm text-slate-500">This path is not a string in the stored output.</p>}
                <div className="space-y-2">
                  {c.windows.map((w) => (
                    <HighlightedText
                      key={w.offset}
                      text={w.text}
                      marks={w.marks}
                      before={w.offset > 0}
                      after={w.offset + w.text.length < c.length}
                    />
                  ))}
                </div>
              </div>
            ))}
          </div>
        )}
        {q.preview && (
          <details className="mt-3">
            <summary className="cursor-pointer text-sm text-indigo-700">
              Whole output{q.preview.truncated ? " (first 20,000 characters)" : ""}
            </summary>
            <pre className="mt-2 max-h-96 overflow-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-3 font-mono text-xs">
              {q.preview.text}
            </pre>
          </details>
        )}

        {canReview && open && <ReviewActions id={id} purged={q.purged} />}
      </div>
    </Card>
  );
}

/** Release (with a reason) or confirm an output still waiting for review; both are audited. */
function ReviewActions({ id, purged }: { id: string; purged: boolean }) {
  const qc = useQueryClient();
  const [reason, setReason] = useState("");
  const [needReason, setNeedReason] = useState(false);
  const reasonRef = useRef<HTMLInputElement>(null);
  const act = useMutation({
    mutationFn: (action: "release" | "confirm") =>
      api(`/api/console/outputs/${id}/${action}`, { body: reason.trim() ? { reason: reason.trim() } : {} }),
    onSuccess: () => {
      setReason("");
      qc.invalidateQueries({ queryKey: ["quarantine"] });
      qc.invalidateQueries({ queryKey: ["quarantined", id] });
    },
  });

  function release() {
    if (reason.trim().length < 3) {
      setNeedReason(true);
      reasonRef.current?.focus();
      return;
    }
    act.mutate("release");
  }

  return (
    <div className="mt-4 space-y-2 rounded-lg bg-slate-50 p-3">
      <Input
        ref={reasonRef}
        aria-label="Reason"
        placeholder="Reason (required to release)"
        value={reason}
        onChange={(e) => {
          setReason(e.target.value);
          setNeedReason(false);
        }}
      />
      {needReason && (
        <p role="alert" className="text-xs text-red-600">
          Give a reason (3 characters or more) to release.
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={release} disabled={act.isPending || purged}>
          Release to the agent
        </Button>
        <Button variant="danger" onClick={() => act.mutate("confirm")} disabled={act.isPending}>
          Confirm quarantine
        </Button>
      </div>
      <p className="text-xs text-slate-500">
        Release lets the caller fetch the output (secrets and PII stay redacted). Confirm keeps it withheld. Both are
        audited.
      </p>
      {act.isError && <Alert>{act.error.message}</Alert>}
    </div>
  );
}
