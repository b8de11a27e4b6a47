"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Alert, Field, Input } from "@/components/ui/field";
import { api } from "@/lib/client/api";

interface SlackAppView {
  configured: boolean;
  apiBaseUrl?: string;
  defaultChannel?: string;
  groupChannels?: Record<string, string>;
}

/** "sre=C0123" lines ⇄ the group → channel map. */
function parseGroupChannels(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split("\n")
      .map((l) => l.split("=").map((s) => s.trim()))
      .filter(([g, c]) => g && c),
  );
}

/** The interactive Slack app approvers answer in (bot token and signing secret are write-only). */
export function SlackAppSettings() {
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ["approval-settings", "slack"],
    queryFn: () => api<SlackAppView>("/api/console/notifications/slack"),
  });
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: object) => api<SlackAppView>("/api/console/notifications/slack", { method: "PUT", body }),
    onSuccess: () => {
      setError(null);
      qc.invalidateQueries({ queryKey: ["approval-settings", "slack"] });
    },
    onError: (e) => setError(e.message),
  });
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const botToken = String(f.get("botToken") ?? "").trim();
    const signingSecret = String(f.get("signingSecret") ?? "").trim();
    save.mutate({
      ...(botToken ? { botToken } : {}),
      ...(signingSecret ? { signingSecret } : {}),
      apiBaseUrl: String(f.get("apiBaseUrl") ?? "").trim() || "https://slack.com/api",
      defaultChannel: String(f.get("defaultChannel") ?? "").trim(),
      groupChannels: parseGroupChannels(String(f.get("groupChannels") ?? "")),
    });
  }
  const d = q.data;
  return (
    <Card
      title={
        <span className="flex items-center gap-2">
          Slack app {d?.configured ? <Badge tone="green">configured</Badge> : <Badge>not configured</Badge>}
        </span>
      }
      description="New requests are posted with Approve / Deny buttons to the approver group's channel, and the message shows who decided. Point the app's Interactivity and the /approvals slash command at /api/slack/interactions."
    >
      {q.isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {q.data && (
        <form onSubmit={onSubmit} className="grid gap-3 md:grid-cols-2" data-testid="slack-app-form">
          <Field label="Bot token" hint={d?.configured ? "Stored encrypted; leave empty to keep it." : "xoxb-…"}>
            <Input name="botToken" type="password" autoComplete="off" />
          </Field>
          <Field label="Signing secret" hint={d?.configured ? "Stored encrypted; leave empty to keep it." : undefined}>
            <Input name="signingSecret" type="password" autoComplete="off" />
          </Field>
          <Field label="Default channel id" hint="Requests without a mapped group go here, e.g. C0123ABCD.">
            <Input name="defaultChannel" required defaultValue={d?.defaultChannel} />
          </Field>
          <Field label="Web API base URL" hint="https://slack.com/api unless you test against a stand-in.">
            <Input name="apiBaseUrl" defaultValue={d?.apiBaseUrl ?? "https://slack.com/api"} />
          </Field>
          <div className="md:col-span-2">
            <Field label="Group channels" hint="One per line: approver group = channel id (sre = C0456EFGH).">
              <textarea
                name="groupChannels"
                rows={3}
                defaultValue={Object.entries(d?.groupChannels ?? {})
                  .map(([g, c]) => `${g} = ${c}`)
                  .join("\n")}
                className="block w-full rounded-md border-0 px-3 py-1.5 font-mono text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-indigo-600"
              />
            </Field>
          </div>
          <div className="flex items-center gap-3 md:col-span-2">
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Save Slack app"}
            </Button>
            {save.isSuccess && <span className="text-sm text-green-700">Saved.</span>}
          </div>
          {error && (
            <div className="md:col-span-2">
              <Alert>{error}</Alert>
            </div>
          )}
        </form>
      )}
    </Card>
  );
}
