"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/field";
import { AbsoluteTime, RelativeTime } from "@/components/ui/relative-time";
import { useConfirm } from "@/components/ui/confirm";
import { api } from "@/lib/client/api";

interface LinkStatus {
  linked: boolean;
  slack_user_id: string | null;
  verified_at: string | null;
  code_pending: boolean;
}

/** The person's own Slack mapping: verified by a one-time code they send from Slack, so nobody can claim another's. */
export function SlackLink() {
  const qc = useQueryClient();
  const confirm = useConfirm();
  const key = ["account", "slack"];
  const status = useQuery({ queryKey: key, queryFn: () => api<LinkStatus>("/api/console/account/slack") });
  const [code, setCode] = useState<{ command: string; expires_at: string } | null>(null);
  const start = useMutation({
    mutationFn: () => api<{ command: string; expires_at: string }>("/api/console/account/slack", { method: "POST" }),
    onSuccess: (c) => setCode(c),
  });
  const unlink = useMutation({
    mutationFn: () => api<LinkStatus>("/api/console/account/slack", { method: "DELETE" }),
    onSuccess: () => {
      setCode(null);
      qc.invalidateQueries({ queryKey: key });
    },
  });
  const s = status.data;
  return (
    <Card
      title={
        <span className="flex items-center gap-2">
          Slack {s?.linked ? <Badge tone="green">linked</Badge> : <Badge>not linked</Badge>}
        </span>
      }
      description="Approve and deny from the approval messages in Slack. Your Slack account answers as you, with your role and groups."
    >
      {status.isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {status.isError && <Alert>{status.error.message}</Alert>}
      {s?.linked && (
        <div className="flex flex-wrap items-center justify-between gap-3" data-testid="slack-linked">
          <p className="text-sm text-slate-700">
            Slack user <code className="font-mono">{s.slack_user_id}</code> · verified{" "}
            {s.verified_at && <RelativeTime at={s.verified_at} />}
          </p>
          <Button
            variant="danger"
            onClick={async () =>
              (await confirm({
                title: "Unlink Slack?",
                description: "Clicks on approval messages from that Slack account will be refused.",
                confirmLabel: "Unlink",
                destructive: true,
              })) && unlink.mutate()
            }
          >
            Unlink
          </Button>
        </div>
      )}
      {s && !s.linked && (
        <div className="space-y-3">
          <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
            <li>Get a one-time code here (it works once, for 10 minutes).</li>
            <li>In Slack, send the command shown, in any channel or in a direct message with the app.</li>
            <li>Reload this page: it shows your Slack user as linked.</li>
          </ol>
          <Button onClick={() => start.mutate()} disabled={start.isPending}>
            {code ? "Get a new code" : "Link Slack"}
          </Button>
          {start.isError && <Alert>{start.error.message}</Alert>}
          {code && (
            <div className="rounded-lg bg-indigo-50 p-3 ring-1 ring-indigo-200" data-testid="slack-code">
              <p className="text-sm text-indigo-900">Send this in Slack:</p>
              <code className="mt-1 block font-mono text-base font-semibold text-indigo-950">{code.command}</code>
              <p className="mt-1 text-xs text-indigo-800">
                Expires <AbsoluteTime at={code.expires_at} />. It is shown once.
              </p>
            </div>
          )}
        </div>
      )}
    </Card>
  );
}
