"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { AlertTriangle, CheckCircle2, Clock, Plus } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { useConfirm } from "@/components/ui/confirm";
import { Alert } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { api } from "@/lib/client/api";
import { SiemDestinationForm, type SiemDestinationRow } from "./siem-destination-form";

type Destination = SiemDestinationRow;
type Status = NonNullable<Destination["status"]>;

const KEY = ["siem-destinations"];

/** Green when caught up or delivering, amber while retrying, red after repeated failures; a word and an icon, never colour alone. */
function Health({ d }: { d: Destination }) {
  const s = d.status;
  if (!d.enabled) return <Badge>Disabled</Badge>;
  if (!s || s.attempts === 0)
    return (
      <Badge tone="green">
        <CheckCircle2 className="size-3" aria-hidden /> {s && s.lagRows === "0" ? "Caught up" : "Delivering"}
      </Badge>
    );
  return (
    <Badge tone={s.attempts >= 5 ? "red" : "amber"}>
      <AlertTriangle className="size-3" aria-hidden /> {s.attempts >= 5 ? "Failing" : "Retrying"} ({s.attempts})
    </Badge>
  );
}

function short(hash: string) {
  return `${hash.slice(0, 15)}…`;
}

function StatusGrid({ s }: { s: Status }) {
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
      <div>
        <dt className="text-slate-500">Lag</dt>
        <dd className="font-medium text-slate-900">
          {s.lagRows} rows · {s.lagSeconds} s
        </dd>
      </div>
      <div>
        <dt className="text-slate-500">Last success</dt>
        <dd>{s.lastSuccessAt ? <RelativeTime at={s.lastSuccessAt} /> : "never"}</dd>
      </div>
      <div>
        <dt className="text-slate-500">Events cursor</dt>
        <dd className="font-mono text-xs" title={s.eventHash}>
          #{s.eventSeq} {short(s.eventHash)}
        </dd>
      </div>
      <div>
        <dt className="text-slate-500">Decisions cursor</dt>
        <dd className="font-mono text-xs" title={s.decisionHash}>
          #{s.decisionSeq} {short(s.decisionHash)}
        </dd>
      </div>
      <div>
        <dt className="text-slate-500">Rows sent</dt>
        <dd>{s.sentRows}</dd>
      </div>
      {s.attempts > 0 && (
        <div>
          <dt className="text-slate-500">Next attempt</dt>
          <dd className="flex items-center gap-1">
            <Clock className="size-3" aria-hidden /> <RelativeTime at={s.nextAttemptAt} />
          </dd>
        </div>
      )}
      {s.lastError && (
        <div className="sm:col-span-2">
          <dt className="text-slate-500">Last error {s.lastErrorAt && <RelativeTime at={s.lastErrorAt} />}</dt>
          <dd className="break-words text-red-700">{s.lastError}</dd>
        </div>
      )}
    </dl>
  );
}

function DestinationCard({ d, canEdit, onEdit }: { d: Destination; canEdit: boolean; onEdit: () => void }) {
  const qc = useQueryClient();
  const confirm = useConfirm();
  const refresh = () => qc.invalidateQueries({ queryKey: KEY });
  const test = useMutation({
    mutationFn: () => api<{ ok: boolean; error?: string }>(`/api/console/siem-destinations/${d.id}/test`, { body: {} }),
  });
  const remove = useMutation({
    mutationFn: () => api(`/api/console/siem-destinations/${d.id}`, { method: "DELETE" }),
    onSuccess: refresh,
  });
  const target = d.kind === "https" ? d.config.url : `${d.config.host}:${d.config.port}${d.config.tls ? " (TLS)" : ""}`;
  return (
    <Card
      title={
        <span className="flex flex-wrap items-center gap-2">
          {d.name} <Badge tone="indigo">{d.kind === "https" ? "HTTPS" : "Syslog"}</Badge> <Health d={d} />
        </span>
      }
      description={<span className="break-all font-mono text-xs">{target}</span>}
      actions={
        canEdit && (
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" disabled={test.isPending} onClick={() => test.mutate()}>
              Send test event
            </Button>
            <Button variant="secondary" onClick={onEdit}>
              Edit
            </Button>
            <Button
              variant="danger"
              onClick={async () => {
                const ok = await confirm({
                  title: `Remove ${d.name}?`,
                  description: "Its cursor goes too: added again, it starts from the first record.",
                  confirmLabel: "Remove",
                  destructive: true,
                });
                if (ok) remove.mutate();
              }}
            >
              Remove
            </Button>
          </div>
        )
      }
    >
      {d.status && <StatusGrid s={d.status} />}
      {test.data && (
        <div className="mt-3">
          <Alert tone={test.data.ok ? "success" : "error"}>
            {test.data.ok ? "The receiver acknowledged the test event." : `Test failed: ${test.data.error}`}
          </Alert>
        </div>
      )}
      {(test.isError || remove.isError) && (
        <div className="mt-3">
          <Alert>{(test.error ?? remove.error)?.message}</Alert>
        </div>
      )}
    </Card>
  );
}

/** SIEM destinations with their export status; admins add, edit, test and remove them. */
export function SiemSettings({ canEdit }: { canEdit: boolean }) {
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: KEY,
    queryFn: () => api<{ items: Destination[] }>("/api/console/siem-destinations"),
    refetchInterval: 5_000,
  });
  const [editing, setEditing] = useState<Destination | "new" | null>(null);
  const done = () => {
    setEditing(null);
    qc.invalidateQueries({ queryKey: KEY });
  };
  const items = q.data?.items ?? [];
  return (
    <div className="space-y-6">
      {canEdit && editing === null && (
        <Button onClick={() => setEditing("new")}>
          <Plus className="size-4" aria-hidden /> Add destination
        </Button>
      )}
      {editing !== null && (
        <Card title={editing === "new" ? "New destination" : `Edit ${editing.name}`}>
          <SiemDestinationForm initial={editing === "new" ? undefined : editing} onDone={done} />
        </Card>
      )}
      {q.isLoading && <p className="text-sm text-slate-500">Loading destinations…</p>}
      {q.isError && <Alert>{q.error.message}</Alert>}
      {q.isSuccess && items.length === 0 && (
        <EmptyState title="No SIEM destination yet">
          {canEdit
            ? "Add an HTTPS collector or a syslog receiver: it receives the whole audit history first, then every new record."
            : "An admin adds destinations here; you will see their cursor, lag and last error."}
        </EmptyState>
      )}
      {!canEdit && items.length > 0 && (
        <p className="text-sm text-slate-600">
          Read only: admins add, change, test and remove destinations. You see each one's cursor, lag and last error.
        </p>
      )}
      {items.map((d) => (
        <DestinationCard key={d.id} d={d} canEdit={canEdit} onEdit={() => setEditing(d)} />
      ))}
    </div>
  );
}
