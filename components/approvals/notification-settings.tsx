"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useConfirm } from "@/components/ui/confirm";
import { Alert, Field, Input, Select } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { api } from "@/lib/client/api";
import { firstMessage, setServerErrors } from "@/lib/client/form-errors";
import type { Wire } from "@/lib/client/wire";
import { channelSchema } from "@/lib/schemas/approval-workflow";
import { NOTIFICATION_EVENT_NAMES } from "@/lib/schemas/notification-events";
import type { listChannels, listDeliveries } from "@/lib/server/approval-admin";
import { useInvalidate } from "./settings-cache";

type Channel = Wire<Awaited<ReturnType<typeof listChannels>>[number]>;
type Delivery = Wire<Awaited<ReturnType<typeof listDeliveries>>[number]>;
type ChannelInput = z.input<typeof channelSchema>;
type ChannelValues = z.output<typeof channelSchema>;
const NEW_CHANNEL: ChannelInput = { name: "", kind: "slack", target: "", events: [...NOTIFICATION_EVENT_NAMES] };
/** An empty optional field is left out rather than sent as "" (which the schema would refuse). */
const emptyAsUnset = (v: string) => (v === "" ? undefined : v);

/** Where approval notifications go: Slack webhooks, signed webhooks and e-mail addresses. */
export function Channels() {
  const channels = useQuery({
    queryKey: ["approval-settings", "channels"],
    queryFn: () => api<{ channels: Channel[] }>("/api/console/notifications/channels"),
  });
  return (
    <Card
      title="Notifications"
      description="New, escalated and timed-out requests, with a link to the request. Webhooks go through the SSRF guard; generic webhooks are signed (X-MGC-Signature: sha256=HMAC(secret, timestamp.body))."
    >
      <ChannelForm />
      <ChannelList channels={channels.data?.channels} />
    </Card>
  );
}

/** A new channel, checked by the API's channelSchema; a refused URL (SSRF guard) comes back beside the field. */
function ChannelForm() {
  const refresh = useInvalidate();
  const form = useForm<ChannelInput, unknown, ChannelValues>({
    resolver: zodResolver(channelSchema),
    defaultValues: NEW_CHANNEL,
  });
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const create = useMutation({
    mutationFn: (body: ChannelValues) => api("/api/console/notifications/channels", { body }),
  });
  const kind = form.watch("kind");
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (v) => {
    try {
      await create.mutateAsync(v.kind === "webhook" ? v : { ...v, secret: undefined });
    } catch (err) {
      const placed = setServerErrors(form.setError, err, ["name", "kind", "target", "secret", "events"]);
      setMessage(placed ? null : { tone: "error", text: err instanceof Error ? err.message : "Could not add it." });
      return;
    }
    setMessage({ tone: "success", text: `Added channel ${v.name}.` });
    form.reset(NEW_CHANNEL);
    refresh();
  });
  return (
    <form
      noValidate
      onSubmit={onSubmit}
      aria-label="Add a notification channel"
      className="mb-4 grid gap-3 md:grid-cols-[minmax(0,1fr)_15rem_minmax(0,2fr)_minmax(0,1fr)_auto] md:items-start"
    >
      <Field label="Name" error={errors.name?.message}>
        <Input autoComplete="off" {...form.register("name")} />
      </Field>
      <Field label="Kind" error={errors.kind?.message}>
        <Select {...form.register("kind")}>
          <option value="slack">Slack webhook</option>
          <option value="webhook">Generic webhook (signed)</option>
          <option value="email">E-mail</option>
        </Select>
      </Field>
      <div className={kind === "webhook" ? "" : "md:col-span-2"}>
        <Field label={kind === "email" ? "E-mail address" : "URL"} error={errors.target?.message}>
          <Input
            placeholder={kind === "email" ? "approvers@example.com" : "https://hooks.example.com/…"}
            {...form.register("target")}
          />
        </Field>
      </div>
      {kind === "webhook" && (
        <Field label="Signing secret" error={errors.secret?.message} hint="At least 16 characters.">
          <Input
            type="password"
            autoComplete="new-password"
            {...form.register("secret", { setValueAs: emptyAsUnset })}
          />
        </Field>
      )}
      <Button type="submit" className="md:mt-6" disabled={create.isPending}>
        {create.isPending ? "Adding…" : "Add channel"}
      </Button>
      <fieldset className="md:col-span-5" aria-describedby={errors.events ? "channel-events-error" : undefined}>
        <legend className="mb-1 text-sm font-medium text-slate-700">Events</legend>
        <div className="flex flex-wrap gap-3 text-sm">
          {NOTIFICATION_EVENT_NAMES.map((ev) => (
            <label key={ev} className="flex items-center gap-1">
              <input type="checkbox" value={ev} {...form.register("events")} /> {ev}
            </label>
          ))}
        </div>
        {errors.events && (
          <span id="channel-events-error" role="alert" className="mt-1 block text-xs text-red-600">
            {firstMessage(errors.events)}
          </span>
        )}
      </fieldset>
      {message && (
        <div className="md:col-span-5">
          <Alert tone={message.tone}>{message.text}</Alert>
        </div>
      )}
    </form>
  );
}

function ChannelList({ channels }: { channels: Channel[] | undefined }) {
  const confirm = useConfirm();
  const refresh = useInvalidate();
  const remove = useMutation({
    mutationFn: (id: string) => api(`/api/console/notifications/channels/${id}`, { method: "DELETE" }),
    onSuccess: refresh,
  });
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {channels?.map((c) => (
        <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{c.name}</span>
            <Badge>{c.kind}</Badge>
            {c.signed && <Badge tone="green">signed</Badge>}
            <code className="font-mono text-xs text-slate-500">{c.target}</code>
            <span className="text-xs text-slate-500">{c.events.join(", ")}</span>
          </span>
          <Button
            variant="danger"
            onClick={async () =>
              (await confirm({
                title: `Remove channel ${c.name}?`,
                description: "It stops receiving approval notifications.",
                confirmLabel: "Remove channel",
                destructive: true,
              })) && remove.mutate(c.id)
            }
          >
            Remove
          </Button>
        </li>
      ))}
      {channels?.length === 0 && <li className="py-2 text-slate-500">No channels yet.</li>}
    </ul>
  );
}

export function Deliveries() {
  const q = useQuery({
    queryKey: ["approval-settings", "deliveries"],
    queryFn: () => api<{ deliveries: Delivery[] }>("/api/console/notifications/deliveries"),
    refetchInterval: 5_000,
  });
  return (
    <Card
      title="Delivery log"
      description="Failed deliveries are retried with backoff (6 attempts); a failing destination never blocks a decision."
    >
      {q.data?.deliveries.length === 0 && <p className="text-sm text-slate-500">Nothing sent yet.</p>}
      <ul className="divide-y divide-slate-100 text-sm">
        {q.data?.deliveries.map((d) => (
          <li key={d.id} className="flex flex-wrap items-center gap-2 py-1.5">
            <Badge tone={d.status === "delivered" ? "green" : d.status === "failed" ? "red" : "amber"}>
              {d.status}
            </Badge>
            <span>{d.event}</span>
            <span className="text-slate-500">attempts {d.attempts}</span>
            {d.lastError && <span className="text-red-700">{d.lastError}</span>}
            <span className="text-xs text-slate-500">
              <RelativeTime at={d.createdAt} />
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
