"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useForm } from "react-hook-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Alert, Field } from "@/components/ui/field";
import { AbsoluteTime } from "@/components/ui/relative-time";
import { api } from "@/lib/client/api";
import { setServerErrors } from "@/lib/client/form-errors";
import type { ApprovalSummary } from "@/lib/schemas/approval-channels";
import { approvalLinkReasonForm } from "@/lib/schemas/approvals";
import { Row } from "./approval-facts";
import { RISK_TONE } from "./approval-queue";
import { ConstraintChips } from "./status";
import { Waiting } from "./waiting";

/** What the link page shows: the channels' summary of the request (lib/schemas/approval-channels.ts). */
type Summary = Pick<
  ApprovalSummary,
  | "id"
  | "environment"
  | "agent"
  | "server"
  | "tool"
  | "action"
  | "risk"
  | "rule_id"
  | "constraints"
  | "arguments"
  | "votes"
  | "approvals_required"
  | "created_at"
  | "expires_at"
>;

/** The answer an e-mail link asked for, confirmed by the signed-in person (a POST; the page's GET decided nothing). */
export function ConfirmLinkForm({
  token,
  action,
  approval: a,
}: {
  token: string;
  action: "approve" | "deny";
  approval: Summary;
}) {
  const form = useForm<{ reason?: string }>({
    resolver: zodResolver(approvalLinkReasonForm[action]),
    defaultValues: { reason: "" },
  });
  const confirm = useMutation({
    mutationFn: ({ reason }: { reason?: string }) =>
      api<{ status: string }>("/api/console/approval-links/confirm", {
        body: { token, ...(reason ? { reason } : {}) },
      }),
  });
  const onSubmit = form.handleSubmit(async (v) => {
    try {
      await confirm.mutateAsync(v);
    } catch (err) {
      setServerErrors(form.setError, err, ["reason"]);
    }
  });
  const reasonError = form.formState.errors.reason?.message;
  const done = confirm.data;
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <Card
        title={
          <span className="flex flex-wrap items-center gap-2">
            {a.server} · {a.tool}
            <Badge tone={RISK_TONE[a.risk as keyof typeof RISK_TONE] ?? "slate"}>{a.risk} risk</Badge>
          </span>
        }
        description={`${a.agent} in ${a.environment}`}
      >
        <dl>
          <Row label="Action">{a.action}</Row>
          <Row label="Rule">
            <code className="font-mono text-xs">{a.rule_id ?? "—"}</code>
          </Row>
          <Row label="Constraints">
            <ConstraintChips constraints={a.constraints} />
            {Object.keys(a.constraints).length === 0 && "none"}
          </Row>
          <Row label="Approvals">
            {a.votes} of {a.approvals_required}
          </Row>
          <Row label="Waiting">
            <Waiting since={a.created_at} />
          </Row>
          <Row label="Expires">
            <AbsoluteTime at={a.expires_at} />
          </Row>
          <Row label="Arguments">
            <pre className="max-h-72 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs ring-1 ring-slate-200">
              {JSON.stringify(a.arguments, null, 2)}
            </pre>
          </Row>
        </dl>
      </Card>
      <Card title={action === "approve" ? "Approve" : "Deny"} description="Your answer counts once, as you.">
        {done ? (
          <div className="space-y-3" data-testid="confirm-done">
            <Alert tone="success">
              {action === "approve" ? "Approved" : "Denied"} — the request is now {done.status.toLowerCase()}.
            </Alert>
            <Link className="text-sm text-indigo-600 hover:underline" href={`/approvals?id=${a.id}`}>
              Open the request in the console
            </Link>
          </div>
        ) : (
          <form onSubmit={onSubmit} className="space-y-4" noValidate>
            <Field label={action === "deny" ? "Reason (required)" : "Reason (optional)"} error={reasonError}>
              <textarea
                rows={3}
                maxLength={2000}
                {...form.register("reason")}
                className="block w-full rounded-md border-0 px-3 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-indigo-600"
              />
            </Field>
            {confirm.isError && !reasonError && <Alert>{confirm.error.message}</Alert>}
            <div className="flex flex-wrap items-center gap-3">
              <Button
                type="submit"
                variant={action === "deny" ? "destructive" : "primary"}
                disabled={confirm.isPending}
              >
                {confirm.isPending ? "Saving…" : action === "approve" ? "Confirm approval" : "Confirm denial"}
              </Button>
              <Link className="text-sm text-indigo-600 hover:underline" href={`/approvals?id=${a.id}`}>
                Edit the arguments in the console instead
              </Link>
            </div>
          </form>
        )}
      </Card>
    </div>
  );
}
