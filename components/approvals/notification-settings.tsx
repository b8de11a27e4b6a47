"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useConfirm } from "@/components/ui/confirm";
import { Alert, Field, Input, Select } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { api } from "@/lib/client/api";
import { useInvalidate } from "./settings-cache";

interface Channel {
  id: string;
  name: string;
  kind: string;
  target: string;
  events: string[];
  enabled: boolean;
  signed: boolean;
}
interface Delivery {
  id: string;
  channelId: string;
  event: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}
interface SmtpView {
  configured: boolean;
  host?: string;
  port?: number;
  from?: string;
  user?: string;
  secure?: boolean;
  starttls?: boolean;
  approverLinks?: boolean;
}

const EVENTS = ["approval.requested", "approval.escalated", "approval.expired"];

/** Where approval notifications go: channels (Slack, signed webhooks, e-mail) and the SMTP server e-mail uses. */
export function Channels() {
  const channels = useQuery({
    queryKey: ["approval-settings", "channels"],
    queryFn: () => api<{ channels: Channel[] }>("/api/console/notifications/channels"),
  });
  const [error, setError] = useState<string | null>(null);
  return (
    <Card
      title="Notifications"
      description="New, escalated and timed-out requests, with a link to the request. Webhooks go through the SSRF guard; generic webhooks are signed (X-MGC-Signature: sha256=HMAC(secret, timestamp.body))."
    >
      <ChannelForm onResult={setError} />
      {error && (
        <div className="mb-3">
          <Alert>{error}</Alert>
        </div>
      )}
      <ChannelList channels={channels.data?.channels} />
      <SmtpSettings onResult={setError} />
    </Card>
  );
}

/** A new channel; `onResult` gets the API's error, or null once it is added. */
function ChannelForm({ onResult }: { onResult: (error: string | null) => void }) {
  const refresh = useInvalidate();
  const [kind, setKind] = useState("slack");
  const create = useMutation({
    mutationFn: (body: object) => api("/api/console/notifications/channels", { body }),
    onSuccess: () => {
      onResult(null);
      refresh();
    },
    onError: (e) => onResult(e.message),
  });
  return (
    <form
      className="mb-4 grid gap-3 md:grid-cols-6 md:items-end"
      onSubmit={(e: FormEvent<HTMLFormElement>) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const secret = String(f.get("secret") ?? "");
        create.mutate({
          name: String(f.get("name")),
          kind,
          target: String(f.get("target")),
          events: EVENTS.filter((ev) => f.get(ev) === "on"),
          ...(secret ? { secret } : {}),
        });
      }}
    >
      <Field label="Name">
        <Input name="name" required />
      </Field>
      <Field label="Kind">
        <Select value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="slack">Slack webhook</option>
          <option value="webhook">Generic webhook (signed)</option>
          <option value="email">E-mail</option>
        </Select>
      </Field>
      <div className="md:col-span-2">
        <Field label={kind === "email" ? "E-mail address" : "URL"}>
          <Input
            name="target"
            required
            placeholder={kind === "email" ? "approvers@example.com" : "https://hooks.example.com/…"}
          />
        </Field>
      </div>
      {kind === "webhook" ? (
        <Field label="Signing secret">
          <Input name="secret" type="password" minLength={16} />
        </Field>
      ) : (
        <div />
      )}
      <Button type="submit" disabled={create.isPending}>
        Add channel
      </Button>
      <fieldset className="flex flex-wrap gap-3 text-sm md:col-span-6">
        {EVENTS.map((ev) => (
          <label key={ev} className="flex items-center gap-1">
            <input type="checkbox" name={ev} defaultChecked /> {ev}
          </label>
        ))}
      </fieldset>
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

/** The SMTP server e-mail channels and approver links use; `onResult` gets the API's error, or null once saved. */
function SmtpSettings({ onResult }: { onResult: (error: string | null) => void }) {
  const smtp = useQuery({
    queryKey: ["approval-settings", "smtp"],
    queryFn: () => api<SmtpView>("/api/console/notifications/smtp"),
  });
  const refresh = useInvalidate();
  const saveSmtp = useMutation({
    mutationFn: (body: object) => api("/api/console/notifications/smtp", { method: "PUT", body }),
    onSuccess: () => {
      onResult(null);
      refresh();
    },
    onError: (e) => onResult(e.message),
  });
  return (
    <>
      <h3 className="mt-5 text-sm font-semibold">
        SMTP for e-mail{" "}
        {smtp.data?.configured ? (
          <Badge tone="green">
            configured: {smtp.data.host}:{smtp.data.port}
          </Badge>
        ) : (
          <Badge>not configured</Badge>
        )}
      </h3>
      <form
        className="mt-2 grid gap-3 md:grid-cols-6 md:items-end"
        onSubmit={(e: FormEvent<HTMLFormElement>) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const user = String(f.get("user") ?? "");
          const password = String(f.get("password") ?? "");
          saveSmtp.mutate({
            host: String(f.get("host")),
            port: Number(f.get("port")),
            secure: f.get("secure") === "on",
            starttls: f.get("starttls") === "on",
            approverLinks: f.get("approverLinks") === "on",
            from: String(f.get("from")),
            ...(user ? { user } : {}),
            ...(password ? { password } : {}),
          });
        }}
      >
        <Field label="Host">
          <Input name="host" required defaultValue={smtp.data?.host} />
        </Field>
        <Field label="Port">
          <Input name="port" type="number" required defaultValue={smtp.data?.port ?? 587} />
        </Field>
        <Field label="From">
          <Input name="from" required defaultValue={smtp.data?.from} />
        </Field>
        <Field label="User">
          <Input name="user" defaultValue={smtp.data?.user} />
        </Field>
        <Field label="Password">
          <Input name="password" type="password" autoComplete="new-password" placeholder="empty keeps the stored one" />
        </Field>
        <div className="flex flex-wrap items-center gap-3">
          <label className="flex items-center gap-1 text-sm">
            <input type="checkbox" name="secure" defaultChecked={smtp.data?.secure} /> TLS
          </label>
          <label className="flex items-center gap-1 text-sm">
            <input type="checkbox" name="starttls" defaultChecked={smtp.data?.starttls} /> Require STARTTLS
          </label>
          <Button type="submit" disabled={saveSmtp.isPending}>
            Save SMTP
          </Button>
        </div>
        <label className="flex items-center gap-2 text-sm md:col-span-6">
          <input type="checkbox" name="approverLinks" defaultChecked={smtp.data?.approverLinks} />
          E-mail each person who may decide a request, with one-time approve / deny links (each opens a confirmation
          page in the console; a link alone never decides)
        </label>
      </form>
    </>
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
