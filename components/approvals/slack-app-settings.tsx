"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DirtyBar } from "@/components/ui/dirty-bar";
import { Alert, Field, Input } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import { setServerErrors } from "@/lib/client/form-errors";
import type { Wire } from "@/lib/client/wire";
import { slackAppFormSchema } from "@/lib/schemas/approval-channels";
import type { slackAppView } from "@/lib/server/channels/settings";
import { useInvalidate } from "./settings-cache";

type SlackAppView = Wire<Awaited<ReturnType<typeof slackAppView>>>;
type SlackFormInput = z.input<typeof slackAppFormSchema>;
type SlackFormValues = z.output<typeof slackAppFormSchema>;
/** Empty secrets keep the stored ones; an empty base URL means Slack's own. */
const emptyAsUnset = (v: string) => (v.trim() === "" ? undefined : v);

function valuesOf(view: SlackAppView): SlackFormInput {
  const d = view.configured ? view : undefined;
  return {
    botToken: undefined,
    signingSecret: undefined,
    defaultChannel: d?.defaultChannel ?? "",
    apiBaseUrl: d?.apiBaseUrl ?? "https://slack.com/api",
    groupChannels: Object.entries(d?.groupChannels ?? {})
      .map(([g, c]) => `${g} = ${c}`)
      .join("\n"),
  };
}

/** The interactive Slack app approvers answer in (bot token and signing secret are write-only). */
export function SlackAppSettings() {
  const q = useQuery({
    queryKey: ["approval-settings", "slack"],
    queryFn: () => api<SlackAppView>("/api/console/notifications/slack"),
  });
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
      {q.isError && <Alert>The Slack app settings could not be loaded.</Alert>}
      {d && <SlackAppForm view={d} />}
    </Card>
  );
}

function SlackAppForm({ view }: { view: SlackAppView }) {
  const form = useForm<SlackFormInput, unknown, SlackFormValues>({
    resolver: zodResolver(slackAppFormSchema),
    defaultValues: valuesOf(view),
  });
  const refresh = useInvalidate();
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (body: SlackFormValues) =>
      api<SlackAppView>("/api/console/notifications/slack", { method: "PUT", body }),
  });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (v) => {
    try {
      await save.mutateAsync(v);
    } catch (err) {
      const fields = ["botToken", "signingSecret", "defaultChannel", "apiBaseUrl", "groupChannels"] as const;
      setServerErrors(form.setError, err, fields);
      return;
    }
    form.reset({ ...form.getValues(), botToken: undefined, signingSecret: undefined });
    await refresh();
    setSaved(true);
  });
  const stored = view.configured ? "Stored encrypted; leave empty to keep it." : undefined;
  return (
    <form
      noValidate
      onSubmit={onSubmit}
      onChange={() => setSaved(false)}
      className="grid gap-3 md:grid-cols-2 md:items-start"
      data-testid="slack-app-form"
    >
      <Field label="Bot token" error={errors.botToken?.message} hint={stored ?? "xoxb-…"}>
        <Input type="password" autoComplete="off" {...form.register("botToken", { setValueAs: emptyAsUnset })} />
      </Field>
      <Field label="Signing secret" error={errors.signingSecret?.message} hint={stored}>
        <Input type="password" autoComplete="off" {...form.register("signingSecret", { setValueAs: emptyAsUnset })} />
      </Field>
      <Field
        label="Default channel id"
        error={errors.defaultChannel?.message}
        hint="Requests without a mapped group go here, e.g. C0123ABCD."
      >
        <Input {...form.register("defaultChannel")} />
      </Field>
      <Field
        label="Web API base URL"
        error={errors.apiBaseUrl?.message}
        hint="https://slack.com/api unless you test against a stand-in."
      >
        <Input {...form.register("apiBaseUrl", { setValueAs: emptyAsUnset })} />
      </Field>
      <div className="md:col-span-2">
        <Field
          label="Group channels"
          error={errors.groupChannels?.message}
          hint="One per line: approver group = channel id (sre = C0456EFGH)."
        >
          <textarea
            rows={3}
            {...form.register("groupChannels")}
            className="block w-full rounded-md border-0 px-3 py-1.5 font-mono text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-indigo-600"
          />
        </Field>
      </div>
      <div className="md:col-span-2">
        <DirtyBar
          dirty={form.formState.isDirty}
          saving={save.isPending}
          changes="Slack app"
          saved={saved ? "Saved. New requests are posted with these settings." : null}
          error={save.isError && Object.keys(errors).length === 0 ? save.error.message : null}
          onDiscard={() => {
            form.reset();
            save.reset();
          }}
        />
      </div>
    </form>
  );
}
